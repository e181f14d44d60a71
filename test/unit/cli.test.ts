import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyFixture, ROOT, runScript } from '../authoring/cli-helpers';

const TODAY = ['--today', '2026-11-28'];

// The per-file facts cache of the tools run here goes to a temporary folder, not node_modules/.cache.
const cacheRoot = mkdtempSync(join(tmpdir(), 'kb-cli-cache-'));
beforeEach(() => {
  vi.stubEnv('KB_CACHE_DIR', join(cacheRoot, 'shared'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(cacheRoot, { recursive: true, force: true });
});

/**
 * A copy of the health fixture. Its MDX page imports Callout by a path relative to where the
 * fixture sits in this project, and the MDX policy accepts exactly the project's
 * `src/components/Callout.astro`: the copy lives elsewhere, so its import is pointed there again.
 */
function copyHealthFixture(): string {
  const root = copyFixture('health');
  const page = join(root, 'content/runbooks/storage/disk.mdx');
  const written = "from '../../../../../../src/components/Callout.astro'";
  const source = readFileSync(page, 'utf8');
  expect(source).toContain(written);
  const component = relative(dirname(page), join(ROOT, 'src/components/Callout.astro')).split(sep).join('/');
  writeFileSync(page, source.replace(written, `from '${component}'`));
  return root;
}

describe('npm run check', () => {
  it('prints findings grouped by file with a summary, and exits 1 on errors', () => {
    const root = copyFixture('site-broken');
    const { status, stdout } = runScript('check', [...TODAY], root);
    expect(status).toBe(1);
    const lines = stdout.split('\n');
    // Pages with invalid frontmatter or MDX are not built: links to them are dangling, and nothing else links to the intro.
    // Soft: each of these fails on its own, so one regression does not hide another.
    expect
      .soft(lines.slice(0, 8))
      .toEqual([
        'content/guides/intro.md',
        '  1:1     warning No other page links to `guides/intro.md`  orphan-page',
        '                  hint: Link to it from a related runbook or guide, list the alerts that should open it, or add it to `health.orphanAllowList`',
        '  9:6     error   Cannot link to `../runbooks/dns/wrong-keys.md`: the site does not build it  dangling-link',
        '                  hint: Fix the errors `npm run check` reports in `content/runbooks/dns/wrong-keys.md`',
        '  9:54    error   Cannot link to `../runbooks/dns/broken-component.mdx`: the site does not build it  dangling-link',
        '                  hint: Fix the errors `npm run check` reports in `content/runbooks/dns/broken-component.mdx`',
        '',
      ]);
    expect
      .soft(lines.slice(8, 11))
      .toEqual([
        'content/runbooks/dns/bad-yaml.md',
        '  4:1     error   Cannot parse the frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ]  yaml-syntax',
        '                  hint: Frontmatter is YAML between two `---` lines; quote values that contain `: `, `#` or start with `[`, `{`, `*`, `&` or `!`',
      ]);
    expect
      .soft(lines.filter((line) => /^\S/.test(line) && !line.startsWith('note: ')).slice(0, -1))
      .toEqual([
        'content/guides/intro.md',
        'content/runbooks/dns/bad-yaml.md',
        'content/runbooks/dns/broken-component.mdx',
        'content/runbooks/dns/wrong-keys.md',
      ]);
    expect.soft(stdout.trim().split('\n').at(-1)).toBe('4 pages checked: 8 errors, 1 warning, 0 notices (today 2026-11-28)');
  });

  it('writes workflow commands for pull-request annotations with --format github', () => {
    const root = copyFixture('site-broken');
    const { stdout } = runScript('check', [...TODAY, '--format', 'github'], root);
    expect(stdout.split('\n')).toContain(
      '::error file=content/runbooks/dns/wrong-keys.md,line=3,col=1,title=unknown-key::Unexpected key `symptom`; did you mean `symptoms`%0AKnown keys: `title`, `description`, `symptoms`, `alerts`, `owner`, `last-reviewed`, `review-every`, `services`, `tags`, `status`, `superseded-by`, `goal`, `steps`',
    );
  });

  it('prints the whole report as JSON, without notices under --quiet', () => {
    const root = copyHealthFixture();
    const { status, stdout } = runScript('check', [...TODAY, '--format', 'json', '--quiet'], root);
    const report = JSON.parse(stdout) as { counts: Record<string, number>; findings: { rule: string }[] };
    expect(report.findings.some((f) => f.rule === 'review-due-soon')).toBe(false);
    expect(report.counts.error).toBeGreaterThan(0);
    expect(status).toBe(1);
  });

  it('limits review findings to pages changed since a git ref', () => {
    const root = copyHealthFixture();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'change');
    writeFileSync(
      join(root, 'content/runbooks/storage/lonely.md'),
      '---\ntitle: Nobody links here\nsymptoms: ["an orphan"]\nowner: storage-team\nlast-reviewed: 2026-01-10\n---\n\nEdited.\n',
    );
    const { stdout } = runScript('check', [...TODAY, '--format', 'json', '--changed-since', 'main'], root);
    const stale = (JSON.parse(stdout) as { findings: { rule: string; file: string }[] }).findings
      .filter((f) => f.rule === 'stale-page')
      .map((f) => f.file);
    expect(stale).toEqual(['content/runbooks/storage/lonely.md']);
  });

  it('rejects unknown options and values with a did-you-mean', () => {
    const root = copyFixture('health');
    expect(runScript('check', ['--fromat', 'json'], root)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^Unexpected option `--fromat`; did you mean `--format`/),
    });
    expect(runScript('check', ['--format', 'jsno'], root)).toMatchObject({
      status: 2,
      stderr: 'Unexpected `--format jsno`, expected one of `text`, `json`, `github`; did you mean `json`\n',
    });
    expect(runScript('check', ['--today', '2026-13-01'], root)).toMatchObject({
      status: 2,
      stderr: 'Unexpected date `2026-13-01`, expected YYYY-MM-DD (from --today)\n',
    });
  });
});

