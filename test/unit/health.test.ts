import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKbConfig } from '../../src/lib/shared/config';
import type { HealthReport } from '../../src/lib/health/engine';
import { findingToString } from '../../src/lib/health/findings';
import { isPublished } from '../../src/lib/health/facts';
import { runHealthCheck, startHealthCheck } from '../../src/lib/health/run-check';
import { analysisWorkerBundle } from '../../scripts/lib/bundle.mjs';
import { contentGuard } from '../../src/integrations/dev';
import { createGenerated, FIXTURE, readExpected, removeGenerated } from '../fixtures/hostile/generate';

const today = new Date(Date.UTC(2026, 10, 28));
const check = async (root: string, options: { base?: string; strict?: boolean; git?: boolean; changedFiles?: Set<string> } = {}) =>
  (
    await runHealthCheck({
      root,
      config: resolveKbConfig({ health: { orphanAllowList: ['guides/index.md'] } }),
      today,
      git: false,
      cache: false,
      ...options,
    })
  ).report;

describe('health check on a fixture tree', () => {
  let report: HealthReport;
  beforeAll(async () => {
    report = await check('test/fixtures/health', { base: '/kb/' });
  });

  it('reports every rule with exact, positioned messages, sorted by file and position', () => {
    expect(report.findings.map((f) => `${findingToString(f)} [${f.rule}/${f.severity}]`)).toEqual([
      'content/runbooks/dns/ndots.md:10:18: Cannot find heading `#diagnose` on this page; did you mean `#diagnosis` [dangling-link/error]',
      'content/runbooks/dns/ndots.md:11:60: Cannot find page `/kb/runbooks/dns/missing/`; did you mean `/kb/runbooks/dns/ndots/` [dangling-link/error]',
      'content/runbooks/dns/ndots.md:13:18: Cannot find page `../storage/disk.md`; did you mean `../storage/disk.mdx` [dangling-link/error]',
      'content/runbooks/dns/ndots.md:20:41: Cannot find file `./diagram.png` [dangling-link/error]',
      'content/runbooks/dns/ndots.md:22:1: Cannot find page `../storage/gone.md`; did you mean `../storage/lonely.md` [dangling-link/error]',
      'content/runbooks/storage/alerted.md:6:1: Unexpected `last-reviewed: 2027-01-01` in the future, expected a date on or before `2026-11-28` [future-review-date/error]',
      'content/runbooks/storage/disk.mdx:2:1: Unexpected duplicate title, also used by `runbooks/storage/old.md` [duplicate-title/warning]',
      'content/runbooks/storage/disk.mdx:5:1: Review overdue by 5 months: last reviewed `2026-01-05`, due `2026-07-04` (every 180d) [stale-page/warning]',
      'content/runbooks/storage/disk.mdx:6:1: Unexpected alert `DiskSpaceLow`, also claimed by `runbooks/storage/old.md` [duplicate-alert/error]',
      'content/runbooks/storage/disk.mdx:14:1: Cannot find page `../dns/nope.md`; did you mean `../dns/ndots.md` [dangling-link/error]',
      'content/runbooks/storage/disk.mdx:15:62: Cannot link to draft page `../../guides/wip.md` [dangling-link/error]',
      'content/runbooks/storage/disk.mdx:16:25: Unexpected link to deprecated page `runbooks/storage/old.md` [deprecated-link/warning]',
      'content/runbooks/storage/lonely.md:1:1: No other page links to `runbooks/storage/lonely.md` [orphan-page/warning]',
      'content/runbooks/storage/lonely.md:5:1: Review due in 9 days: due `2026-12-07` [review-due-soon/info]',
      'content/runbooks/storage/old.md:2:1: Unexpected duplicate title, also used by `runbooks/storage/disk.mdx` [duplicate-title/warning]',
      'content/runbooks/storage/old.md:7:1: Cannot find page `runbooks/storage/disc.mdx` named by `superseded-by`; did you mean `runbooks/storage/disk.mdx` [superseded-by-missing/error]',
      'content/runbooks/storage/old.md:8:1: Unexpected alert `DiskSpaceLow`, also claimed by `runbooks/storage/disk.mdx` [duplicate-alert/error]',
      'content/stray.md:1:1: Unexpected page `stray.md` outside `runbooks/` and `guides/` [misplaced-file/error]',
    ]);
    expect(report.counts).toEqual({ error: 12, warning: 5, info: 1 });
    expect(report.sections).toEqual({ policy: 0, review: 1, 'due-soon': 1, links: 8, orphans: 1, alerts: 0, content: 7 });
    expect(report.refused).toEqual([]);
  });

  it('lists the pages of the collections, and publishes all but the draft', () => {
    expect(report.pages.map((page) => `${page.contentPath} ${page.published ? 'published' : 'not built'}`)).toEqual([
      'guides/deep/index.md published',
      'guides/index.md published',
      'guides/wip.md not built',
      'runbooks/dns/ndots.md published',
      'runbooks/storage/alerted.md published',
      'runbooks/storage/disk.mdx published',
      'runbooks/storage/lonely.md published',
      'runbooks/storage/old.md published',
    ]);
  });

  it('counts a page reachable only through its alert as an entry point, and skips drafts', () => {
    const orphans = report.findings.filter((f) => f.rule === 'orphan-page').map((f) => f.file);
    expect(orphans).toEqual(['content/runbooks/storage/lonely.md']);
  });

  it('counts linking pages (not links), including index pages, extensionless and reference links', () => {
    const inbound = Object.fromEntries(report.pages.map((page) => [page.contentPath, page.inbound]));
    expect(inbound).toMatchObject({
      'guides/deep/index.md': 1,
      'guides/index.md': 1,
      'runbooks/dns/ndots.md': 1,
      'runbooks/storage/disk.mdx': 2,
    });
  });

  it('makes stale pages and orphans errors in strict mode', async () => {
    const strict = await check('test/fixtures/health', { base: '/kb/', strict: true });
    const severities = strict.findings.filter((f) => f.rule === 'stale-page' || f.rule === 'orphan-page').map((f) => f.severity);
    expect(severities).toEqual(['error', 'error']);
  });

  it('limits review findings to changed files but still checks links everywhere', async () => {
    const limited = await check('test/fixtures/health', { base: '/kb/', changedFiles: new Set(['content/runbooks/storage/lonely.md']) });
    const rules = new Set(limited.findings.map((f) => `${f.file}:${f.rule}`));
    expect(rules.has('content/runbooks/storage/disk.mdx:stale-page')).toBe(false);
    expect(rules.has('content/runbooks/storage/lonely.md:review-due-soon')).toBe(true);
    expect(rules.has('content/runbooks/dns/ndots.md:dangling-link')).toBe(true);
  });
});

