import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readAlertRules } from '../alerts/rule-files.js';
import { listContent, type ContentEntry } from '../content/files.js';
import type { KbConfig } from '../shared/config.js';
import { codeRoot } from '../shared/code-root.js';
import { readGitDates } from '../shared/git.js';
import type { AnalysisSettings } from './analyse.js';
import { entryKey, factsVersion, loadFactsCache, saveFactsCache } from './cache.js';
import { checkHealth, type HealthReport } from './engine.js';
import type { PageFacts } from './facts.js';
import type { RenderedMarkdown, RenderSettings } from '../content/render.js';

export interface RunCheckOptions {
  root: string;
  config: KbConfig;
  today: Date;
  base?: string;
  strict?: boolean;
  changedFiles?: Set<string>;
  /** Health errors become warnings (never policy refusals): the one-run switch. */
  downgradeErrors?: boolean;
  /** Prometheus rule files to judge alert coverage against (`--alert-rules`); replaces `kb.config.ts` `alertRules` when given. */
  alertRules?: string[];
  /** Skip reading git history (benchmarks, fixtures outside a repository). */
  git?: boolean;
  /** Reuse and update the per-file cache (default true; `--no-cache`). */
  cache?: boolean;
  /**
   * The analysis module. By default it is imported when first needed (the parsers cost a few
   * hundred milliseconds to load); code running where late imports are not possible (Astro's
   * config hooks) passes the module it imported itself.
   */
  analysis?: AnalysisModule;
  /**
   * The analysis as a worker-thread bundle (scripts/lib/bundle.mjs), to read files on the other
   * cores; asked for only when many files are to be read. By default the one beside this module,
   * which exists only in the command-line bundle; the build makes its own.
   */
  analysisWorker?: () => Promise<string>;
  /**
   * In a build, Astro's resolved Markdown settings once it has them: with `background`, the worker
   * threads then render each published `.md` page from the tree they parsed for the check
   * (render-share.ts; `takeRender`). Resolving to undefined: they do not.
   */
  shareRendering?: Promise<RenderSettings | undefined>;
}

type AnalysisModule = Pick<typeof import('./analyse.js'), 'analyseEntry'>;

/** The knowledge base as the checker read it: every file's facts, and the judgement of all of them. */
export interface CheckedProject {
  facts: PageFacts[];
  report: HealthReport;
  /**
   * Whether any file was added, changed or removed since the cached run (always, without a
   * cache): the build then cannot trust Astro's content store from its last run (see the
   * integration).
   */
  changed: boolean;
}

/** What one file of work needs: its entry and, for pages, its bytes. */
interface Job {
  entry: ContentEntry;
  bytes?: Uint8Array;
  key: string;
  stamp?: string;
}