describe('MDX syntax on the command line', () => {
  // Symptoms that differ once search drops the numbers, so the pages do not trip `duplicate-symptom`.
  const word = (n: number) => `${'abcdefghijklmnopqrstuvwxyz'[n % 26]}${'x'.repeat(1 + Math.floor(n / 26))}`;
  const page = (n: number, body: string) =>
    `---\ntitle: Page ${n}\nsymptoms: ["symptom ${word(n)}"]\nowner: sre\nlast-reviewed: 2026-11-01\nalerts: [Alert${n}]\n---\n\n${body}\n`;
  type JsonFinding = { rule: string; file: string; line: number; column: number; message: string };

  it('checks many MDX pages on a second core, remembers what it read per file, and keeps reporting the broken one', () => {
    const cacheDir = join(cacheRoot, 'mdx');
    vi.stubEnv('KB_CACHE_DIR', cacheDir);
    const root = copyHealthFixture();
    // 40 pages and the fixture's 9 files: enough for a worker to read the second half, where `mdx-7.mdx` sorts.
    for (let n = 0; n < 40; n += 1)
      writeFileSync(join(root, `content/runbooks/dns/mdx-${n}.mdx`), page(n, n === 7 ? 'Broken {expression + }' : `<b>fine ${n}</b>`));
    const broken = 'content/runbooks/dns/mdx-7.mdx:9:22: Cannot parse MDX: Could not parse expression with acorn';
    const check = (...args: string[]) => {
      const { status, stdout } = runScript('check', [...TODAY, '--format', 'json', ...args], root);
      const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
      return {
        status,
        findings,
        mdx: findings.filter((f) => f.rule === 'mdx-syntax').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`),
      };
    };

    const first = check();
    expect(first.mdx).toEqual([broken]);
    expect(first.status).toBe(1);
    // One cache file for this knowledge base, holding the facts of every file of the content folder.
    const names = readdirSync(cacheDir);
    expect(names).toHaveLength(1);
    const cacheFile = join(cacheDir, names[0]);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: [string, unknown][] };
    expect(cached.entries.map(([path]) => path)).toHaveLength(49);
    expect(cached.entries.map(([path]) => path)).toContain('runbooks/dns/mdx-7.mdx');
    const written = statSync(cacheFile).mtimeMs;

    // Nothing changed: every file's facts come from the cache, which is not rewritten, and the broken page is still reported.
    const second = check();
    expect(second).toEqual(first);
    expect(statSync(cacheFile).mtimeMs).toBe(written);

    // --no-cache reads every file again, with the same verdicts, and leaves the cache alone.
    expect(check('--no-cache')).toEqual(first);
    expect(statSync(cacheFile).mtimeMs).toBe(written);

    // A changed file is read again.
    writeFileSync(join(root, 'content/runbooks/dns/mdx-7.mdx'), page(7, 'Fixed \\{expression + \\}'));
    const fixed = check();
    expect(fixed.mdx).toEqual([]);
    expect(fixed.findings).toEqual(first.findings.filter((f) => f.rule !== 'mdx-syntax'));
    expect(statSync(cacheFile).mtimeMs).not.toBe(written);
  });

  it('writes no cache with --no-cache', () => {
    const cacheDir = join(cacheRoot, 'none');
    vi.stubEnv('KB_CACHE_DIR', cacheDir);
    const root = copyHealthFixture();
    expect(runScript('check', [...TODAY, '--no-cache'], root).status).toBe(1);
    expect(() => readdirSync(cacheDir)).toThrow(/ENOENT/);
  });
});

describe('npm run report', () => {
  it('prints the checklist for one owner to a file', () => {
    const root = copyHealthFixture();
    expect(runScript('report', [...TODAY, '--owner', 'platform-team', '--out', 'report.md'], root).status).toBe(0);
    const markdown = readFileSync(join(root, 'report.md'), 'utf8');
    expect(markdown).toContain('## platform-team (5)');
    expect(markdown).not.toContain('## storage-team');
  });

  it('names the known owners when --owner matches none', () => {
    const root = copyHealthFixture();
    expect(runScript('report', [...TODAY, '--owner', 'platform'], root)).toMatchObject({
      status: 2,
      stderr: 'Unexpected `--owner platform`, expected one of `platform-team`, `sre`, `storage-team`\n',
    });
  });
});
