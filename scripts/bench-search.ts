/**
 * Search quality and latency benchmark, measured in Chromium on the built sites.
 *
 *   npm run bench:search -- [--site sample|alerts] [--scale N] [--json FILE] [--cold N] [--ref REV] [--reuse]
 *
 * Builds two sites under `.bench/search/`: `sample` (this project's own `content/`) and `alerts`
 * (the alert runbooks of `test/fixtures/search-quality/alert-runbooks` imported with `kb import`,
 * as a team would import its runbook repository). Serves each, opens the home page, and for every
 * query of `scripts/bench/search-queries.json` types it into the real search box and records where
 * the expected page ranks among the results. Side by side, in the same page, it asks raw Pagefind
 * (its own instance with default options, the query as typed) for the same query and records where
 * the expected page ranks among its top 3.
 *
 * Latency is the list's `data-first-elapsed` (search start to the best three results in the page)
 * and `data-elapsed` (to the whole list of ten, which follows below them): "cold" is the first query
 * after a fresh page load in a new browser context with the cache disabled, typed as soon as the
 * page has loaded ("cold+1s": the same, typed a second later, as an engineer pasting an error
 * does), "warm" every query after the first on a page that has searched already. `--scale N` also
 * generates an N-page corpus (scripts/bench/generate.ts) and measures latency only, on a dozen
 * error lines taken from its pages.
 *
 * `--ref REV` measures the site code of a commit instead of the working tree (for a before/after
 * comparison): `git archive` of it under `.bench/search/ref-<sha>/code`, with this project's
 * dependencies linked in one by one (its own `node_modules/.cache`, so the CLI bundles of the two
 * trees never mix). The queries, the fixtures and this harness are always the working tree's.
 *
 * It measures and does not judge: the exit code is 0 unless something crashed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.js';
import { serveSite } from '../e2e/serve.js';
import { BENCH_TODAY } from './bench/generate.js';
import { generateSite, writeSiteConfig } from './bench/site.js';

const USAGE = `Usage: npm run bench:search -- [options]

Options:
  --site sample|alerts  run one site only (default: both)
  --scale N             also build an N-page generated corpus and measure its latency
  --cold N              cold page loads per site (default: 12)
  --json FILE           write every result to FILE
  --ref REV             measure the site code of commit REV (git archive) instead of the working tree
  --reuse               reuse sites already built in .bench/search/ (skips the builds; the --scale corpus is
                        kept and built again with its caches)
  -h, --help            show this help`;

const PROJECT = resolve(import.meta.dirname, '..');
const OUT = join(PROJECT, '.bench/search');
const QUERIES_FILE = join(PROJECT, 'scripts/bench/search-queries.json');
const ALERT_FIXTURE = join(PROJECT, 'test/fixtures/search-quality/alert-runbooks');
/** Results the widget shows; raw Pagefind is asked for the data of this many. */
const RAW_TOP = 3;
const SEARCH_TIMEOUT_MS = 20_000;
const SCALE_QUERIES = 12;

export const SITES = ['sample', 'alerts'] as const;
export const CLASSES = ['pasted-error', 'notification', 'paraphrase', 'vague', 'typo', 'alert-name'] as const;
/**
 * `tune` and `holdout` were written before any tuning, half of each class held out; `fresh` (47
 * paraphrases and vague queries) was written later by someone who had read only the pages, not the
 * search code or the other queries, and was first read for tuning on 2026-12-05; `fresh2` (60
 * queries of every class but alert names) was written that day the same way, before that round,
 * and is the split no ranking work has seen.
 */
export const SPLITS = ['tune', 'holdout', 'fresh', 'fresh2'] as const;

/** One benchmark query: what is typed, on which site, and the path of the page that answers it. */
export interface BenchQuery {
  site: (typeof SITES)[number];
  query: string;
  /** Site path of the right page, e.g. `/runbooks/dns/pod-dns-lookups-slow/`. */
  expect: string;
  class: (typeof CLASSES)[number];
  split: (typeof SPLITS)[number];
}

