import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KbConfig } from '../shared/config.js';
import { listContentFiles, readCorpus, type Corpus } from '../content/corpus.js';
import { readGitDates } from '../shared/git.js';
import { checkHealth, type HealthReport } from './engine.js';
import { mdxCacheKey } from '../content/mdx-syntax.js';
import { checkMdxFiles } from '../content/mdx-syntax-worker.js';

export interface RunCheckOptions {
  root: string;
  config: KbConfig;
  today: Date;
  base?: string;
  strict?: boolean;
  changedFiles?: Set<string>;
  /** Skip reading git history (benchmarks, fixtures outside a repository). */
  git?: boolean;
}

/** Reads the content folder, git dates and public files, then judges everything: the one entry point the CLI, the build and the report share. */
export function runHealthCheck(options: RunCheckOptions): HealthReport {
  return checkProject(options).report;
}

/** Like `runHealthCheck`, also returning the pages as read, for callers that need their bodies. */
export function checkProject(options: RunCheckOptions): { corpus: Corpus; report: HealthReport } {
  const corpus = readCorpus(options.root, options.config.contentDir);
  return { corpus, report: judge(corpus, options) };
}

/**
 * `runHealthCheck` for the command line, where every run counts: MDX pages that passed the
 * syntax check before, unchanged, are not parsed again (a cache beside the prebuilt tools), and
 * the rest are parsed on the second core while this thread reads and scans everything else.
 * Same findings as `runHealthCheck`, which runs instead where there is no prebuilt worker (tsx, tests).
 */
export async function runHealthCheckInParallel(options: RunCheckOptions): Promise<HealthReport> {
  const workerFile = fileURLToPath(new URL('./mdx-syntax-worker.mjs', import.meta.url));
  if (!existsSync(workerFile)) return runHealthCheck(options);
  const { root, config } = options;
  const cacheFile = join(dirname(workerFile), 'mdx-passed.json');
  const known = new Set(readCache(cacheFile));
  const keys = new Map<string, string>();
  const entries = listContentFiles(root, config.contentDir);
  for (const path of entries) {
    if (path.toLowerCase().endsWith('.mdx')) keys.set(path, mdxCacheKey(readFileSync(join(root, config.contentDir, path), 'utf8')));
  }
  const todo = [...keys].filter(([, key]) => !known.has(key)).map(([path]) => path);
  // A worker costs ~0.1 s to start: worth it only for more than a few pages.
  const checked =
    todo.length > 20
      ? runWorker(workerFile, { root, contentDir: config.contentDir, files: todo })
      : Promise.resolve(checkMdxFiles(root, config.contentDir, todo));
  const corpus = readCorpus(root, config.contentDir, { verifyMdx: false, entries });
  const { findings, passed } = await checked;
  corpus.findings.push(...findings);
  const current = new Set(keys.values());
  writeCache(cacheFile, [...new Set([...passed, ...[...known].filter((key) => current.has(key))])]);
  return judge(corpus, options);
}

function runWorker(file: string, data: { root: string; contentDir: string; files: string[] }): Promise<ReturnType<typeof checkMdxFiles>> {
  const worker = new Worker(file, { workerData: data });
  return new Promise<ReturnType<typeof checkMdxFiles>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
}

function readCache(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
  } catch {
    return [];
  }
}

function writeCache(file: string, keys: string[]): void {
  try {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(keys));
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written only costs time on the next run.
  }
}

function judge(corpus: Corpus, options: RunCheckOptions): HealthReport {
  const { root, config } = options;
  const git = options.git === false ? undefined : readGitDates(root, config.contentDir);
  return checkHealth(corpus, {
    config,
    today: options.today,
    base: options.base,
    strict: options.strict ?? config.health.strict,
    gitDates: git?.dates,
    changedFiles: options.changedFiles,
    publicFileExists: (sitePath) => existsSync(join(root, 'public', sitePath)),
    notes: git?.note ? [git.note] : [],
  });
}