/** Size and modification time of a file, as one string; undefined when it cannot be read. */
function fileStamp(path: string): string | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.size}:${stats.mtimeNs}`;
  } catch {
    return undefined;
  }
}

/** Young generation of a worker that renders pages, in MB (see `runWorker`). */
const RENDER_YOUNG_GENERATION_MB = 64;

// A worker thread takes ~0.1 s to start: a share of fewer files than this costs more than it saves.
const WORKER_THRESHOLD = 40;

/**
 * Reads the content folder and judges it: the one entry point of `check`, the build, `dev` and
 * `report`. Files unchanged since the last run (same bytes, same code, same settings) reuse their
 * cached facts; the rest are parsed, on every core when there are many.
 */
export async function runHealthCheck(options: RunCheckOptions): Promise<CheckedProject> {
  return startHealthCheck(options).done;
}

/** A check under way (see `startHealthCheck`). */
export interface StartedCheck {
  /** The content folder's entries, in the order of the finished check's `facts`. */
  entries: ContentEntry[];
  /** As `CheckedProject.changed`, known before any file is parsed. */
  changed: boolean;
  /**
   * Fingerprint of the code and settings that read the pages (the facts cache's version): what the
   * site's Markdown pipeline renders can only differ between two builds where this differs.
   */
  version: string;
  /**
   * The facts of a page, if `bytes` are exactly the bytes the check judged for it (compared by
   * hash); undefined otherwise, so a file changed since must be judged again.
   */
  judged: (contentPath: string, bytes: Uint8Array) => Promise<PageFacts> | undefined;
  /** One entry's facts, as soon as they are known (at once for a cached file); undefined for a path not listed. */
  factsOf(contentPath: string): Promise<PageFacts> | undefined;
  /** Every file read and the whole knowledge base judged. */
  done: Promise<CheckedProject>;
  /**
   * A worker's render of a page (see `shareRendering`), if `bytes` are exactly the bytes the check
   * judged and rendered (as `judged`); undefined otherwise, and the caller renders the page. Handed
   * over once: the render is let go whatever `bytes` are.
   */
  takeRender(contentPath: string, bytes: Uint8Array): Promise<RenderedMarkdown | undefined>;
}

/**
 * Starts a check, returning once the content folder is listed and compared with the cache:
 * each file's facts then arrive as they are read. With `background`, every file is parsed in
 * worker threads, so this thread stays free for other work (the build stores each page once the
 * checker has judged it; with `shareRendering`, the workers have rendered it too).
 */
export function startHealthCheck(options: RunCheckOptions & { background?: boolean }): StartedCheck {
  const { root, config } = options;
  const settings = analysisSettings(root, config);
  const entries = listContent(root, config.contentDir);
  const version = factsVersion(settings);
  const cache = loadFactsCache(root, config.contentDir, version, options.cache ?? true);
  const facts = new Map<string, Promise<PageFacts>>();
  /** The cache key (a hash of path and bytes) of what the check judged, per content path. */
  const keys = new Map<string, string>();
  const todo: Job[] = [];
  for (const entry of entries) {
    const cached = cache.entries.get(entry.contentPath);
    const path = join(root, config.contentDir, entry.contentPath);
    // Same size and modification time as when it was cached: the bytes are the same, as git
    // assumes for its index; anything else (a fresh clone, an edit) is read and hashed.
    const stamp = entry.kind === 'page' ? fileStamp(path) : undefined;
    if (cached && stamp !== undefined && cached.stamp === stamp) {
      facts.set(entry.contentPath, Promise.resolve(cached.facts));
      keys.set(entry.contentPath, cached.key);
      continue;
    }
    const bytes = entry.kind === 'page' ? readFileSync(path) : undefined;
    const key = entryKey(entry, bytes);
    keys.set(entry.contentPath, key);
    if (cached?.key === key) {
      facts.set(entry.contentPath, Promise.resolve(cached.facts));
      if (stamp !== cached.stamp) {
        cache.entries.set(entry.contentPath, { ...cached, stamp });
        cache.changed = true;
      }
    } else todo.push({ entry, bytes, key, stamp });
  }
  const present = new Set(entries.map((entry) => entry.contentPath));
  const changed = todo.length > 0 || [...cache.entries.keys()].some((path) => !present.has(path)) || cache.file === undefined;

  const pending = new Map<Job, { resolve: (facts: PageFacts) => void; reject: (error: unknown) => void }>();
  for (const job of todo) {
    const promise = new Promise<PageFacts>((resolve, reject) => pending.set(job, { resolve, reject }));
    // Marked as handled: a failure reaches whoever awaits it, and `done` in any case.
    promise.catch(() => undefined);
    facts.set(job.entry.contentPath, promise);
  }
  /** Pages the workers rendered, until the loader takes them. */
  const renders = new Map<string, RenderedMarkdown>();
  const done = analyseJobs(todo, settings, options, (job, result, rendered) => {
    if (rendered) renders.set(job.entry.contentPath, rendered);
    pending.get(job)?.resolve(result);
    cache.entries.set(job.entry.contentPath, { key: job.key, stamp: job.stamp, facts: result });
    cache.changed = true;
  }).then(
    async () => {
      saveFactsCache(cache, present);
      const ordered = await Promise.all(entries.map((entry) => facts.get(entry.contentPath)!));
      return { facts: ordered, report: judge(ordered, options), changed };
    },
    (error: unknown) => {
      for (const { reject } of pending.values()) reject(error);
      throw error;
    },
  );
  const judged = (contentPath: string, bytes: Uint8Array) =>
    keys.get(contentPath) === entryKey({ kind: 'page', contentPath }, bytes) ? facts.get(contentPath) : undefined;
  const takeRender = async (contentPath: string, bytes: Uint8Array) => {
    const same = judged(contentPath, bytes);
    // A worker sends a page's render with its facts: once they are in, so is the render, if any.
    await facts.get(contentPath);
    const render = renders.get(contentPath);
    renders.delete(contentPath);
    return same === undefined ? undefined : render;
  };
  return { entries, changed, version, judged, factsOf: (contentPath) => facts.get(contentPath), done, takeRender };
}

// The build's check, handed to the content loader: the integration and the loader are loaded as
// separate module instances (Astro's config loader, Vite's SSR loader) in one process.
const SHARED = Symbol.for('runbook-kb.build-check');
type SharedSlot = { [SHARED]?: { root: string; check: StartedCheck } };

/** Offers a started check to the content loader of the same build (undefined withdraws it). */
export function shareCheck(root: string, check: StartedCheck | undefined): void {
  (globalThis as SharedSlot)[SHARED] = check && { root, check };
}

/** The check the build started for `root`, if any. */
export function sharedCheck(root: string): StartedCheck | undefined {
  const shared = (globalThis as SharedSlot)[SHARED];
  return shared?.root === root ? shared.check : undefined;
}

/** What analysing a file depends on besides its bytes. */
export function analysisSettings(root: string, config: KbConfig): AnalysisSettings {
  return {
    contentRoot: join(root, config.contentDir),
    projectRoot: codeRoot(),
    contentDir: config.contentDir,
    limits: config.limits,
    components: config.components,
  };
}

/**
 * Parses the files to read, reporting each one's facts as they come. The files are dealt out in
 * turn to one share per core: in the foreground this thread reads the first share and a worker
 * thread each of the others; in the background worker threads read them all, on every core but one
 * (on every core when they render the pages too).
 */
async function analyseJobs(
  jobs: Job[],
  settings: AnalysisSettings,
  options: RunCheckOptions & { background?: boolean },
  onResult: (job: Job, facts: PageFacts, rendered?: RenderedMarkdown) => void,
): Promise<void> {
  if (jobs.length === 0) return;
  // Loaded only when some file is not cached; the command-line tools ship it as a bundle of its own (scripts/kb.mjs).
  const { analyseEntry } = options.analysis ?? (await import('./analyse.js'));
  const readHere = (some: Job[]) => some.forEach((job) => onResult(job, analyseEntry(job.entry, job.bytes, settings)));
  const shares = Math.min(availableParallelism(), Math.floor(jobs.length / WORKER_THRESHOLD));
  // In the background one core is left to the thread that started the check, unless the workers
  // render the pages too: that thread then has little left to do while they read.
  const rendering = options.background === true && options.shareRendering !== undefined;
  const workers = shares === 0 ? 0 : options.background ? Math.max(1, rendering ? shares : shares - 1) : shares - 1;
  if (workers < 1) return readHere(jobs);
  const workerFile = (await options.analysisWorker?.()) ?? fileURLToPath(new URL('./analyse-worker.mjs', import.meta.url));
  if (!existsSync(workerFile)) return readHere(jobs);
  const parts = workers + (options.background ? 0 : 1);
  const share = (index: number) => jobs.filter((_, position) => position % parts === index);
  const render = rendering ? options.shareRendering : undefined;
  const theirs = Array.from({ length: workers }, (_, index) =>
    runWorker(workerFile, share(parts - workers + index), settings, onResult, render),
  );
  if (!options.background) readHere(share(0));
  await Promise.all(theirs);
}

/**
 * Reads `jobs` in a worker thread; it sends each file's facts as soon as it has them. With
 * `render`, it waits for the build's Markdown settings and renders each published `.md` page from
 * its own parse (render-share.ts).
 */
function runWorker(
  file: string,
  jobs: Job[],
  settings: AnalysisSettings,
  onResult: (job: Job, facts: PageFacts, rendered?: RenderedMarkdown) => void,
  render?: Promise<RenderSettings | undefined>,
): Promise<void> {
  const worker = new Worker(file, {
    workerData: { settings, jobs: jobs.map(({ entry, bytes }) => ({ entry, bytes })), render: render !== undefined },
    // Rendering makes short-lived garbage fast: a young generation of 64 MB (a worker's default
    // is smaller) cut the content sync of a 1,000-page build by about 0.9 s (four cold builds each).
    ...(render ? { resourceLimits: { maxYoungGenerationSizeMb: RENDER_YOUNG_GENERATION_MB } } : {}),
  });
  if (render) {
    // Until the settings come, the waiting worker does not keep the process alive: a build that
    // stops before Astro resolves its configuration must still be able to end.
    worker.unref();
    const start = (resolved: RenderSettings | undefined) => {
      worker.ref();
      worker.postMessage({ render: resolved });
    };
    render.then(start, () => start(undefined));
  }
  let received = 0;
  return new Promise<void>((resolve, reject) => {
    worker.on('message', ({ index, facts, rendered }: { index: number; facts: PageFacts; rendered?: RenderedMarkdown }) => {
      onResult(jobs[index], facts, rendered);
      received += 1;
      if (received === jobs.length) resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (received < jobs.length)
        reject(new Error(`The health check's worker stopped (exit ${code}) after ${received} of ${jobs.length} files`));
    });
  }).finally(() => void worker.terminate());
}

function judge(facts: PageFacts[], options: RunCheckOptions): HealthReport {
  const { root, config } = options;
  const git = options.git === false ? undefined : readGitDates(root, config.contentDir);
  const patterns = options.alertRules ?? config.alertRules;
  return checkHealth(facts, {
    config,
    today: options.today,
    base: options.base ?? config.base,
    strict: options.strict,
    downgradeErrors: options.downgradeErrors,
    gitDates: git?.dates,
    changedFiles: options.changedFiles,
    publicFileExists: (sitePath) => existsSync(join(root, 'public', sitePath)),
    notes: git?.note ? [git.note] : [],
    alertRules: patterns.length > 0 ? readAlertRules(root, patterns) : undefined,
  });
}