/** What one engine answered to one query. `rank` is 1-based, null when the page was not listed. */
export interface Answer {
  rank: number | null;
  /** Result paths, best first (ours: up to 10; raw Pagefind: the top 3). */
  top: string[];
  /** Ours: `data-elapsed`; raw: from `search()` to the data of the top results. Null on a timeout. */
  ms: number | null;
  /** Results found in all. */
  count: number;
}

/** One query's outcome for the search box and for raw Pagefind. */
export interface QueryResult extends BenchQuery {
  /** `firstMs`: `data-first-elapsed`, search start to the first results (the best three) in the page. */
  ours: Answer & { status: string; timedOut: boolean; firstMs: number | null };
  raw: Answer;
}

/** Latency samples in milliseconds. */
export interface LatencySamples {
  /**
   * `first…`: to the first results in the page; the others: to the whole list. `settledFirst`:
   * cold, but typed a second after the load (see SETTLE_MS).
   */
  ours: { cold: number[]; warm: number[]; coldFirst: number[]; warmFirst: number[]; settledFirst: number[] };
  raw: { cold: number[]; warm: number[] };
}

/** Everything measured on one site. */
export interface SiteResult {
  site: string;
  pages: number;
  buildMs: number | null;
  results: QueryResult[];
  latency: LatencySamples;
}

interface Options {
  sites: (typeof SITES)[number][];
  scale: number | undefined;
  cold: number;
  json: string | undefined;
  ref: string | undefined;
  reuse: boolean;
}

/** The site code being measured and where its builds go. */
interface Code {
  /** Project root holding `src/`, `content/`, `scripts/kb.mjs` and `node_modules/`. */
  root: string;
  /** Output folder for this code's sites. */
  out: string;
  /** `working tree`, or the ref and its commit. */
  label: string;
}