describe('bad input', () => {
  it('reports broken YAML and broken MDX with file:line and still checks every other file', async () => {
    const report = await check('test/fixtures/site-broken');
    // Pages with invalid frontmatter or MDX are not built: their own links are not checked, links to them are dangling.
    expect(report.findings.map(findingToString)).toEqual([
      'content/guides/intro.md:1:1: No other page links to `guides/intro.md`',
      'content/guides/intro.md:9:6: Cannot link to `../runbooks/dns/wrong-keys.md`: the site does not build it',
      'content/guides/intro.md:9:54: Cannot link to `../runbooks/dns/broken-component.mdx`: the site does not build it',
      'content/runbooks/dns/bad-yaml.md:4:1: Cannot parse the frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'content/runbooks/dns/broken-component.mdx:16:23: Cannot parse MDX: Could not parse expression with acorn',
      'content/runbooks/dns/wrong-keys.md:1:1: Missing required key `symptoms`',
      'content/runbooks/dns/wrong-keys.md:3:1: Unexpected key `symptom`; did you mean `symptoms`',
      'content/runbooks/dns/wrong-keys.md:5:1: Unexpected `last-reviewed: 2026-02-30`, expected a real date like `2026-03-31`',
      'content/runbooks/dns/wrong-keys.md:6:1: Unexpected `review-every: soon`, expected a duration like `90d`, `6w`, `6m` or `1y`',
    ]);
    expect(report.refused).toEqual(['content/runbooks/dns/bad-yaml.md', 'content/runbooks/dns/broken-component.mdx']);
    expect(report.pages.filter((page) => page.published).map((page) => page.contentPath)).toEqual(['guides/intro.md']);
  });
});

