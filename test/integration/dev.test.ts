// The content policy must hold in `astro dev` too, not only at start-up: a page edited (or added)
// while the dev server runs is judged again before any of its code could run. The test copies
// test/fixtures/site-dev into .tmp/ (inside the project, so `node_modules` and the fixture's
// `../../../src/` imports resolve), starts the real `astro dev` on it, and edits pages under its
// feet. Every payload that would run code writes a marker file into KB_HOSTILE_MARK_DIR or prints
// KB_CANARY_SECRET, so "nothing ran, nothing leaked" is testable; every other page must keep
// being served, and a page put back must come back.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const project = process.cwd();
const fixture = resolve('test/fixtures/site-dev');
const canary = `canary-${randomBytes(12).toString('hex')}`;

const START_TIMEOUT = 60_000;
/** How long an edit may take to show up (or a restored page to come back). */
const SETTLE_TIMEOUT = 20_000;
const STEP_TIMEOUT = 50_000;
/** How long a failed step waits for its page to come back before the next step runs. */
const RECOVER_TIMEOUT = 10_000;
const FETCH_TIMEOUT = 10_000;

/** The fixture's pages: URL (under the `/kb/` base), file, and a text only that page renders. */
const PAGES = {
  mdx: { url: 'runbooks/storage/disk-full/', file: 'content/runbooks/storage/disk-full.mdx', text: 'Leave the docker layer folder alone.' },
  md: {
    url: 'runbooks/dns/slow-lookups/',
    file: 'content/runbooks/dns/slow-lookups.md',
    text: 'Lookups of short names wait for the search list to time out.',
  },
  guide: { url: 'guides/on-call/', file: 'content/guides/on-call.md', text: 'Start with' },
} as const;
type PageName = keyof typeof PAGES;

let work = '';
let site = '';
let marks = '';
let baseUrl = '';
let child: ChildProcess | undefined;
let log = '';

/** The end of the dev server's output, for failure messages. */
const logTail = (lines = 40) => `\n--- astro dev log (last ${lines} lines) ---\n${log.split('\n').slice(-lines).join('\n')}`;
const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
const markers = () => readdirSync(marks);
const sourceOf = (name: PageName) => readFileSync(join(site, PAGES[name].file), 'utf8');
const writePage = (file: string, text: string) => writeFileSync(join(site, file), text);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

interface Response {
  status: number;
  body: string;
}

/** One GET with a time limit; a refused connection or timeout is status 0 (the server is not answering). */
async function get(path: string): Promise<Response> {
  try {
    const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(FETCH_TIMEOUT), redirect: 'manual' });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

/**
 * Polls `path` until `done` accepts a response, checking `each` on every response on the way (a
 * leak in the window between an edit and the loader's re-sync counts too). Fails, with the dev
 * server's log, when the server dies or nothing acceptable arrives in time.
 */
async function pollUntil(
  path: string,
  done: (response: Response) => boolean,
  each: (response: Response) => void = () => undefined,
  timeout = SETTLE_TIMEOUT,
): Promise<{ response: Response; ms: number; seen: number[] }> {
  const started = Date.now();
  const seen: number[] = [];
  for (;;) {
    expect(alive(), `astro dev exited (code ${child?.exitCode}, signal ${child?.signalCode})${logTail()}`).toBe(true);
    const response = await get(path);
    seen.push(response.status);
    each(response);
    if (done(response)) return { response, ms: Date.now() - started, seen };
    if (Date.now() - started > timeout) {
      throw new Error(
        `${path}: no acceptable response within ${timeout} ms; statuses seen: ${[...new Set(seen)].join(', ')}; last body starts:\n${response.body.slice(0, 600)}${logTail()}`,
      );
    }
    await new Promise((wait) => setTimeout(wait, 150));
  }
}

/** What must hold on every response while a hostile edit is live: no canary, no marker file. */
function nothingRan(response: Response) {
  expect(response.body, `the canary was served${logTail()}`).not.toContain(canary);
  expect(markers(), `code from a page ran: marker files in KB_HOSTILE_MARK_DIR${logTail()}`).toEqual([]);
}

