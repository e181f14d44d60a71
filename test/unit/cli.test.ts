import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, runScript } from '../authoring/cli-helpers';

const TODAY = ['--today', '2026-11-28'];

describe('npm run check', () => {
  it('prints findings grouped by file with a summary, and exits 1 on errors', () => {
    const root = copyFixture('site-broken');
    const { status, stdout } = runScript('check', [...TODAY], root);
    expect(status).toBe(1);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'content/runbooks/dns/bad-yaml.md',
      '  4:1     error   Cannot parse the frontmatter: missed comma between flow collection entries  yaml-syntax',
      '                  hint: Frontmatter is YAML between two `---` lines; quote values that contain `: `, `#` or start with `[`, `{`, `*`, `&` or `!`',
    ]);
    expect(stdout.trim().split('\n').at(-1)).toBe('4 pages checked: 8 errors, 0 warnings, 0 notices (today 2026-11-28)');
  });

  it('writes workflow commands for pull-request annotations with --format github', () => {
    const root = copyFixture('site-broken');
    const { stdout } = runScript('check', [...TODAY, '--format', 'github'], root);
    expect(stdout.split('\n')).toContain(
      '::error file=content/runbooks/dns/wrong-keys.md,line=3,col=1,title=unknown-key::Unexpected key `symptom`; did you mean `symptoms`%0AKnown keys: `title`, `description`, `symptoms`, `alerts`, `owner`, `last-reviewed`, `review-every`, `services`, `tags`, `status`, `superseded-by`',
    );
  });

  it('prints the whole report as JSON, without notices under --quiet', () => {
    const root = copyFixture('health');
    const { status, stdout } = runScript('check', [...TODAY, '--format', 'json', '--quiet'], root);
    const report = JSON.parse(stdout) as { counts: Record<string, number>; findings: { rule: string }[] };
    expect(report.findings.some((f) => f.rule === 'review-due-soon')).toBe(false);
    expect(report.counts.error).toBeGreaterThan(0);
    expect(status).toBe(1);
  });

  it('limits review findings to pages changed since a git ref', () => {
    const root = copyFixture('health');
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
  const page = (n: number, body: string) =>
    `---\ntitle: Page ${n}\nsymptoms: ["symptom ${n}"]\nowner: sre\nlast-reviewed: 2026-11-01\nalerts: [Alert${n}]\n---\n\n${body}\n`;

  it('checks many MDX pages on a second core, remembers those that passed, and keeps reporting the broken one', () => {
    const root = copyFixture('health');
    for (let n = 0; n < 30; n += 1)
      writeFileSync(join(root, `content/runbooks/dns/mdx-${n}.mdx`), page(n, n === 7 ? 'Broken {expression + }' : `<b>fine ${n}</b>`));
    const broken = 'content/runbooks/dns/mdx-7.mdx:9:22: Cannot parse MDX: Could not parse expression with acorn';
    for (let run = 0; run < 2; run += 1) {
      const { stdout } = runScript('check', [...TODAY, '--format', 'json'], root);
      const findings = (JSON.parse(stdout) as { findings: { rule: string; file: string; line: number; column: number; message: string }[] })
        .findings;
      expect(findings.filter((f) => f.rule === 'mdx-syntax').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`)).toEqual([broken]);
    }
  });
});

describe('npm run report', () => {
  it('prints the checklist for one owner to a file', () => {
    const root = copyFixture('health');
    expect(runScript('report', [...TODAY, '--owner', 'platform-team', '--out', 'report.md'], root).status).toBe(0);
    const markdown = readFileSync(join(root, 'report.md'), 'utf8');
    expect(markdown).toContain('## platform-team (5)');
    expect(markdown).not.toContain('## storage-team');
  });

  it('names the known owners when --owner matches none', () => {
    const root = copyFixture('health');
    expect(runScript('report', [...TODAY, '--owner', 'platform'], root)).toMatchObject({
      status: 2,
      stderr: 'Unexpected `--owner platform`, expected one of `platform-team`, `sre`, `storage-team`\n',
    });
  });
});