function parseCliArgs(): Options {
  let values;
  try {
    values = parseArgs({
      options: {
        site: { type: 'string' },
        scale: { type: 'string' },
        cold: { type: 'string', default: '12' },
        json: { type: 'string' },
        ref: { type: 'string' },
        reuse: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.site !== undefined && !SITES.includes(values.site as (typeof SITES)[number]))
    fail(`Unexpected --site ${values.site}\n\n${USAGE}`);
  const scale = values.scale === undefined ? undefined : Number(values.scale.replace(/_/g, ''));
  const cold = Number(values.cold);
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 8)) fail(`--scale takes a whole number of pages, at least 8\n\n${USAGE}`);
  if (!Number.isInteger(cold) || cold < 1) fail(`--cold takes a whole number, at least 1\n\n${USAGE}`);
  return {
    sites: values.site ? [values.site as (typeof SITES)[number]] : [...SITES],
    scale,
    cold,
    json: values.json,
    ref: values.ref,
    reuse: values.reuse,
  };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** Reads and checks the query file: every field present and one of its allowed values. */
export function loadQueries(file = QUERIES_FILE): BenchQuery[] {
  const queries = JSON.parse(readFileSync(file, 'utf8')) as BenchQuery[];
  queries.forEach((q, index) => {
    const ok =
      SITES.includes(q.site) &&
      CLASSES.includes(q.class) &&
      SPLITS.includes(q.split) &&
      typeof q.query === 'string' &&
      q.query.trim() !== '' &&
      typeof q.expect === 'string' &&
      q.expect.startsWith('/');
    if (!ok) throw new Error(`${relative(PROJECT, file)}: query ${index} is malformed: ${JSON.stringify(q)}`);
  });
  return queries;
}

// ---------------------------------------------------------------------------------------------
// Building the sites

/** `astro build` of `root` into `outDir`, as the tests run it; throws with the output when it fails. Returns milliseconds. */
function astroBuild(code: Code, root: string, outDir: string, env: Record<string, string> = {}): number {
  rmSync(outDir, { recursive: true, force: true });
  const start = performance.now();
  const build = spawnSync(join(code.root, 'node_modules/.bin/astro'), ['build', '--root', root, '--outDir', outDir], {
    cwd: code.root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      KB_TODAY: BENCH_TODAY,
      ASTRO_TELEMETRY_DISABLED: '1',
      ASTRO_DISABLE_UPDATE_CHECK: 'true',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...env,
    },
  });
  if (build.status !== 0)
    throw new Error(`Build of ${relative(PROJECT, root) || '.'} failed:\n${build.stdout}\n${build.stderr}`.slice(-6000));
  return performance.now() - start;
}

/** The sample knowledge base: the project's `content/`, built as `npm run build` does. */
function buildSample(code: Code): { outDir: string; buildMs: number } {
  const outDir = join(code.out, 'sample');
  return { outDir, buildMs: astroBuild(code, code.root, outDir) };
}

/** A knowledge base made of the alert runbook fixtures, imported with the project's importer. */
function buildAlerts(code: Code): { outDir: string; buildMs: number } {
  const root = join(code.out, 'alerts-site');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'content'), { recursive: true });
  writeSiteConfig(root, 'Alert runbooks', { code: code.root });
  const args = ['import', ALERT_FIXTURE, '--root', root, '--into', 'alerts', '--owner', 'sre', '--reviewed', '2026-11-01'];
  const run = spawnSync(process.execPath, [join(code.root, 'scripts/kb.mjs'), ...args], { cwd: code.root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Import of the alert runbooks failed:\n${run.stdout}\n${run.stderr}`);
  log(`  ${run.stdout.split('\n')[0]}`);
  // The importer keeps the source's links as written; a broken one is a finding, not a reason to stop.
  const outDir = join(root, 'dist');
  return { outDir, buildMs: astroBuild(code, root, outDir, { KB_ALLOW_HEALTH_ERRORS: '1' }) };
}

/** A generated corpus of `pages` pages, built; returns a dozen error lines pasted from its runbooks. */
function buildScale(code: Code, pages: number, reuse: boolean): { outDir: string; buildMs: number; queries: string[] } {
  const root = join(code.out, `scale-${pages}`);
  let files: string[];
  if (reuse && existsSync(join(root, 'content'))) {
    // The same corpus (same seed), built again with its caches: the site code may have changed.
    files = readdirSync(join(root, 'content'), { recursive: true, encoding: 'utf8' })
      .map((file) => `content/${file.split('\\').join('/')}`)
      .filter((file) => /\.mdx?$/.test(file))
      .sort();
  } else {
    rmSync(root, { recursive: true, force: true });
    files = generateSite(root, { pages, seed: 1, title: `Generated ${pages}`, code: code.root }).files;
  }
  const queries = scaleQueries(root, files);
  const outDir = join(root, 'dist');
  return { outDir, buildMs: astroBuild(code, root, outDir, { KB_ALLOW_HEALTH_ERRORS: '1' }), queries };
}

/** The logged error line of evenly spaced generated runbooks (`The log shows \`…\``). */
function scaleQueries(root: string, files: string[]): string[] {
  const lines: string[] = [];
  const runbooks = files.filter((file) => file.startsWith('content/runbooks/'));
  const step = Math.max(1, Math.floor(runbooks.length / SCALE_QUERIES));
  for (let index = 0; index < runbooks.length && lines.length < SCALE_QUERIES; index += step) {
    const match = /The log shows `([^`]+)`/.exec(readFileSync(join(root, runbooks[index]), 'utf8'));
    if (match && !lines.includes(match[1])) lines.push(match[1]);
  }
  return lines;
}

/** Pages in a built site's search index. */
function indexedPages(outDir: string): number {
  const entry = JSON.parse(readFileSync(join(outDir, 'pagefind/pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

// ---------------------------------------------------------------------------------------------
// Searching in the browser

/** A site path without its host, hash or query, with a trailing slash. */
export function pathOf(href: string): string {
  const path = decodeURI(new URL(href, 'http://x').pathname);
  return path.endsWith('/') ? path : `${path}/`;
}

/** 1-based position of `expect` among result paths, or null. */
export function rankOf(paths: string[], expect: string): number | null {
  const index = paths.indexOf(pathOf(expect));
  return index === -1 ? null : index + 1;
}

/**
 * Types `query` into the page's main search box as the e2e `search()` does and waits until the
 * result list says it answers that query. A query that never gets a list (one the widget reads as
 * empty) is recorded as timed out with no results.
 */
async function searchOurs(page: Page, query: string, expect: string): Promise<QueryResult['ours']> {
  // A list left from an identical earlier query must not count as the answer to this one.
  await page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('[data-results]');
    if (list) delete list.dataset.query;
  });
  await page.locator('[data-search-primary]').fill(query);
  try {
    await page.waitForFunction((q) => document.querySelector<HTMLElement>('[data-results]')?.dataset.query === q, query, {
      timeout: SEARCH_TIMEOUT_MS,
    });
  } catch {
    const status = (await page.locator('[data-status]').textContent()) ?? '';
    return { rank: null, top: [], ms: null, firstMs: null, count: 0, status: status.trim(), timedOut: true };
  }
  const answer = await page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('[data-results]')!;
    return {
      hrefs: [...list.querySelectorAll<HTMLAnchorElement>('.result .title')].map((a) => a.getAttribute('href') ?? ''),
      elapsed: Number(list.dataset.elapsed),
      first: Number(list.dataset.firstElapsed),
      status: document.querySelector('[data-status]')?.textContent ?? '',
    };
  });
  const top = answer.hrefs.map(pathOf);
  const found = /(\d+) pages? found/.exec(answer.status);
  return {
    rank: rankOf(top, expect),
    top,
    ms: Number.isFinite(answer.elapsed) ? answer.elapsed : null,
    firstMs: Number.isFinite(answer.first) ? answer.first : null,
    count: found ? Number(found[1]) : 0,
    status: answer.status.replace(/\s+/g, ' ').trim(),
    timedOut: false,
  };
}

/**
 * Raw Pagefind on the same index in the same page: its own module instance (`?raw`, so none of the
 * widget's options such as ranking weights apply), the query exactly as typed, data of the top 3.
 * `ms` covers `search()` and `data()`; with `includeInit` also the import and `init()`.
 */
async function searchRaw(page: Page, query: string, expect: string, includeInit = false): Promise<Answer> {
  const answer = await page.evaluate(
    async ({ q, top, withInit }) => {
      const started = performance.now();
      type Raw = {
        init: () => Promise<void>;
        search: (q: string) => Promise<{ results: { data: () => Promise<{ url: string }> }[] } | null>;
      };
      const holder = window as unknown as { __rawPagefind?: Promise<Raw> };
      holder.__rawPagefind ??= import(/* @vite-ignore */ new URL('/pagefind/pagefind.js?raw', location.href).href).then(
        async (module: Raw) => {
          await module.init();
          return module;
        },
      );
      const pf = await holder.__rawPagefind;
      const searchStarted = performance.now();
      const found = (await pf.search(q))?.results ?? [];
      const data = await Promise.all(found.slice(0, top).map((result) => result.data()));
      return { urls: data.map((d) => d.url), count: found.length, ms: performance.now() - (withInit ? started : searchStarted) };
    },
    { q: query, top: RAW_TOP, withInit: includeInit },
  );
  const top = answer.urls.map(pathOf);
  return { rank: rankOf(top, expect), top, ms: answer.ms, count: answer.count };
}

/** A page on the site's home page, with its search widget mounted. */
async function openHome(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('[data-search-primary]').waitFor();
  return page;
}

/** A new context (an empty cache) whose page also has the HTTP cache switched off. */
async function coldPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  await page.goto(url, { waitUntil: 'load' });
  return { context, page };
}

/** `use` on a fresh cold page (see `coldPage`), whose context is closed afterwards whatever happens. */
async function onColdPage<T>(browser: Browser, url: string, use: (page: Page) => Promise<T>): Promise<T> {
  const { context, page } = await coldPage(browser, url);
  try {
    return await use(page);
  } finally {
    await context.close();
  }
}

/**
 * Every query on one warm page, ours and raw Pagefind in turn. The order alternates per query so
 * neither engine always finds the index chunks for the query's words already fetched by the other.
 */
async function measureQueries(browser: Browser, url: string, queries: BenchQuery[]): Promise<QueryResult[]> {
  const context = await browser.newContext();
  try {
    const page = await openHome(context, url);
    // Warm-up: the first search of a page loads Pagefind; it belongs to the cold figures.
    await searchOurs(page, 'warm up the index', '/');
    await searchRaw(page, 'warm up the index', '/');
    const results: QueryResult[] = [];
    for (const [index, query] of queries.entries()) {
      let ours: QueryResult['ours'];
      let raw: Answer;
      if (index % 2 === 0) {
        ours = await searchOurs(page, query.query, query.expect);
        raw = await searchRaw(page, query.query, query.expect);
      } else {
        raw = await searchRaw(page, query.query, query.expect);
        ours = await searchOurs(page, query.query, query.expect);
      }
      results.push({ ...query, ours, raw });
    }
    return results;
  } finally {
    await context.close();
  }
}

/** `count` queries spread evenly over the list. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

/**
 * How long after the load the "settled" cold query is typed: an engineer pastes an error a second or
 * more after the page opens, when the search engine has loaded (the cold figure types at once).
 */
const SETTLE_MS = 1000;

/**
 * Cold latency: each query the first one after a fresh load, in a new context with the cache
 * disabled, typed as soon as the page has loaded and (ours only) once more SETTLE_MS after it.
 */
async function measureCold(
  browser: Browser,
  url: string,
  queries: string[],
): Promise<{ ours: number[]; oursFirst: number[]; settledFirst: number[]; raw: number[] }> {
  const ours: number[] = [];
  const oursFirst: number[] = [];
  const settledFirst: number[] = [];
  const raw: number[] = [];
  for (const query of queries) {
    const fresh = await onColdPage(browser, url, (page) => searchOurs(page, query, '/'));
    if (fresh.ms !== null) ours.push(fresh.ms);
    if (fresh.firstMs !== null) oursFirst.push(fresh.firstMs);
    const rawAnswer = await onColdPage(browser, url, (page) => searchRaw(page, query, '/', true));
    if (rawAnswer.ms !== null) raw.push(rawAnswer.ms);
    const settled = await onColdPage(browser, url, async (page) => {
      await page.waitForTimeout(SETTLE_MS);
      return searchOurs(page, query, '/');
    });
    if (settled.firstMs !== null) settledFirst.push(settled.firstMs);
  }
  return { ours, oursFirst, settledFirst, raw };
}

/** Serves a built site and measures it: quality on `queries`, latency on those and `coldQueries`. */
async function benchSite(
  browser: Browser,
  name: string,
  outDir: string,
  buildMs: number | null,
  queries: BenchQuery[],
  coldQueries: string[],
): Promise<SiteResult> {
  const server = await serveSite(outDir);
  try {
    log(`  ${queries.length} queries on ${server.url} …`);
    const results = await measureQueries(browser, server.url, queries);
    log(`  ${coldQueries.length} cold page loads …`);
    const cold = await measureCold(browser, server.url, coldQueries);
    const finite = (values: (number | null)[]) => values.filter((value): value is number => value !== null);
    return {
      site: name,
      pages: indexedPages(outDir),
      buildMs,
      results,
      latency: {
        ours: {
          cold: cold.ours,
          warm: finite(results.map((r) => r.ours.ms)),
          coldFirst: cold.oursFirst,
          warmFirst: finite(results.map((r) => r.ours.firstMs)),
          settledFirst: cold.settledFirst,
        },
        raw: { cold: cold.raw, warm: finite(results.map((r) => r.raw.ms)) },
      },
    };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting

/** Nearest-rank percentile; undefined for no samples. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
      return index === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

const percent = (hits: number, total: number) => (total === 0 ? '-' : `${Math.round((100 * hits) / total)}%`);
const within = (rank: number | null, limit: number) => rank !== null && rank <= limit;

/** Top-1 and top-3 shares per class, for ours and raw Pagefind, of one site and split. */
function qualityTable(results: QueryResult[]): string {
  const rows = [['class', 'n', 'ours top-1', 'ours top-3', 'raw top-1', 'raw top-3']];
  const groups: [string, QueryResult[]][] = CLASSES.map((name) => [name, results.filter((r) => r.class === name)]);
  groups.push(['all', results]);
  for (const [name, group] of groups) {
    if (group.length === 0) continue;
    const count = (pick: (r: QueryResult) => boolean) => percent(group.filter(pick).length, group.length);
    rows.push([
      name,
      String(group.length),
      count((r) => r.ours.rank === 1),
      count((r) => within(r.ours.rank, 3)),
      count((r) => r.raw.rank === 1),
      count((r) => within(r.raw.rank, 3)),
    ]);
  }
  return table(rows);
}

/** p50/p95 of cold and warm latency, ours and raw, one row per site. */
function latencyTable(sites: SiteResult[]): string {
  const ms = (values: number[], p: number) => {
    const value = percentile(values, p);
    return value === undefined ? '-' : String(Math.round(value));
  };
  const rows = [
    [
      'site (ms)',
      'pages',
      'first cold p50',
      'first cold p95',
      'first warm p50',
      'first warm p95',
      'first cold+1s p50',
      'first cold+1s p95',
      'ours cold p50',
      'ours cold p95',
      'ours warm p50',
      'ours warm p95',
      'raw cold p50',
      'raw cold p95',
      'raw warm p50',
      'raw warm p95',
      'n cold/warm',
    ],
  ];
  for (const site of sites) {
    const { ours, raw } = site.latency;
    rows.push([
      site.site,
      String(site.pages),
      ms(ours.coldFirst, 50),
      ms(ours.coldFirst, 95),
      ms(ours.warmFirst, 50),
      ms(ours.warmFirst, 95),
      ms(ours.settledFirst, 50),
      ms(ours.settledFirst, 95),
      ms(ours.cold, 50),
      ms(ours.cold, 95),
      ms(ours.warm, 50),
      ms(ours.warm, 95),
      ms(raw.cold, 50),
      ms(raw.cold, 95),
      ms(raw.warm, 50),
      ms(raw.warm, 95),
      `${ours.cold.length}/${ours.warm.length}`,
    ]);
  }
  return table(rows);
}

const clip = (text: string, length = 90) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** Queries whose page did not come first in our results. */
function missList(results: QueryResult[]): string {
  const misses = results.filter((r) => r.ours.rank !== 1);
  if (misses.length === 0) return '  (none)';
  return misses
    .map((r) => {
      const got = r.ours.timedOut ? '(no list: timed out)' : (r.ours.top[0] ?? '(no results)');
      const where = r.ours.rank === null ? 'not in the list' : `rank ${r.ours.rank}`;
      const raw = r.raw.rank === null ? 'raw: not in top 3' : `raw: rank ${r.raw.rank}`;
      return `  [${r.split}/${r.class}] ${clip(r.query)}\n      got ${got}; expected ${r.expect} (${where}; ${raw})`;
    })
    .join('\n');
}

function report(code: Code, sites: SiteResult[], scale: SiteResult | undefined, browserVersion: string) {
  const out: string[] = [];
  out.push(
    `\nSearch benchmark of the ${code.label} (Chromium ${browserVersion}, node ${process.version}, ${availableParallelism()} CPUs). ` +
      `Ours: the search box (ranks among up to 10 results). Raw: Pagefind with default options, the query as typed (top ${RAW_TOP}).`,
  );
  for (const site of sites) {
    for (const split of SPLITS) {
      const results = site.results.filter((r) => r.split === split);
      if (results.length === 0) continue;
      out.push(`\n${site.site} (${site.pages} pages), ${split}:\n\n${qualityTable(results)}`);
    }
  }
  const timed = scale ? [...sites, scale] : sites;
  if (timed.length > 0) {
    out.push(
      `\nLatency in ms from the search starting: "first" to the best three results in the page (data-first-elapsed), "ours" to the whole list of ten (data-elapsed).\n` +
        `Cold: first query after a fresh load with the cache disabled, typed as soon as the page has loaded; cold+1s: typed ${SETTLE_MS} ms after it; warm: later queries.\n` +
        `Raw cold includes importing and initialising Pagefind.\n\n${latencyTable(timed)}`,
    );
  }
  for (const site of sites) out.push(`\nMisses on ${site.site} (expected page not first in our results):\n${missList(site.results)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------

/** The working tree, or commit `ref` extracted with `git archive` and given this project's dependencies. */
function prepareCode(ref: string | undefined): Code {
  if (ref === undefined) return { root: PROJECT, out: OUT, label: 'working tree' };
  const git = spawnSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: PROJECT, encoding: 'utf8' });
  if (git.status !== 0) fail(`--ref ${ref}: not a commit of this repository\n${git.stderr}`);
  const sha = git.stdout.trim();
  const out = join(OUT, `ref-${sha.slice(0, 12)}`);
  const root = join(out, 'code');
  if (!existsSync(join(root, 'package.json'))) {
    log(`${ref}: extracting ${sha.slice(0, 12)} into ${relative(PROJECT, root)} …`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const tar = join(out, 'code.tar');
    const archive = spawnSync('git', ['archive', '--format=tar', '-o', tar, sha], { cwd: PROJECT, encoding: 'utf8' });
    const extract = archive.status === 0 ? spawnSync('tar', ['-xf', tar, '-C', root], { encoding: 'utf8' }) : archive;
    if (extract.status !== 0) throw new Error(`Could not extract ${sha}: ${extract.stderr}`);
    rmSync(tar);
    linkDependencies(root);
  }
  return { root, out, label: `${ref} (${sha.slice(0, 12)})` };
}

/**
 * Links each installed package into `root/node_modules`, leaving out the caches (`.cache`, `.astro`,
 * `.vite`). `zod` is copied instead: the site finds its own code folder (`codeRoot()`) through the
 * real path of `zod/package.json`, which must lie inside `root`.
 */
function linkDependencies(root: string) {
  const from = join(PROJECT, 'node_modules');
  const to = join(root, 'node_modules');
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name.startsWith('.') && name !== '.bin') continue;
    if (name === 'zod') cpSync(join(from, name), join(to, name), { recursive: true });
    else symlinkSync(join(from, name), join(to, name));
  }
}

