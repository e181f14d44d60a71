/**
 * Build benchmark: `npm run build` of generated knowledge bases, against a bare Astro site.
 *
 *   npm run bench:build -- [--sizes 1000,5000] [--runs 3] [--seed 1] [--quick] [--keep] [--no-doc]
 *
 * For each size: generates `.bench/build/<size>/content` (scripts/bench/generate.ts) with the
 * project's `src` linked next to it and an `astro.config.mjs` that uses this project's site code,
 * as `bench:search --scale` does (the corpus stays inside the project: the site finds its code
 * through the real path of `zod`). Then, per run:
 *
 * - ours, cold: `npm run build -- --root <corpus>` as a user runs it (scripts/build.sh: `astro build`,
 *   then the search index once Astro has exited), plus `KB_ALLOW_HEALTH_ERRORS=1`
 *   (the generator injects broken links on purpose) and `KB_TODAY`, after deleting the corpus's
 *   `dist/`, `.astro/`, `node_modules/.astro` and `node_modules/.vite`, with the health check's
 *   cache (`KB_CACHE_DIR`) in a new empty folder;
 * - ours, warm: the same command again, nothing changed, every cache kept; its `dist/` is compared
 *   file by file (SHA-256) with the cold one;
 * - ours, 1 changed: the same command again, every cache kept, after appending a line
 *   (`Checked again on <KB_TODAY>.`) to the first `.md` runbook under `content/runbooks/` in sorted
 *   order: what an author waits for after editing one page. Its `dist/` is compared with the warm
 *   one to show the edit reached the output; then the page's bytes and mtime are put back, so the
 *   bare site and later runs build the generated corpus;
 * - bare, cold and warm: `scripts/bench/reference-site` (Astro's defaults, no integrations, the
 *   corpus's `.md` pages through Astro's glob loader; `.mdx` pages left out) copied to
 *   `.bench/build/<size>/bare`, built by the same Astro, then indexed by the Pagefind CLI.
 *
 * Each build is timed on the wall clock; its peak RSS is the largest sum of `VmRSS` over the
 * process and all its descendants, sampled every 100 ms from /proc; CPU time comes from
 * /usr/bin/time when present. The build log gives the time of each step. After the last run's warm
 * build (before its edit, which changes the page the query finds), the site is served and Chromium
 * types a query into the search box: the bytes fetched under `/pagefind/` from opening the page
 * until the first result list are recorded.
 *
 * Prints a table, and writes the figures to docs/benchmarks.md (one section per command line).
 * It measures and does not judge: the exit code is 0 unless a build failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.js';
import { serveSite } from '../e2e/serve.js';
import { BENCH_TODAY } from './bench/generate.js';
import { generateSite } from './bench/site.js';

const USAGE = `Usage: npm run bench:build -- [options]

Options:
  --sizes N,N,...   corpus sizes in pages (default: 1000,5000)
  --runs N          cold, warm and one-page-changed builds per size; figures are medians (default: 3)
  --seed N          generator seed (default: 1)
  --quick           one run, 1000 pages only
  --keep            keep .bench/build/<size>/ afterwards
  --no-doc          do not write docs/benchmarks.md
  -h, --help        show this help`;

const PROJECT = resolve(import.meta.dirname, '..');
const OUT = join(PROJECT, '.bench/build');
const REFERENCE_SITE = join(PROJECT, 'scripts/bench/reference-site');
const DOC = join(PROJECT, 'docs/benchmarks.md');
const ASTRO = join(PROJECT, 'node_modules/.bin/astro');
const NPM = 'npm';
const PAGEFIND = join(PROJECT, 'node_modules/.bin/pagefind');
const TIME = '/usr/bin/time';
const SAMPLE_MS = 100;
const SEARCH_TIMEOUT_MS = 60_000;
/** What `npm run build` sets, and what the benchmark needs on top (a fixed today, no colours in the log). */
const BUILD_ENV = { ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' };
const BENCH_ENV = { KB_TODAY: BENCH_TODAY, NO_COLOR: '1', FORCE_COLOR: '0' };

interface Options {
  sizes: number[];
  runs: number;
  seed: number;
  keep: boolean;
  doc: boolean;
}

/** One measured process tree. */
interface Measured {
  ms: number;
  /** Largest sum of VmRSS over the tree, in KiB. */
  peakRssKiB: number;
  /** The build step the log had reached when the peak was sampled (see `stepAt`). */
  peakStep: string;
  /** User + system CPU time of the tree, when /usr/bin/time is there. */
  cpuMs: number | undefined;
  /** CPU time sampled from /proc, by build step (see `StepCpu`). */
  stepCpu: Record<string, StepCpu>;
  status: number | null;
  output: string;
}

/**
 * CPU time spent during one build step, in milliseconds, from the 100 ms samples of /proc: `all`
 * over every thread of every process of the tree, `main` over the main threads of its Node
 * processes (where Astro renders pages; the rest is V8's garbage collector and compiler threads,
 * worker threads such as the health check's, Pagefind and esbuild). A step's wall time against its
 * `main` CPU shows how much of it the main thread waited for a core, or for other threads.
 */
export interface StepCpu {
  all: number;
  main: number;
}

/** Step timings read from an `astro build` log, in milliseconds. */
interface Steps {
  /** From the start of the build to the end of the content sync, minus the sync: config hooks (our health check), routes, Vite config. */
  setup?: number;
  /** Content layer sync and types (`[types] Generated`): every page's Markdown rendered. */
  sync?: number;
  /** Server bundle (`Building static entrypoints`). */
  ssr?: number;
  /** Client bundle (`building client (vite)`). */
  client?: number;
  /** Writing every page (`generating static routes`). */
  render?: number;
  /** `generating optimized images`. */
  images?: number;
  /** Our Pagefind step (`Search: indexed … in X ms`, or `reused …` when no indexed page changed), or the Pagefind CLI of the bare site. */
  pagefind?: number;
  /** Astro's own total (`N page(s) built in`). */
  total?: number;
  /** Pages Astro wrote. */
  pages?: number;
}

/** One build (ours or the bare site's) and what it wrote. */
interface BuildRun {
  ms: number;
  /** The step during which the peak RSS was sampled. */
  peakStep: string;
  /** One-minute load average when it ended: another job on the machine shows here. */
  load: number;
  cpuMs: number | undefined;
  peakRssMiB: number;
  steps: Steps;
  stepCpu: Record<string, StepCpu>;
  distBytes: number;
  pagefindBytes: number;
}

/** The Chromium measurement of the first query on a fresh page. */
interface FirstQuery {
  query: string;
  /** Bytes of the responses under `/pagefind/`, from opening the page to the first result list. */
  pagefindBytes: number;
  pagefindRequests: number;
  /** The same, by kind of file (`pagefind.js`, `wasm`, `pf_index`, `pf_fragment`, …). */
  byKind: Record<string, { bytes: number; requests: number }>;
  /** Every response of the page until then (HTML, CSS, scripts, Pagefind). */
  allBytes: number;
  /** The list's `data-elapsed`: search start to rendered list. */
  elapsedMs: number | undefined;
  results: number;
}

interface SizeResult {
  size: number;
  /** Generated pages: `.md` and `.mdx`. */
  pages: number;
  mdPages: number;
  generateMs: number;
  corpusMiB: number;
  /** `edit`: the build after one page changed. */
  ours: { cold: BuildRun[]; warm: BuildRun[]; edit: BuildRun[] };
  bare: { cold: BuildRun[]; warm: BuildRun[] };
  /** Files whose bytes differ between the cold and the warm `dist/` (added, removed or changed), per run. */
  warmDiffs: string[][];
  firstQuery: FirstQuery | undefined;
  /** The same query with raw Pagefind on the bare site's index: the floor. */
  rawFirstQuery: FirstQuery | undefined;
}

function parseCliArgs(): Options {
  let values;
  try {
    values = parseArgs({
      options: {
        sizes: { type: 'string', default: '1000,5000' },
        runs: { type: 'string', default: '3' },
        seed: { type: 'string', default: '1' },
        quick: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        'no-doc': { type: 'boolean', default: false },
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
  const sizes = values.quick ? [1000] : values.sizes.split(',').map((text) => Number(text.trim().replace(/_/g, '')));
  const runs = values.quick ? 1 : Number(values.runs);
  const seed = Number(values.seed);
  if (sizes.some((size) => !Number.isInteger(size) || size < 8) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed))
    fail(`Unexpected --sizes, --runs or --seed: sizes are whole numbers of at least 8, runs at least 1\n\n${USAGE}`);
  return { sizes, runs, seed, keep: values.keep, doc: !values['no-doc'] };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median of the defined values, or undefined when there are none. */
const medianOf = (values: (number | undefined)[]): number | undefined => {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length === 0 ? undefined : median(defined);
};

// ---------------------------------------------------------------------------------------------
// Measuring a process tree

/** Process ids of `pid`'s children, from every thread's `children` list. */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const task of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
        if (child !== '') out.push(Number(child));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

/** `VmRSS` of one process in KiB; 0 when it has ended (or is a zombie, which has none). */
function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pids of `pid` and all its descendants. */
function treePids(pid: number): number[] {
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...childrenOf(current));
  }
  return [...seen];
}

/** Sum of `VmRSS` over `pid` and all its descendants (without `pid` itself when `skipRoot`). */
export function treeRssKiB(pid: number, skipRoot = false): number {
  return treePids(pid).reduce((total, current) => total + (skipRoot && current === pid ? 0 : rssKiB(current)), 0);
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux). */
const TICK_MS = 10;

/** utime + stime of a /proc `stat` file, in milliseconds; undefined when it is gone. */
function statCpuMs(path: string): number | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** CPU time so far of every process in the tree of `pid` (all threads, and Node's main threads), by pid. */
export function treeCpu(pid: number): Map<number, StepCpu> {
  const out = new Map<number, StepCpu>();
  for (const current of treePids(pid)) {
    const all = statCpuMs(`/proc/${current}/stat`);
    if (all === undefined) continue;
    let node = false;
    try {
      node = readFileSync(`/proc/${current}/comm`, 'utf8').trim() === 'node';
    } catch {
      continue;
    }
    out.set(current, { all, main: node ? (statCpuMs(`/proc/${current}/task/${current}/stat`) ?? 0) : 0 });
  }
  return out;
}

/**
 * Runs a command to its end, sampling the RSS of its process tree every 100 ms. Under
 * /usr/bin/time (for the tree's CPU time), the `time` process itself is left out of the sum.
 */
function runMeasured(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; firstStep?: string },
): Promise<Measured> {
  const hasTime = existsSync(TIME);
  const timeFile = join(tmpdir(), `kb-bench-build-time-${process.pid}-${Date.now()}`);
  const [file, argv] = hasTime ? [TIME, ['-f', '%U %S', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let step = options.firstStep ?? 'start-up';
    const read = (chunk: Buffer) => {
      chunks.push(chunk);
      for (const line of chunk.toString('utf8').split('\n')) step = stepAt(line, step);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    let peak = 0;
    let peakStep = step;
    // CPU: what each process had used at the last sample; what was used since goes to the step the log is in.
    const seen = new Map<number, StepCpu>();
    const stepCpu: Record<string, StepCpu> = {};
    const sample = () => {
      if (child.pid === undefined) return;
      const rss = treeRssKiB(child.pid, hasTime);
      if (rss > peak) [peak, peakStep] = [rss, step];
      const spent = (stepCpu[step] ??= { all: 0, main: 0 });
      for (const [pid, now] of treeCpu(child.pid)) {
        const before = seen.get(pid) ?? { all: 0, main: 0 };
        spent.all += now.all - before.all;
        spent.main += now.main - before.main;
        seen.set(pid, now);
      }
    };
    const timer = setInterval(sample, SAMPLE_MS);
    sample();
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (status) => {
      const ms = performance.now() - start;
      clearInterval(timer);
      resolvePromise({
        ms,
        peakRssKiB: peak,
        peakStep,
        cpuMs: readCpuMs(timeFile),
        stepCpu,
        status,
        output: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}

/** User + system seconds written by `/usr/bin/time -f '%U %S'`, in milliseconds; removes the file. */
function readCpuMs(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  // The last line; GNU time puts "Command exited with non-zero status 1" before it.
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  rmSync(file, { force: true });
  const [user, system] = lines[lines.length - 1].split(' ').map(Number);
  return Number.isFinite(user) && Number.isFinite(system) ? (user + system) * 1000 : undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the build log

/** Log lines that start a build step, in the order `astro build` prints them. */
const STEP_MARKERS: [RegExp, string][] = [
  [/pages checked: /, 'setup'],
  [/\[content\] Syncing content/, 'content sync'],
  [/Building static entrypoints/, 'server bundle'],
  [/building client \(vite\)/, 'client bundle'],
  [/generating static routes/, 'write pages'],
  [/generating optimized images/, 'images'],
  [/page\(s\) built in/, 'end'],
  // `npm run build` indexes once Astro has exited: Astro's last line starts that step.
  [/\[build\] Complete!/, 'Pagefind'],
  [/Search: (?:indexed|reused)/, 'end'],
  [/Running Pagefind/, 'Pagefind'],
];

/** The step a build is in after printing `line`, having been in `current`. */
export function stepAt(line: string, current: string): string {
  for (const [marker, step] of STEP_MARKERS) if (marker.test(line)) return step;
  // After the last page is written: the `astro:build:done` hooks (health.json, Pagefind, the gate).
  if (current === 'write pages' && /✓ Completed in/.test(line)) return 'build:done hooks';
  return current;
}

/** A duration as Astro and Vite print it (`248ms`, `8.21s`, `1m 5s`, `2m`), in milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+)m)?\s*(?:([\d.]+)(ms|s))?$/.exec(text.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const minutes = Number(match[1] ?? 0) * 60_000;
  const rest = match[2] === undefined ? 0 : Number(match[2]) * (match[3] === 'ms' ? 1 : 1000);
  return minutes + rest;
}

/** The time of each build step, from the log of `astro build` (Astro 5, colours off). */
export function parseSteps(output: string): Steps {
  const steps: Steps = {};
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  let section: 'start' | 'info' | 'ssr' | 'client' | 'render' | 'images' = 'start';
  let setupTotal: number | undefined;
  for (const line of lines) {
    const completed = /✓ Completed in (.+?)\.?\s*$/.exec(line)?.[1];
    const built = /\[vite\] ✓ built in (.+?)\s*$/.exec(line)?.[1];
    if (/\[types\] Generated (.+)$/.test(line)) steps.sync = parseDuration(/\[types\] Generated (.+)$/.exec(line)![1]);
    else if (line.includes('Collecting build info')) section = 'info';
    else if (line.includes('Building static entrypoints')) section = 'ssr';
    else if (line.includes('building client (vite)')) section = 'client';
    else if (line.includes('generating static routes')) section = 'render';
    else if (line.includes('generating optimized images')) section = 'images';
    else if (completed !== undefined && section === 'info') setupTotal = parseDuration(completed);
    else if (completed !== undefined && (section === 'ssr' || section === 'render' || section === 'images'))
      steps[section] = parseDuration(completed);
    else if (built !== undefined && section === 'client') steps.client = parseDuration(built);
    const pagefind = /Search: (?:indexed \d+ pages with Pagefind|reused the last build's index of \d+ pages) in (\d+) ms/.exec(line);
    if (pagefind) steps.pagefind = Number(pagefind[1]);
    const total = /(\d+) page\(s\) built in (.+?)\s*$/.exec(line);
    if (total) {
      steps.pages = Number(total[1]);
      steps.total = parseDuration(total[2]);
    }
  }
  if (setupTotal !== undefined && steps.sync !== undefined) steps.setup = setupTotal - steps.sync;
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Files

/** Every file under `dir` (following no symlinks), as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(dir, path));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Total bytes of the files under `dir`. */
function bytesUnder(dir: string): number {
  return filesUnder(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

/** SHA-256 of every file under `dir`, by relative path. */
function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const file of filesUnder(dir))
    hashes.set(
      file,
      createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex'),
    );
  return hashes;
}

/** Files added, removed or changed from `before` to `after`, e.g. `changed health.json`. */
export function diffTrees(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, hash] of before) {
    const now = after.get(file);
    if (now === undefined) out.push(`removed ${file}`);
    else if (now !== hash) out.push(`changed ${file}`);
  }
  for (const file of after.keys()) if (!before.has(file)) out.push(`added ${file}`);
  return out.sort((a, b) => a.slice(a.indexOf(' ')).localeCompare(b.slice(b.indexOf(' '))));
}

// ---------------------------------------------------------------------------------------------
// Building

/** Deletes what a build leaves behind for the next one: output, generated types, content store, Vite cache. */
function removeBuildCaches(root: string) {
  for (const path of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite'])
    rmSync(join(root, path), { recursive: true, force: true });
}

/** Generates the corpus under `.bench/build/<size>/`, with our site config and a copy of the bare site. */
function prepareCorpus(size: number, seed: number) {
  const root = join(OUT, String(size));
  rmSync(root, { recursive: true, force: true });
  const start = performance.now();
  const corpus = generateSite(root, { pages: size, seed, title: `Generated ${size}` });
  const generateMs = performance.now() - start;
  cpSync(REFERENCE_SITE, join(root, 'bare'), { recursive: true, filter: (path) => !/[\\/](dist|\.astro|node_modules)$/.test(path) });
  const mdPages = corpus.files.filter((file) => file.endsWith('.md')).length;
  return { root, corpus, generateMs, mdPages };
}

/** Throws with the end of the log when a step failed. */
function ensureOk(what: string, run: Measured) {
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}:\n${run.output.slice(-6000)}`);
}

/** Our build, `npm run build -- --root <corpus>` as a user runs it. */
async function buildOurs(root: string, cacheDir: string): Promise<BuildRun> {
  const run = await runMeasured(NPM, ['run', '--silent', 'build', '--', '--root', root], {
    cwd: PROJECT,
    env: { ...BENCH_ENV, KB_ALLOW_HEALTH_ERRORS: '1', KB_CACHE_DIR: cacheDir },
  });
  ensureOk(`npm run build -- --root ${relative(PROJECT, root)}`, run);
  const dist = join(root, 'dist');
  return {
    ms: run.ms,
    load: loadavg()[0],
    cpuMs: run.cpuMs,
    peakRssMiB: run.peakRssKiB / 1024,
    peakStep: run.peakStep,
    steps: parseSteps(run.output),
    stepCpu: run.stepCpu,
    distBytes: bytesUnder(dist),
    pagefindBytes: bytesUnder(join(dist, 'pagefind')),
  };
}

/** The bare reference site on the corpus's `content/`: `astro build`, then the Pagefind CLI. */
async function buildBare(root: string): Promise<BuildRun> {
  const site = join(root, 'bare');
  const env = { ...BUILD_ENV, ...BENCH_ENV, BENCH_CONTENT_DIR: join(root, 'content') };
  const astro = await runMeasured(ASTRO, ['build', '--root', site], { cwd: PROJECT, env });
  ensureOk(`astro build --root ${relative(PROJECT, site)}`, astro);
  const dist = join(site, 'dist');
  const pagefind = await runMeasured(PAGEFIND, ['--site', dist], { cwd: PROJECT, env, firstStep: 'Pagefind' });
  ensureOk(`pagefind --site ${relative(PROJECT, dist)}`, pagefind);
  const cpu = astro.cpuMs !== undefined && pagefind.cpuMs !== undefined ? astro.cpuMs + pagefind.cpuMs : undefined;
  return {
    ms: astro.ms + pagefind.ms,
    load: loadavg()[0],
    cpuMs: cpu,
    peakRssMiB: Math.max(astro.peakRssKiB, pagefind.peakRssKiB) / 1024,
    peakStep: astro.peakRssKiB >= pagefind.peakRssKiB ? astro.peakStep : 'Pagefind CLI',
    steps: { ...parseSteps(astro.output), pagefind: pagefind.ms },
    stepCpu: { ...astro.stepCpu, Pagefind: pagefind.stepCpu.Pagefind ?? { all: 0, main: 0 } },
    distBytes: bytesUnder(dist),
    pagefindBytes: bytesUnder(join(dist, 'pagefind')),
  };
}

/** The page the one-page-changed build edits: the first `.md` runbook, the same one in every run. */
function pageToEdit(files: string[]): string {
  const page = files.find((file) => file.startsWith('content/runbooks/') && file.endsWith('.md'));
  if (page === undefined) throw new Error('The generated corpus has no `.md` runbook under content/runbooks/ to edit');
  return page;
}

/**
 * Runs `build` with `line` appended to `file` as a paragraph of its own, then puts back the file's
 * bytes and mtime, even when the build fails, so that what is built next is the generated corpus.
 * The mtime comes back to the microsecond (what utimes keeps), not to the nanosecond of the
 * health check's stamp: a cache that still held the page would rehash it, and find it unchanged.
 */
async function withLineAppended<T>(file: string, line: string, build: () => Promise<T>): Promise<T> {
  const original = readFileSync(file);
  const { atimeMs, mtimeMs } = statSync(file);
  const blank = original.at(-1) === 0x0a ? '\n' : '\n\n';
  writeFileSync(file, Buffer.concat([original, Buffer.from(`${blank}${line}\n`)]));
  try {
    return await build();
  } finally {
    writeFileSync(file, original);
    utimesSync(file, atimeMs / 1000, mtimeMs / 1000);
  }
}

/** One line of progress for a build. */
function describe(label: string, run: BuildRun): string {
  const cpu = run.cpuMs === undefined ? '' : `, ${(run.cpuMs / 1000).toFixed(1)} s CPU`;
  const pagefind = run.steps.pagefind === undefined ? '' : `, Pagefind ${(run.steps.pagefind / 1000).toFixed(1)} s`;
  return `  ${label}: ${(run.ms / 1000).toFixed(1)} s${cpu}, peak RSS ${run.peakRssMiB.toFixed(0)} MiB${pagefind}, ${run.steps.pages ?? '?'} pages, load ${run.load.toFixed(1)}`;
}

// ---------------------------------------------------------------------------------------------
// The first query in Chromium

/** The logged error line of the first generated runbook (`The log shows \`…\``): a pasted error. */
function firstErrorLine(root: string, files: string[]): string {
  for (const file of files.filter((name) => name.startsWith('content/runbooks/'))) {
    const match = /The log shows `([^`]+)`/.exec(readFileSync(join(root, file), 'utf8'));
    if (match) return match[1];
  }
  return 'connection refused';
}

/**
 * Opens `path` of the site in `dist` in a new context with the HTTP cache off, runs `act` and sums
 * the bytes of every response until it is done. Chromium runs only for this, so it takes no CPU or
 * memory from the builds.
 */
async function measureBytes<T>(
  dist: string,
  path: string,
  act: (page: Page) => Promise<T>,
): Promise<{ answer: T; pagefind: { url: string; bytes: number }[]; allBytes: number }> {
  const server = await serveSite(dist);
  const browser = await launchChromium();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const sizes: Promise<{ url: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      sizes.push(request.sizes().then((size) => ({ url: request.url(), bytes: size.responseBodySize })));
    });
    await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
    const answer = await act(page);
    const responses = await Promise.all(sizes);
    return {
      answer,
      pagefind: responses.filter((response) => new URL(response.url).pathname.includes('/pagefind/')),
      allBytes: responses.reduce((sum, response) => sum + response.bytes, 0),
    };
  } finally {
    await context.close();
    await browser.close();
    await server.close();
  }
}

function firstQueryOf(
  query: string,
  measured: { answer: { elapsed: number | undefined; results: number }; pagefind: { url: string; bytes: number }[]; allBytes: number },
): FirstQuery {
  const { answer, pagefind, allBytes } = measured;
  return {
    query,
    pagefindBytes: pagefind.reduce((sum, response) => sum + response.bytes, 0),
    pagefindRequests: pagefind.length,
    byKind: byKind(pagefind),
    allBytes,
    elapsedMs: answer.elapsed,
    results: answer.results,
  };
}

/** Our home page: `query` typed into the search box, until the result list is rendered. */
async function measureFirstQuery(dist: string, query: string): Promise<FirstQuery> {
  const measured = await measureBytes(dist, '/', async (page) => {
    await page.locator('[data-search-primary]').fill(query);
    await page.waitForFunction((q) => document.querySelector<HTMLElement>('[data-results]')?.dataset.query === q, query, {
      timeout: SEARCH_TIMEOUT_MS,
    });
    const answer = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('[data-results]')!;
      return { elapsed: Number(list.dataset.elapsed), results: list.querySelectorAll('.result').length };
    });
    return { elapsed: Number.isFinite(answer.elapsed) ? answer.elapsed : undefined, results: answer.results };
  });
  return firstQueryOf(query, measured);
}

/**
 * What raw Pagefind fetches for the same query on the bare site's index (its defaults, the query as
 * typed, the data of its first ten results, as many as our list shows), from a page of that site:
 * Pagefind's own cost for a pasted error line, beside ours.
 */
async function measureRawFirstQuery(dist: string, query: string): Promise<FirstQuery> {
  const first = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('index.html'))
    .sort()[0];
  const path = `/${first
    .replace(/index\.html$/, '')
    .split('\\')
    .join('/')}`;
  const measured = await measureBytes(dist, path, (tab) =>
    tab.evaluate(async (q) => {
      const started = performance.now();
      const url = '/pagefind/pagefind.js';
      const pagefind = (await import(url)) as {
        init: () => Promise<void>;
        search: (query: string) => Promise<{ results: { data: () => Promise<unknown> }[] }>;
      };
      await pagefind.init();
      const { results } = await pagefind.search(q);
      await Promise.all(results.slice(0, 10).map((result) => result.data()));
      return { elapsed: Math.round(performance.now() - started), results: Math.min(results.length, 10) };
    }, query),
  );
  return firstQueryOf(query, measured);
}

/** `pf_index 254.5 KiB (13), wasm 58.4 KiB, …`, largest first. */
function describeKinds(query: FirstQuery): string {
  return Object.entries(query.byKind)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([kind, { bytes, requests }]) => `${kind} ${(bytes / 1024).toFixed(1)} KiB${requests > 1 ? ` (${requests})` : ''}`)
    .join(', ');
}

/** Bytes and requests per kind of Pagefind file: its extension, or its name for the few fixed files. */
function byKind(responses: { url: string; bytes: number }[]): FirstQuery['byKind'] {
  const out: FirstQuery['byKind'] = {};
  for (const { url, bytes } of responses) {
    const name = new URL(url).pathname.split('/').pop() ?? '';
    const kind = /\.pf_\w+$/.exec(name)?.[0].slice(1) ?? (name.startsWith('wasm.') ? 'wasm' : name);
    out[kind] ??= { bytes: 0, requests: 0 };
    out[kind].bytes += bytes;
    out[kind].requests += 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Generates one corpus and runs every build on it, `runs` times. */
async function benchSize(size: number, options: Options): Promise<SizeResult> {
  log(`\n${size} pages: generating ${relative(PROJECT, join(OUT, String(size)))}/content …`);
  const { root, corpus, generateMs, mdPages } = prepareCorpus(size, options.seed);
  log(`  ${corpus.files.length} pages (${mdPages} .md), ${(corpus.bytes / 1048576).toFixed(1)} MiB in ${Math.round(generateMs)} ms`);
  const result: SizeResult = {
    size,
    pages: corpus.files.length,
    mdPages,
    generateMs,
    corpusMiB: corpus.bytes / 1048576,
    ours: { cold: [], warm: [], edit: [] },
    bare: { cold: [], warm: [] },
    warmDiffs: [],
    firstQuery: undefined,
    rawFirstQuery: undefined,
  };
  const edited = pageToEdit(corpus.files);
  log(`  1 changed: ${edited}`);
  const caches = mkdtempSync(join(tmpdir(), 'kb-bench-build-cache-'));
  try {
    for (let index = 0; index < options.runs; index += 1) {
      const run = `${index + 1}/${options.runs}`;
      removeBuildCaches(root);
      const cacheDir = join(caches, `run-${index}`);
      mkdirSync(cacheDir);
      result.ours.cold.push(await buildOurs(root, cacheDir));
      log(describe(`ours cold ${run}`, result.ours.cold[index]));
      const coldHashes = hashTree(join(root, 'dist'));
      result.ours.warm.push(await buildOurs(root, cacheDir));
      log(describe(`ours warm ${run}`, result.ours.warm[index]));
      const warmHashes = hashTree(join(root, 'dist'));
      const diffs = diffTrees(coldHashes, warmHashes);
      result.warmDiffs.push(diffs);
      log(
        `  warm dist/ ${diffs.length === 0 ? 'byte-identical to the cold one' : `differs in ${diffs.length} files: ${diffs.slice(0, 5).join(', ')}`}`,
      );
      if (index === options.runs - 1) {
        // Now, on the generated corpus's output: the edit below changes the page the query finds.
        const query = firstErrorLine(root, corpus.files);
        log(`  first query in Chromium: ${query}`);
        result.firstQuery = await measureFirstQuery(join(root, 'dist'), query);
        log(`  ${(result.firstQuery.pagefindBytes / 1024).toFixed(0)} KiB in ${result.firstQuery.pagefindRequests} Pagefind requests`);
      }
      result.ours.edit.push(
        await withLineAppended(join(root, edited), `Checked again on ${BENCH_TODAY}.`, () => buildOurs(root, cacheDir)),
      );
      log(describe(`ours edit ${run}`, result.ours.edit[index]));
      // A build that missed the edit would time a warm build under another name.
      const editDiffs = diffTrees(warmHashes, hashTree(join(root, 'dist')));
      log(
        `  1 changed dist/ ${editDiffs.length === 0 ? 'byte-identical to the warm one: the edit did not reach the output' : `differs from the warm one in ${editDiffs.length} files: ${editDiffs.slice(0, 5).join(', ')}`}`,
      );
      removeBuildCaches(join(root, 'bare'));
      result.bare.cold.push(await buildBare(root));
      log(describe(`bare cold ${run}`, result.bare.cold[index]));
      result.bare.warm.push(await buildBare(root));
      log(describe(`bare warm ${run}`, result.bare.warm[index]));
      if (index === options.runs - 1 && result.firstQuery) {
        result.rawFirstQuery = await measureRawFirstQuery(join(root, 'bare', 'dist'), result.firstQuery.query);
        log(
          `  raw Pagefind on the bare site: ${(result.rawFirstQuery.pagefindBytes / 1024).toFixed(0)} KiB in ${result.rawFirstQuery.pagefindRequests} requests`,
        );
      }
    }
  } finally {
    rmSync(caches, { recursive: true, force: true });
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reporting

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
      return index === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** The same rows as a Markdown table. */
function markdownTable(rows: string[][]): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [line(rows[0]), line(rows[0].map((_, column) => (column === 0 ? '---' : '---:'))), ...rows.slice(1).map(line)].join('\n');
}

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(1));
const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const pick = (runs: BuildRun[], value: (run: BuildRun) => number | undefined) => medianOf(runs.map(value));

/** Wall time, throughput, memory and output of our build: cold, warm and after one page changed. */
function oursRows(results: SizeResult[]): string[][] {
  const rows = [
    [
      'pages',
      'cold s',
      'cold CPU s',
      'cold pages/s',
      'warm s',
      '1 changed s',
      'warm/cold',
      '1 changed/cold',
      'warm CPU s',
      '1 changed CPU s',
      'warm pages/s',
      'peak RSS cold MiB',
      'peak RSS warm MiB',
      'peak RSS 1 changed MiB',
      'Pagefind cold s',
      'HTML pages',
      'dist MiB',
      'dist KiB/page',
      'Pagefind index MiB',
      'first query KiB (requests)',
      'warm = cold',
    ],
  ];
  for (const r of results) {
    const cold = pick(r.ours.cold, (run) => run.ms)!;
    const warm = pick(r.ours.warm, (run) => run.ms)!;
    const edit = pick(r.ours.edit, (run) => run.ms)!;
    const dist = pick(r.ours.cold, (run) => run.distBytes)!;
    const diffs = r.warmDiffs[r.warmDiffs.length - 1] ?? [];
    rows.push([
      String(r.pages),
      seconds(cold),
      seconds(pick(r.ours.cold, (run) => run.cpuMs)),
      (r.pages / (cold / 1000)).toFixed(0),
      seconds(warm),
      seconds(edit),
      ratio(warm, cold),
      ratio(edit, cold),
      seconds(pick(r.ours.warm, (run) => run.cpuMs)),
      seconds(pick(r.ours.edit, (run) => run.cpuMs)),
      (r.pages / (warm / 1000)).toFixed(0),
      pick(r.ours.cold, (run) => run.peakRssMiB)!.toFixed(0),
      pick(r.ours.warm, (run) => run.peakRssMiB)!.toFixed(0),
      pick(r.ours.edit, (run) => run.peakRssMiB)!.toFixed(0),
      seconds(pick(r.ours.cold, (run) => run.steps.pagefind)),
      String(pick(r.ours.cold, (run) => run.steps.pages) ?? '?'),
      mib(dist),
      (dist / 1024 / r.pages).toFixed(1),
      mib(pick(r.ours.cold, (run) => run.pagefindBytes)!),
      r.firstQuery ? `${(r.firstQuery.pagefindBytes / 1024).toFixed(0)} (${r.firstQuery.pagefindRequests})` : '-',
      diffs.length === 0 ? 'identical' : `${diffs.length} files differ`,
    ]);
  }
  return rows;
}

/** The bare reference site, and our build's figures divided by its. */
function bareRows(results: SizeResult[]): string[][] {
  const rows = [
    [
      'pages',
      '.md pages',
      'bare cold s',
      'bare cold CPU s',
      'bare warm s',
      'bare peak RSS MiB',
      'bare Pagefind s',
      'bare dist MiB',
      'ours/bare cold time',
      'ours/bare cold CPU',
      'ours/bare warm time',
      'ours/bare peak RSS',
      'ours/bare cold time per page',
    ],
  ];
  for (const r of results) {
    const bare = {
      cold: pick(r.bare.cold, (run) => run.ms)!,
      cpu: pick(r.bare.cold, (run) => run.cpuMs),
      warm: pick(r.bare.warm, (run) => run.ms)!,
      rss: pick(r.bare.cold, (run) => run.peakRssMiB)!,
    };
    const ours = {
      cold: pick(r.ours.cold, (run) => run.ms)!,
      cpu: pick(r.ours.cold, (run) => run.cpuMs),
      warm: pick(r.ours.warm, (run) => run.ms)!,
      rss: pick(r.ours.cold, (run) => run.peakRssMiB)!,
    };
    rows.push([
      String(r.pages),
      String(r.mdPages),
      seconds(bare.cold),
      seconds(bare.cpu),
      seconds(bare.warm),
      bare.rss.toFixed(0),
      seconds(pick(r.bare.cold, (run) => run.steps.pagefind)),
      mib(pick(r.bare.cold, (run) => run.distBytes)!),
      ratio(ours.cold, bare.cold),
      ours.cpu === undefined || bare.cpu === undefined ? '-' : ratio(ours.cpu, bare.cpu),
      ratio(ours.warm, bare.warm),
      ratio(ours.rss, bare.rss),
      ratio(ours.cold / r.pages, bare.cold / r.mdPages),
    ]);
  }
  return rows;
}

/** Per-step medians from the build logs (seconds), and where the memory peaked. */
function stepRows(results: SizeResult[]): string[][] {
  const rows = [
    [
      'build, pages',
      'wall',
      'start-up',
      'setup',
      'content sync',
      'server bundle',
      'client bundle',
      'write pages',
      'images',
      'Pagefind',
      'rest',
      'peak RSS MiB (during)',
    ],
  ];
  // Both index once Astro has exited: ours in `npm run build`, the bare site with the Pagefind CLI.
  const add = (label: string, runs: BuildRun[], pagefindInAstro: boolean) => {
    const step = (key: keyof Steps) => pick(runs, (run) => run.steps[key]);
    // Derived per run, then the median: medians of different runs do not add up.
    const startUp = (run: BuildRun) =>
      run.steps.total === undefined ? undefined : run.ms - run.steps.total - (pagefindInAstro ? 0 : (run.steps.pagefind ?? 0));
    const rest = (run: BuildRun) => {
      const { total, pagefind = 0 } = run.steps;
      const named = (['setup', 'sync', 'ssr', 'client', 'render', 'images'] as const).reduce((sum, key) => sum + (run.steps[key] ?? 0), 0);
      return total === undefined ? undefined : total - named - (pagefindInAstro ? pagefind : 0);
    };
    const last = runs[runs.length - 1];
    rows.push([
      label,
      seconds(pick(runs, (run) => run.ms)),
      // Node and the astro CLI starting and loading the config: what Astro's own total leaves out.
      seconds(pick(runs, startUp)),
      seconds(step('setup')),
      seconds(step('sync')),
      seconds(step('ssr')),
      seconds(step('client')),
      seconds(step('render')),
      seconds(step('images')),
      seconds(step('pagefind')),
      // Inside Astro's total but in none of the steps above: the other `astro:build:done` work.
      seconds(pick(runs, rest)),
      `${pick(runs, (run) => run.peakRssMiB)!.toFixed(0)} (${last.peakStep})`,
    ]);
  };
  for (const r of results) {
    add(`ours cold, ${r.pages}`, r.ours.cold, false);
    add(`ours warm, ${r.pages}`, r.ours.warm, false);
    add(`ours 1 changed, ${r.pages}`, r.ours.edit, false);
    add(`bare cold, ${r.pages}`, r.bare.cold, false);
    add(`bare warm, ${r.pages}`, r.bare.warm, false);
  }
  return rows;
}

/** The steps of `stepAt`, in build order, as the CPU table shows them. */
const CPU_STEPS = [
  'start-up',
  'content sync',
  'setup',
  'server bundle',
  'client bundle',
  'write pages',
  'images',
  'build:done hooks',
  'Pagefind',
];

/** CPU seconds by step (medians), all threads and Node's main threads; see `StepCpu`. */
function cpuRows(results: SizeResult[]): string[][] {
  const rows = [['build, pages', 'all threads', ...CPU_STEPS]];
  const add = (label: string, runs: BuildRun[]) => {
    const cpu = (step: string, kind: keyof StepCpu) => pick(runs, (run) => run.stepCpu[step]?.[kind]);
    const total = pick(runs, (run) => Object.values(run.stepCpu).reduce((sum, spent) => sum + spent.all, 0));
    rows.push([
      label,
      seconds(total),
      ...CPU_STEPS.map((step) => (cpu(step, 'all') === undefined ? '-' : `${seconds(cpu(step, 'all'))} / ${seconds(cpu(step, 'main'))}`)),
    ]);
  };
  for (const r of results) {
    add(`ours cold, ${r.pages}`, r.ours.cold);
    add(`ours warm, ${r.pages}`, r.ours.warm);
    add(`bare cold, ${r.pages}`, r.bare.cold);
    add(`bare warm, ${r.pages}`, r.bare.warm);
  }
  return rows;
}

/** Machine, software and load, for the record. */
function machine(loadAtStart: number) {
  const git = (args: string[]) => spawnSync('git', args, { cwd: PROJECT, encoding: 'utf8' }).stdout.trim();
  const dirty = git(['status', '--porcelain', '--', 'src', 'astro.config.mjs', 'package-lock.json']) !== '';
  const astro = (JSON.parse(readFileSync(join(PROJECT, 'node_modules/astro/package.json'), 'utf8')) as { version: string }).version;
  const pagefind = (JSON.parse(readFileSync(join(PROJECT, 'node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? '?',
    ramGiB: totalmem() / 1024 ** 3,
    node: process.version,
    astro,
    pagefind,
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' with uncommitted changes in src/' : ''}`,
    load: loadAtStart,
  };
}

/** The report: the same tables on the terminal and in docs/benchmarks.md. */
function render(results: SizeResult[], options: Options, command: string, loadAtStart: number, markdown: boolean): string {
  const m = machine(loadAtStart);
  const loads = results.flatMap((r) =>
    [...r.ours.cold, ...r.ours.warm, ...r.ours.edit, ...r.bare.cold, ...r.bare.warm].map((run) => run.load),
  );
  const loadRange =
    loads.length === 0 ? '' : `, ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} at the end of each build`;
  const format = markdown ? markdownTable : table;
  const out: string[] = [];
  out.push(
    `Command: \`${command}\` (${options.runs} cold, ${options.runs} warm and ${options.runs} one-page-changed build${options.runs === 1 ? '' : 's'} per size, medians; seed ${options.seed}).`,
    `Date ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${m.nproc} CPUs (${m.cpu}), ${m.ramGiB.toFixed(0)} GiB RAM; node ${m.node}, Astro ${m.astro}, Pagefind ${m.pagefind}; commit ${m.commit}; load average ${m.load.toFixed(1)} at the start${loadRange}.`,
    '',
    'Our build (`npm run build`; "1 changed": again, caches kept, after appending one line to one runbook):',
    '',
    format(oursRows(results)),
    '',
    'Bare reference site (`scripts/bench/reference-site`: `.md` pages only, Astro defaults, then the Pagefind CLI), and the ratios:',
    '',
    format(bareRows(results)),
    '',
    'Steps, from the build logs (seconds, medians):',
    '',
    format(stepRows(results)),
    '',
    'CPU by step, sampled from /proc every 100 ms (seconds, medians; all threads / the main threads of Node processes, where Astro renders). A step whose wall time is well above its main-thread CPU had the main thread waiting, for a core or for other threads:',
    '',
    format(cpuRows(results)),
  );
  for (const r of results) {
    const q = r.firstQuery;
    if (q)
      out.push(
        '',
        `${r.pages} pages, first query \`${q.query}\`: ${q.results} results in ${q.elapsedMs ?? '?'} ms; ${(q.pagefindBytes / 1024).toFixed(0)} KiB in ${q.pagefindRequests} requests under /pagefind/, ${(q.allBytes / 1024).toFixed(0)} KiB with the page itself. Under /pagefind/: ${describeKinds(q)}.`,
      );
    const raw = r.rawFirstQuery;
    if (raw)
      out.push(
        '',
        `The same query with raw Pagefind on the bare site's index (its defaults, the data of its ${raw.results === 1 ? 'one result' : `first ${raw.results} results`}), for comparison: ${(raw.pagefindBytes / 1024).toFixed(0)} KiB in ${raw.pagefindRequests} requests under /pagefind/: ${describeKinds(raw)}.`,
      );
    const diffs = [...new Set(r.warmDiffs.flat())];
    if (diffs.length > 0)
      out.push(
        '',
        `${r.pages} pages, warm dist/ differs from the cold one in: ${diffs.slice(0, 20).join(', ')}${diffs.length > 20 ? ' …' : ''}`,
      );
  }
  return out.join('\n');
}

const DOC_HEADER = `# Benchmarks

## Build

\`npm run bench:build\` (scripts/bench-build.ts) builds generated knowledge bases and a bare Astro site on the same pages; see the script's header for the method. Each section below is the output of one command line; running it again replaces its section.

<!-- bench:build -->
`;

/** Replaces (or adds) the section of this command line in docs/benchmarks.md, formatted as `prettier --check` wants it. */
async function writeDoc(command: string, body: string) {
  const begin = `<!-- bench:build begin ${command} -->`;
  const end = `<!-- bench:build end ${command} -->`;
  const section = `${begin}\n\n### \`${command}\`\n\n${body}\n\n${end}`;
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : DOC_HEADER;
  if (!doc.includes('<!-- bench:build -->')) doc = `${doc.trimEnd()}\n\n<!-- bench:build -->\n`;
  const start = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  if (start !== -1 && stop > start) doc = doc.slice(0, start) + section + doc.slice(stop + end.length);
  else doc = doc.replace('<!-- bench:build -->', `<!-- bench:build -->\n\n${section}`);
  mkdirSync(join(PROJECT, 'docs'), { recursive: true });
  const config = (await prettier.resolveConfig(DOC)) ?? {};
  writeFileSync(DOC, await prettier.format(doc, { ...config, filepath: DOC }));
}

async function main(): Promise<number> {
  const options = parseCliArgs();
  const command = ['npm run bench:build', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  const loadAtStart = loadavg()[0];
  const results: SizeResult[] = [];
  for (const size of options.sizes) results.push(await benchSize(size, options));
  process.stdout.write(`\n${render(results, options, command, loadAtStart, false)}\n`);
  if (loadAtStart > 1)
    process.stdout.write(
      `\nNote: the machine was busy before the benchmark started (load average ${loadAtStart.toFixed(1)}): wall times are pessimistic; CPU time is steadier.\n`,
    );
  if (options.doc) {
    await writeDoc(command, render(results, options, command, loadAtStart, true));
    log(`\nWrote ${relative(process.cwd(), DOC)}`);
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
