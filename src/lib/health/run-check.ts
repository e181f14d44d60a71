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

// A worker thread takes ~0.1 s to start: a share of fewer files than this costs more than it saves.
const WORKER_THRESHOLD = 40;

/**
 * Reads the content folder and judges it: the one entry point of `check`, the build, `dev` and
 * `report`. Files unchanged since the last run (same bytes, same code, same settings) reuse their
 * cached facts; the rest are parsed, on every core when there are many.
 */
export async function runHealthCheck(options: RunCheckOptions): Promise<CheckedProject> {
  const { root, config } = options;
  const settings = analysisSettings(root, config);
  const entries = listContent(root, config.contentDir);
  const cache = loadFactsCache(root, config.contentDir, factsVersion(settings), options.cache ?? true);
  const facts = new Map<string, PageFacts>();
  const todo: Job[] = [];
  for (const entry of entries) {
    const cached = cache.entries.get(entry.contentPath);
    const path = join(root, config.contentDir, entry.contentPath);
    // Same size and modification time as when it was cached: the bytes are the same, as git
    // assumes for its index; anything else (a fresh clone, an edit) is read and hashed.
    const stamp = entry.kind === 'page' ? fileStamp(path) : undefined;
    if (cached && stamp !== undefined && cached.stamp === stamp) {
      facts.set(entry.contentPath, cached.facts);
      continue;
    }
    const bytes = entry.kind === 'page' ? readFileSync(path) : undefined;
    const key = entryKey(entry, bytes);
    if (cached?.key === key) {
      facts.set(entry.contentPath, cached.facts);
      if (stamp !== cached.stamp) {
        cache.entries.set(entry.contentPath, { ...cached, stamp });
        cache.changed = true;
      }
    } else todo.push({ entry, bytes, key, stamp });
  }
  for (const [job, result] of await analyseJobs(todo, settings, options)) {
    facts.set(job.entry.contentPath, result);
    cache.entries.set(job.entry.contentPath, { key: job.key, stamp: job.stamp, facts: result });
    cache.changed = true;
  }
  const present = new Set(entries.map((entry) => entry.contentPath));
  const changed = todo.length > 0 || [...cache.entries.keys()].some((path) => !present.has(path)) || cache.file === undefined;
  saveFactsCache(cache, present);
  const ordered = entries.map((entry) => facts.get(entry.contentPath)!);
  return { facts: ordered, report: judge(ordered, options), changed };
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

async function analyseJobs(jobs: Job[], settings: AnalysisSettings, options: RunCheckOptions): Promise<[Job, PageFacts][]> {
  if (jobs.length === 0) return [];
  // Loaded only when some file is not cached; the command-line tools ship it as a bundle of its own (scripts/kb.mjs).
  const { analyseEntry } = options.analysis ?? (await import('./analyse.js'));
  // One share of the files per core: this thread reads the first, a worker thread each of the others.
  const shares = Math.min(availableParallelism(), Math.floor(jobs.length / WORKER_THRESHOLD));
  const workerFile =
    shares < 2 ? undefined : ((await options.analysisWorker?.()) ?? fileURLToPath(new URL('./analyse-worker.mjs', import.meta.url)));
  if (workerFile === undefined || !existsSync(workerFile)) return jobs.map((job) => [job, analyseEntry(job.entry, job.bytes, settings)]);
  const size = Math.ceil(jobs.length / shares);
  const parts = Array.from({ length: shares }, (_, index) => jobs.slice(index * size, (index + 1) * size));
  const theirs = Promise.all(parts.slice(1).map((part) => runWorker(workerFile, part, settings)));
  const mine = parts[0].map((job) => analyseEntry(job.entry, job.bytes, settings));
  const results = [mine, ...(await theirs)].flat();
  return jobs.map((job, index): [Job, PageFacts] => [job, results[index]]);
}

function runWorker(file: string, jobs: Job[], settings: AnalysisSettings): Promise<PageFacts[]> {
  const worker = new Worker(file, { workerData: { settings, jobs: jobs.map(({ entry, bytes }) => ({ entry, bytes })) } });
  return new Promise<PageFacts[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
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