/** A page left out: 404, or an error page (status 500 and up). */
function leftOut(response: Response) {
  return response.status === 404 || response.status >= 500;
}

/** Every page not under edit is still served, with its own content. */
async function othersServed(except: PageName[]) {
  for (const name of Object.keys(PAGES) as PageName[]) {
    if (except.includes(name)) continue;
    const response = await get(PAGES[name].url);
    expect(response.status, `${PAGES[name].url} after editing ${except.join(', ')}${logTail()}`).toBe(200);
    expect(response.body).toContain(PAGES[name].text);
    expect(response.body).not.toContain(canary);
  }
}

/** Whether the log shows the loader left `file` out for one of `rules` (the dev server says why a page went missing). */
const refusalLogged = (file: string, rules: string[]) =>
  log
    .split('\n')
    .some((line) => line.includes(`${file}:`) && line.includes('left out') && rules.some((rule) => line.includes(`[${rule}]`)));

async function loggedRefusal(file: string, rules: string[]) {
  const started = Date.now();
  while (!refusalLogged(file, rules)) {
    if (Date.now() - started > SETTLE_TIMEOUT)
      throw new Error(
        `the dev server never reported ${rules.join(' or ')} for ${file}: the loader never judged the edited text${logTail()}`,
      );
    await new Promise((wait) => setTimeout(wait, 150));
  }
}

/** Puts a page back and waits until it is served again with its own content and without `editedText`. */
async function restore(name: PageName, original: string, editedText: string) {
  writePage(PAGES[name].file, original);
  const back = await pollUntil(
    PAGES[name].url,
    (response) => response.status === 200 && response.body.includes(PAGES[name].text) && !response.body.includes(editedText),
    nothingRan,
  );
  return back.ms;
}

/**
 * Runs one edit step on a page. When the step fails, or leaves the page edited, the original
 * text is written again and the page given a moment to come back, so one failure does not
 * cascade into the next steps (the failure itself is still reported).
 */
async function editing(name: PageName, step: (original: string) => Promise<void>) {
  const original = sourceOf(name);
  let failed = true;
  try {
    await step(original);
    failed = false;
  } finally {
    if (failed || sourceOf(name) !== original) {
      writePage(PAGES[name].file, original);
      await pollUntil(
        PAGES[name].url,
        (response) => response.status === 200 && response.body.includes(PAGES[name].text),
        undefined,
        RECOVER_TIMEOUT,
      ).catch(() => undefined);
    }
  }
}