describe('what the site builds', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const page = (title: string, body: string, reviewed = 'last-reviewed: 2026-11-01\n') =>
    `---\ntitle: ${title}\nowner: sre\n${reviewed}---\n\n${body}`;

  it('warns about page names it skips, links only to published files, and asks for reviews of collection pages only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-built-'));
    dirs.push(dir);
    const files: Record<string, string> = {
      'guides/index.md': page(
        'Start',
        [
          'Not built: [notes](./NOTES.MD) and [draft](./_draft.md).',
          'Published: [log](./boot.log) and [image](./chart.png).',
          'Not published: [page](./snippet.html) and [drawing](./chart.svg).',
          'Missing: [gone](./gone.txt) and [by reference][other].',
          '',
          '[other]: ./other.md',
          '',
        ].join('\n'),
      ),
      'guides/NOTES.MD': page('Notes', 'Upper case.\n'),
      'guides/_draft.md': page('Draft', 'Underscore.\n'),
      'guides/boot.log': 'booted\n',
      'guides/chart.png': 'png',
      'guides/snippet.html': '<p>hello</p>\n',
      'guides/chart.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
      'guides/unreviewed.md': page('Unreviewed', 'No date.\n', ''),
      'misc/unreviewed.md': page('Elsewhere', 'No date.\n', ''),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, 'content', path)), { recursive: true });
      writeFileSync(join(dir, 'content', path), text);
    }
    const report = await check(dir);
    expect(report.findings.map((f) => `${findingToString(f)} [${f.rule}/${f.severity}]`)).toEqual([
      'content/guides/NOTES.MD:1:1: Unexpected page name `NOTES.MD`: the site does not build it [misplaced-file/warning]',
      'content/guides/_draft.md:1:1: Unexpected page name `_draft.md`: the site does not build it [misplaced-file/warning]',
      'content/guides/index.md:7:12: Cannot find page `./NOTES.MD`; did you mean `./index.md` [dangling-link/error]',
      'content/guides/index.md:7:36: Cannot find page `./_draft.md`; did you mean `./index.md` [dangling-link/error]',
      'content/guides/index.md:9:16: Unexpected link to `./snippet.html`: files of this type are not published [dangling-link/error]',
      'content/guides/index.md:9:43: Unexpected link to `./chart.svg`: files of this type are not published [dangling-link/error]',
      'content/guides/index.md:10:10: Cannot find file `./gone.txt` [dangling-link/error]',
      // A link written through a reference definition is reported where the destination is written.
      'content/guides/index.md:12:1: Cannot find page `./other.md`; did you mean `./index.md` [dangling-link/error]',
      'content/guides/unreviewed.md:1:1: Missing `last-reviewed`: this page has never been marked reviewed [never-reviewed/error]',
      'content/misc/unreviewed.md:1:1: Unexpected page `misc/unreviewed.md` outside `runbooks/` and `guides/` [misplaced-file/error]',
    ]);
    expect(report.pages.map((p) => `${p.contentPath} ${p.published ? 'published' : 'not built'}`)).toEqual([
      'guides/index.md published',
      'guides/unreviewed.md not built',
    ]);
  });
});

describe('git dates', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      stdio: 'pipe',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-05-04T10:00:00Z', GIT_COMMITTER_DATE: '2026-05-04T10:00:00Z' },
    });
  const makeRepo = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-git-'));
    dirs.push(dir);
    cpSync('test/fixtures/health/content', join(dir, 'content'), { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'one');
    writeFileSync(join(dir, 'content/guides/index.md'), '---\ntitle: Start here\nowner: sre\nlast-reviewed: 2026-11-01\n---\n\nChanged.\n');
    return dir;
  };

  it('reads the last change of every page from one git log', async () => {
    const dir = makeRepo();
    const report = await check(dir, { git: true });
    const page = report.pages.find((p) => p.contentPath === 'runbooks/dns/ndots.md');
    expect(page?.lastChanged).toBe('2026-05-04');
    expect(report.notes).toEqual([]);
  });

  it('says once that a shallow clone has partial history, and carries on', async () => {
    const origin = makeRepo();
    const clone = mkdtempSync(join(tmpdir(), 'kb-shallow-'));
    dirs.push(clone);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone], { stdio: 'pipe' });
    const report = await check(clone, { git: true });
    expect(report.notes).toEqual([
      'Shallow clone: last-changed dates come from the fetched commits only (fetch with `fetch-depth: 0` for full history)',
    ]);
    expect(report.pages.find((p) => p.contentPath === 'runbooks/dns/ndots.md')?.lastChanged).toBe('2026-05-04');
  });

  it('works without git, saying so once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-nogit-'));
    dirs.push(dir);
    cpSync('test/fixtures/health/content', join(dir, 'content'), { recursive: true });
    const report = await check(dir, { git: true });
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]).toMatch(/^No git history here/);
    expect(report.pages.every((page) => page.lastChanged === undefined)).toBe(true);
  });
});

