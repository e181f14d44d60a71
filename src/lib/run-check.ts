import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KbConfig } from './config.js';
import { readCorpus } from './corpus.js';
import { readGitDates } from './git.js';
import type { Corpus } from './corpus.js';
import { checkHealth, type HealthReport } from './health.js';

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
  const { root, config } = options;
  const corpus = readCorpus(root, config.contentDir);
  const git = options.git === false ? undefined : readGitDates(root, config.contentDir);
  const report = checkHealth(corpus, {
    config,
    today: options.today,
    base: options.base,
    strict: options.strict ?? config.health.strict,
    gitDates: git?.dates,
    changedFiles: options.changedFiles,
    publicFileExists: (sitePath) => existsSync(join(root, 'public', sitePath)),
    notes: git?.note ? [git.note] : [],
  });
  return { corpus, report };
}