function stop() {
  if (child?.pid !== undefined && alive()) {
    try {
      // The whole process group: Astro may start helpers (esbuild) of its own.
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

describe('astro dev keeps the content policy when pages are edited', () => {
  const timings: Record<string, number> = {};
  /** The statuses each hostile page answered with while the edit settled (a 500 is the compile-time guard, a 404 the loader). */
  const statuses: Record<string, number[]> = {};

  beforeAll(async () => {
    mkdirSync(join(project, '.tmp'), { recursive: true });
    work = mkdtempSync(join(project, '.tmp', 'dev-'));
    site = join(work, 'site');
    // Same depth as the fixture (three folders below the project), so its relative imports still resolve.
    expect(relative(project, site).split(sep)).toHaveLength(3);
    cpSync(fixture, site, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|\.astro|dist)([\\/]|$)/.test(relative(fixture, source)),
    });
    marks = mkdtempSync(join(tmpdir(), 'kb-dev-mark-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}/kb/`;
    const started = Date.now();
    child = spawn(join(project, 'node_modules/.bin/astro'), ['dev', '--root', site, '--host', '127.0.0.1', '--port', String(port)], {
      cwd: project,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        ASTRO_DISABLE_UPDATE_CHECK: 'true',
        KB_TODAY: '2026-11-28',
        KB_CANARY_SECRET: canary,
        KB_HOSTILE_MARK_DIR: marks,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
    });
    // The tail is enough to diagnose a failure; a payload must not be able to fill the memory.
    const keep = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-200_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    process.once('exit', stop);
    await pollUntil('', (response) => response.status === 200, undefined, START_TIMEOUT);
    timings.start = Date.now() - started;
  }, START_TIMEOUT + 15_000);

  afterAll(() => {
    stop();
    process.removeListener('exit', stop);
    if (work) rmSync(work, { recursive: true, force: true });
    if (marks) rmSync(marks, { recursive: true, force: true });
    console.log(`dev.test timings (ms): ${JSON.stringify(timings)}; statuses while settling: ${JSON.stringify(statuses)}`);
  });

  it(
    'serves the good pages, the MDX page with its Callout',
    async () => {
      for (const name of Object.keys(PAGES) as PageName[]) {
        const response = await get(PAGES[name].url);
        expect(response.status, `${PAGES[name].url}${logTail()}`).toBe(200);
        expect(response.body).toContain(PAGES[name].text);
      }
      const mdx = await get(PAGES.mdx.url);
      expect(mdx.body).toMatch(
        /<aside[^>]*class="callout warning"[^>]*>\s*<strong>Warning<\/strong>\s*Leave the docker layer folder alone\./,
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'leaves out an MDX page edited to run code or print a secret, and takes it back when it is fixed',
    () =>
      editing('mdx', async (original) => {
        const started = Date.now();
        writePage(
          PAGES.mdx.file,
          `${original}
Leak: {process.env.KB_CANARY_SECRET}

{process.getBuiltinModule('node:fs').writeFileSync(process.env.KB_HOSTILE_MARK_DIR + '/mdx-sync', 'ran')}

{import('node:fs').then((fs) => fs.writeFileSync(process.env.KB_HOSTILE_MARK_DIR + '/mdx-import', 'ran'))}
`,
        );
        const gone = await pollUntil(PAGES.mdx.url, (response) => !response.body.includes(PAGES.mdx.text), nothingRan);
        timings.mdxEditGone = gone.ms;
        statuses.mdxEdit = [...new Set(gone.seen)];
        expect(leftOut(gone.response), `status ${gone.response.status}${logTail()}`).toBe(true);
        await loggedRefusal(PAGES.mdx.file, ['mdx-expression']);
        // Asked again once the loader has re-synced: still out, still nothing ran.
        const again = await get(PAGES.mdx.url);
        expect(leftOut(again), `status ${again.status}${logTail()}`).toBe(true);
        nothingRan(again);
        await othersServed(['mdx']);

        timings.mdxRestored = await restore('mdx', original, 'Leak:');
        const back = await get(PAGES.mdx.url);
        expect(back.body).toMatch(/<aside[^>]*class="callout warning"/);
        expect(markers()).toEqual([]);
        timings.mdxStep = Date.now() - started;
      }),
    STEP_TIMEOUT,
  );

  it(
    'leaves out a Markdown page edited to `---js` frontmatter without running it, and takes it back',
    () =>
      editing('md', async (original) => {
        const started = Date.now();
        // `require` as an edit would write it, and `getBuiltinModule` in case the frontmatter were run where `require` is undefined.
        writePage(
          PAGES.md.file,
          `---js
{ title: (process.getBuiltinModule('node:fs').writeFileSync(process.env.KB_HOSTILE_MARK_DIR + '/js-builtin', 'ran'), require('fs').writeFileSync(process.env.KB_HOSTILE_MARK_DIR + '/js', 'ran')) || 'x ' + process.env.KB_CANARY_SECRET, symptoms: ['s'], owner: 'o', 'last-reviewed': '2026-11-01' }
---

Lookups, JavaScript frontmatter edition: {process.env.KB_CANARY_SECRET}.
`,
        );
        const gone = await pollUntil(PAGES.md.url, (response) => !response.body.includes(PAGES.md.text), nothingRan);
        timings.jsFrontmatterGone = gone.ms;
        statuses.jsFrontmatter = [...new Set(gone.seen)];
        expect(leftOut(gone.response), `status ${gone.response.status}${logTail()}`).toBe(true);
        await loggedRefusal(PAGES.md.file, ['frontmatter-language']);
        const again = await get(PAGES.md.url);
        expect(leftOut(again), `status ${again.status}${logTail()}`).toBe(true);
        nothingRan(again);
        await othersServed(['md']);

        timings.jsFrontmatterRestored = await restore('md', original, 'JavaScript frontmatter edition');
        expect(markers()).toEqual([]);
        timings.jsFrontmatterStep = Date.now() - started;
      }),
    STEP_TIMEOUT,
  );

  it(
    'serves a Markdown page that gains a raw <script>, sanitised',
    () =>
      editing('md', async (original) => {
        const started = Date.now();
        writePage(PAGES.md.file, `${original}\n<script>window.__x=1</script>\n\nAfter the script block.\n`);
        const edited = await pollUntil(
          PAGES.md.url,
          (response) => response.status === 200 && response.body.includes('After the script block.'),
          nothingRan,
        );
        timings.scriptEdit = edited.ms;
        expect(edited.response.body).toContain(PAGES.md.text);
        expect(edited.response.body).not.toMatch(/<script[^>]*>\s*window\.__x/);
        expect(edited.response.body).not.toContain('window.__x=1');
        await othersServed(['md']);

        timings.scriptRestored = await restore('md', original, 'After the script block.');
        timings.scriptStep = Date.now() - started;
      }),
    STEP_TIMEOUT,
  );

  it(
    'never serves the canary from a new MDX page exporting it',
    async () => {
      const file = 'content/runbooks/storage/leak.mdx';
      const url = 'runbooks/storage/leak/';
      const started = Date.now();
      writePage(
        file,
        `---
title: Exported secret
symptoms: ["the canary shows up"]
owner: storage-team
last-reviewed: 2026-11-01
---
export const x = process.env.KB_CANARY_SECRET;

Value: {x}
`,
      );
      // Asked from the moment the file exists, through the loader's re-sync, until it says why it left the page out.
      const settled = await pollUntil(
        url,
        (response) => refusalLogged(file, ['mdx-esm', 'mdx-expression']) && leftOut(response),
        nothingRan,
      );
      timings.newMdx = settled.ms;
      statuses.newMdx = [...new Set(settled.seen)];
      expect(leftOut(settled.response), `status ${settled.response.status}${logTail()}`).toBe(true);
      await othersServed([]);
      expect(markers()).toEqual([]);
      timings.newMdxStep = Date.now() - started;
    },
    STEP_TIMEOUT,
  );

  it(
    'refreshes the search index, alerts.json and search-words.json after an edit, without a restart',
    async () => {
      const word = `zebrafish${randomBytes(4).toString('hex')}`;
      writePage(
        'content/guides/handover.md',
        `---\ntitle: Handing over the pager\nowner: sre\nlast-reviewed: 2026-11-01\n---\n\nTell the next person about ${word} before you leave.\n`,
      );
      const fragments = join(site, 'node_modules/.runbook-kb/pagefind/fragment');
      const indexed = () => {
        try {
          return readdirSync(fragments).some((name) =>
            gunzipSync(readFileSync(join(fragments, name)))
              .toString('utf8')
              .includes(word),
          );
        } catch (error) {
          // The folder is swapped for the new index between two renames: read it again on the next round.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
          throw error;
        }
      };
      const deadline = Date.now() + SETTLE_TIMEOUT;
      while (!indexed() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 250));
      expect(indexed(), `the dev index never held the new page's word${logTail()}`).toBe(true);
      expect(log).toContain('Search: dev index refreshed');
      const alerts = await get('alerts.json');
      expect(alerts.status).toBe(200);
      expect(JSON.parse(alerts.body)).toEqual({});
      const searchAlerts = await get('search-alerts.json');
      expect(searchAlerts.status).toBe(200);
      expect(JSON.parse(searchAlerts.body)).toEqual({});
      // The words a mistyped query term is corrected to, with the new page's title in them.
      const spelling = await get('search-words.json');
      expect(spelling.status).toBe(200);
      expect(JSON.parse(spelling.body)).toMatchObject({ words: { handing: 1, pager: 1 } });
    },
    STEP_TIMEOUT,
  );

  it('kept the dev server up, and never printed the canary', () => {
    expect(alive(), logTail()).toBe(true);
    expect(log).not.toContain(canary);
    expect(markers()).toEqual([]);
  });
});