describe('telling the build whether the content changed since the cached run', () => {
  const root = mkdtempSync(join(tmpdir(), 'kb-changed-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('says unchanged only when every file is as cached: an edit, a new page or a removed page is a change', async () => {
    process.env.KB_CACHE_DIR = join(root, 'cache');
    try {
      cpSync('test/fixtures/health', join(root, 'kb'), { recursive: true });
      const run = async () => (await runHealthCheck({ root: join(root, 'kb'), config: resolveKbConfig({}), today, git: false })).changed;
      expect(await run()).toBe(true);
      expect(await run()).toBe(false);
      writeFileSync(join(root, 'kb/content/runbooks/storage/lonely.md'), '---\ntitle: Lonely\n---\n\nEdited.\n');
      expect(await run()).toBe(true);
      expect(await run()).toBe(false);
      rmSync(join(root, 'kb/content/runbooks/storage/lonely.md'));
      expect(await run()).toBe(true);
      expect(await run()).toBe(false);
      expect((await runHealthCheck({ root: join(root, 'kb'), config: resolveKbConfig({}), today, git: false, cache: false })).changed).toBe(
        true,
      );
    } finally {
      delete process.env.KB_CACHE_DIR;
    }
  });
});

describe('reading many files on every core', () => {
  const root = mkdtempSync(join(tmpdir(), 'kb-cores-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives the same facts with the worker threads as in one thread, and asks for the worker only when there are many files', async () => {
    for (let index = 0; index < 120; index += 1) {
      const file = join(root, 'content/runbooks/svc', `page-${index}.md`);
      mkdirSync(dirname(file), { recursive: true });
      const body = `# Page ${index}\n\nSee [the next one](page-${(index + 1) % 120}.md#page-${(index + 1) % 120}) and [a gap](missing-${index % 7}.md).\n\n## Heading "${index}" -- twice\n\n## Heading "${index}" -- twice\n`;
      writeFileSync(file, `---\ntitle: Page ${index}\nowner: sre\nsymptoms: ["error ${index}"]\nlast-reviewed: 2026-01-01\n---\n\n${body}`);
    }
    let asked = 0;
    const run = (worker: boolean) =>
      runHealthCheck({
        root,
        config: resolveKbConfig({}),
        today,
        git: false,
        cache: false,
        analysisWorker: worker
          ? async () => {
              asked += 1;
              return analysisWorkerBundle();
            }
          : undefined,
      });
    const alone = await run(false);
    const shared = await run(true);
    // On a one-core machine there is nobody to share with.
    expect(asked).toBe(availableParallelism() > 1 ? 1 : 0);
    expect(shared.facts).toEqual(alone.facts);

    // As the build runs it: every file read in worker threads, each one's facts handed over as they come.
    const inBackground = (analysisWorker: () => Promise<string>) =>
      startHealthCheck({ root, config: resolveKbConfig({}), today, git: false, cache: false, background: true, analysisWorker });
    const started = inBackground(analysisWorkerBundle);
    expect(started.changed).toBe(true);
    const oneByOne = await Promise.all(started.entries.map((entry) => started.factsOf(entry.contentPath)));
    expect(oneByOne).toEqual(alone.facts);
    expect((await started.done).facts).toEqual(alone.facts);
    expect(started.factsOf('runbooks/svc/not-there.md')).toBeUndefined();

    // A worker that dies fails whoever waits for its files, and the check, instead of hanging them.
    const broken = join(root, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('worker broken on purpose');\n");
    const failing = inBackground(async () => broken);
    await expect(failing.factsOf(failing.entries[0].contentPath)).rejects.toThrow('worker broken on purpose');
    await expect(failing.done).rejects.toThrow('worker broken on purpose');
    expect(shared.report.findings.map(findingToString)).toEqual(alone.report.findings.map(findingToString));
    expect(alone.report.findings.some((finding) => finding.rule === 'dangling-link')).toBe(true);

    // A few files are read in this thread: starting a worker would cost more than it saves.
    rmSync(join(root, 'content'), { recursive: true });
    mkdirSync(join(root, 'content/runbooks/svc'), { recursive: true });
    writeFileSync(join(root, 'content/runbooks/svc/only.md'), '---\ntitle: Only\n---\n\n# Only\n');
    await run(true);
    expect(asked).toBe(availableParallelism() > 1 ? 1 : 0);
  });

  it('judges every hostile page in a worker thread exactly as in one thread: the same refusals, nothing run', async () => {
    // The hostile fixture (code in MDX and frontmatter, scripts in HTML, huge and deeply nested
    // pages, symlinks), generated cases included: more than enough files for the build's background check.
    const site = join(root, 'hostile');
    cpSync(join(FIXTURE, 'content'), join(site, 'content'), { recursive: true });
    const expected = readExpected();
    const generated = createGenerated(site, expected);
    // What a page that ran code would leave: a file in the mark folder, or the secret in its output.
    const canary = `canary-${Math.random().toString(36).slice(2)}`;
    const marks = join(root, 'marks');
    mkdirSync(marks);
    Object.assign(process.env, { KB_CANARY_SECRET: canary, KB_HOSTILE_MARK_DIR: marks });
    try {
      const options = { root: site, config: resolveKbConfig({}), today, git: false, cache: false };
      const alone = await runHealthCheck(options);
      const started = startHealthCheck({ ...options, background: true, analysisWorker: analysisWorkerBundle });
      const oneByOne = await Promise.all(started.entries.map((entry) => started.factsOf(entry.contentPath)));
      expect(oneByOne).toEqual(alone.facts);
      const inWorker = (await started.done).report;
      expect(inWorker.findings.map(findingToString)).toEqual(alone.report.findings.map(findingToString));
      expect(inWorker.refused).toEqual(alone.report.refused);
      const published = new Set(alone.facts.filter(isPublished).map((page) => page.file));
      for (const [file, entry] of Object.entries(expected)) if (entry.refused === true) expect(published.has(file), file).toBe(false);
      expect(JSON.stringify(alone)).not.toContain(canary);
      expect(readdirSync(marks)).toEqual([]);
    } finally {
      delete process.env.KB_CANARY_SECRET;
      delete process.env.KB_HOSTILE_MARK_DIR;
      removeGenerated(site, expected, generated);
    }
  });
});

describe('the MDX compile guard in a build', () => {
  const site = mkdtempSync(join(tmpdir(), 'kb-guard-'));
  afterAll(() => rmSync(site, { recursive: true, force: true }));
  const page = '---\ntitle: Restart the resolver\n---\n\nRestart it with `systemctl restart systemd-resolved`.\n';
  const hostile = '---\ntitle: Restart the resolver\n---\n\nexport const leaked = process.env.HOME;\n\n{leaked}\n';

  /** Runs the guard's transform as Vite does when it compiles `contentPath`. */
  const compile = async (guard: ReturnType<typeof contentGuard>, contentPath: string, code: string) => {
    const errors: string[] = [];
    const context = {
      error: (message: string) => {
        errors.push(message);
        throw new Error(message);
      },
    };
    const transform = guard.transform as (this: unknown, code: string, id: string) => Promise<unknown>;
    await transform.call(context, code, join(site, 'content', contentPath)).catch(() => undefined);
    return errors;
  };

  it("takes the check's verdict for the bytes it judged, and judges any other bytes itself", async () => {
    mkdirSync(join(site, 'content/runbooks/dns'), { recursive: true });
    writeFileSync(join(site, 'content/runbooks/dns/restart.mdx'), page);
    writeFileSync(join(site, 'content/runbooks/dns/leak.mdx'), hostile);
    const config = resolveKbConfig({});
    const started = startHealthCheck({ root: site, config, today, git: false, cache: false });
    await started.done;
    expect(started.judged('runbooks/dns/restart.mdx', Buffer.from(page))).toBeDefined();
    expect(started.judged('runbooks/dns/restart.mdx', Buffer.from(hostile))).toBeUndefined();
    expect(started.judged('runbooks/dns/not-there.mdx', Buffer.from(page))).toBeUndefined();

    let analysed = 0;
    const judged = (contentPath: string, bytes: Uint8Array) => {
      const facts = started.judged(contentPath, bytes);
      if (!facts) analysed += 1;
      return facts;
    };
    const guard = contentGuard(site, config, judged);
    expect(await compile(guard, 'runbooks/dns/restart.mdx', page)).toEqual([]);
    expect((await compile(guard, 'runbooks/dns/leak.mdx', hostile))[0]).toMatch(/leak\.mdx:\d+:\d+: .*\[mdx-(esm|expression)\]/);
    expect(analysed).toBe(0);
    // The file changed between the check and the compile: the new bytes are judged, and refused.
    expect((await compile(guard, 'runbooks/dns/restart.mdx', hostile))[0]).toMatch(/restart\.mdx:\d+:\d+: .*\[mdx-(esm|expression)\]/);
    expect(analysed).toBe(1);
  });
});