/** Builds (or reuses) one site, returning its output folder. */
function prepareSite(code: Code, name: (typeof SITES)[number], reuse: boolean): { outDir: string; buildMs: number | null } {
  const existing = name === 'sample' ? join(code.out, 'sample') : join(code.out, 'alerts-site/dist');
  if (reuse && existsSync(join(existing, 'pagefind/pagefind.js'))) {
    log(`${name}: reusing ${relative(PROJECT, existing)}`);
    return { outDir: existing, buildMs: null };
  }
  log(`${name}: building …`);
  const built = name === 'sample' ? buildSample(code) : buildAlerts(code);
  log(`  built in ${(built.buildMs / 1000).toFixed(1)} s`);
  return built;
}

async function main(): Promise<number> {
  const options = parseCliArgs();
  const queries = loadQueries();
  mkdirSync(OUT, { recursive: true });
  const code = prepareCode(options.ref);
  const builds = options.sites.map((name) => ({ name, ...prepareSite(code, name, options.reuse) }));
  let scaleBuild: ReturnType<typeof buildScale> | undefined;
  if (options.scale !== undefined) {
    log(`scale-${options.scale}: generating and building …`);
    scaleBuild = buildScale(code, options.scale, options.reuse);
    log(`  built in ${(scaleBuild.buildMs / 1000).toFixed(1)} s`);
  }

  const browser = await launchChromium();
  const chromium = browser.version();
  const sites: SiteResult[] = [];
  let scale: SiteResult | undefined;
  try {
    for (const build of builds) {
      log(`${build.name}:`);
      const own = queries.filter((q) => q.site === build.name);
      const cold = spread(own, options.cold).map((q) => q.query);
      sites.push(await benchSite(browser, build.name, build.outDir, build.buildMs, own, cold));
    }
    if (scaleBuild) {
      log(`scale-${options.scale}:`);
      const pasted = scaleBuild.queries.map((query) => ({
        site: 'sample' as const,
        query,
        expect: '/',
        class: 'pasted-error' as const,
        split: 'tune' as const,
      }));
      scale = await benchSite(browser, `scale-${options.scale}`, scaleBuild.outDir, scaleBuild.buildMs, pasted, scaleBuild.queries);
      // Latency only: the generated pages share their error lines, so there is no one right page.
      scale.results = scale.results.map((r) => ({ ...r, expect: '', ours: { ...r.ours, rank: null }, raw: { ...r.raw, rank: null } }));
    }
    report(code, sites, scale, chromium);
  } finally {
    await browser.close();
  }
  if (options.json) {
    const file = resolve(options.json);
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), code: code.label, node: process.version, chromium, sites, scale }, null, 2)}\n`,
    );
    log(`\nWrote ${relative(process.cwd(), file)}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
