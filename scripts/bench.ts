/**
 * Benchmark of the health check on generated knowledge bases.
 *
 *   npm run bench -- [--sizes 1000,10000] [--runs 3] [--seed 1] [--keep]
 *
 * For each size: generates `.bench/<size>/content` (scripts/bench/generate.ts), times the CLI the
 * way a user runs it (`node scripts/kb.mjs check … --format json`, as `npm run check` starts it,
 * peak RSS through /usr/bin/time), times `runHealthCheck` in-process and per phase, and verifies
 * that the check reports exactly the injected dangling links (file:line) and orphan pages.
 * Exits 1 when what was found differs from what was injected.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCorpus } from '../src/lib/content/corpus.js';
import { RULES, type Finding } from '../src/lib/health/findings.js';
import { formatJson } from '../src/lib/health/format.js';
import { readGitDates } from '../src/lib/shared/git.js';
import { checkHealth } from '../src/lib/health/engine.js';
import { loadKbConfig } from '../src/lib/shared/load-config.js';
import { runHealthCheck } from '../src/lib/health/run-check.js';
import { BENCH_TODAY, generateCorpus, type GeneratedCorpus } from './bench/generate.js';

const USAGE = `Usage: npm run bench -- [options]

Options:
  --sizes N,N,...   corpus sizes in pages (default: 1000,10000)
  --runs N          timed runs per size (default: 3)
  --seed N          generator seed (default: 1)
  --keep            keep .bench/<size>/ afterwards
  -h, --help        show this help`;

const TARGET = { pages: 10_000, ms: 3_000 };
const PROJECT = resolve(import.meta.dirname, '..');
// The command `npm run check` runs, without npm's own start-up.
const CHECK_COMMAND = [process.execPath, 'scripts/kb.mjs', 'check'];
const TIME = '/usr/bin/time';

interface SizeResult {
  size: number;
  generateMs: number;
  megabytes: number;
  wall: number[];
  /** User + system CPU time of the CLI process tree; steadier than wall time on a busy machine. */
  cpu: number[];
  peakRssMiB: number | undefined;
  rssSource: 'child' | 'in-process';
  inProcess: number[];
  phases: { read: number; git: number; judge: number; json: number };
  findings: number;
  broken: { found: number; injected: number; ok: boolean };
  orphans: { found: number; injected: number; ok: boolean };
  mismatches: string[];
}

function parseCliArgs() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        sizes: { type: 'string', default: '1000,10000' },
        runs: { type: 'string', default: '3' },
        seed: { type: 'string', default: '1' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const sizes = parsed.sizes.split(',').map((text) => Number(text.trim().replace(/_/g, '')));
  const runs = Number(parsed.runs);
  const seed = Number(parsed.seed);
  if (sizes.some((size) => !Number.isInteger(size) || size < 8) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    process.stderr.write(`Unexpected --sizes, --runs or --seed: sizes are whole numbers of at least 8, runs at least 1\n\n${USAGE}\n`);
    process.exit(2);
  }
  return { sizes, runs, seed, keep: parsed.keep };
}

/**
 * Runs after the first: the first run of a new corpus is cold, as after a fresh clone, because
 * `check` remembers which MDX pages passed the syntax check and skips them while unchanged.
 */
const warmRuns = (values: number[]) => (values.length > 1 ? values.slice(1) : values);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const best = (values: number[]) => Math.min(...values);
const timed = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
};

/** Compares the findings of one rule with what was injected; returns readable differences. */
function compare(label: string, found: string[], injected: string[]): string[] {
  const foundSet = new Set(found);
  const injectedSet = new Set(injected);
  const out: string[] = [];
  for (const key of injected) if (!foundSet.has(key)) out.push(`${label}: injected but not reported: ${key}`);
  for (const key of found) if (!injectedSet.has(key)) out.push(`${label}: reported but not injected: ${key}`);
  if (found.length !== foundSet.size) out.push(`${label}: ${found.length - foundSet.size} reported twice`);
  return out;
}

function verify(findings: Finding[], corpus: GeneratedCorpus, source: string) {
  const dangling = findings.filter((finding) => finding.rule === RULES.danglingLink).map((finding) => `${finding.file}:${finding.line}`);
  const orphans = findings.filter((finding) => finding.rule === RULES.orphanPage).map((finding) => finding.file);
  const brokenMismatch = compare(
    `${source} dangling-link`,
    dangling,
    corpus.brokenLinks.map((link) => `${link.file}:${link.line}`),
  );
  const orphanMismatch = compare(`${source} orphan-page`, orphans, corpus.orphans);
  const errors = findings.filter((finding) => finding.severity === 'error' && finding.rule !== RULES.danglingLink);
  const unexpected = errors
    .slice(0, 5)
    .map((finding) => `${source} unexpected error ${finding.rule}: ${finding.file}:${finding.line} ${finding.message}`);
  if (errors.length > 5) unexpected.push(`${source} … and ${errors.length - 5} more unexpected errors`);
  return {
    broken: { found: dangling.length, injected: corpus.brokenLinks.length, ok: brokenMismatch.length === 0 },
    orphans: { found: orphans.length, injected: corpus.orphans.length, ok: orphanMismatch.length === 0 },
    mismatches: [...brokenMismatch, ...orphanMismatch, ...unexpected],
  };
}

/** One CLI run as a user starts it; wall clock of the whole process tree and its peak RSS. */
function runCli(root: string, outFile: string): { ms: number; rssKiB?: number; cpuMs?: number; status: number | null; stderr: string } {
  const args = [...CHECK_COMMAND, '--root', root, '--today', BENCH_TODAY, '--format', 'json', '--out', outFile];
  const hasTime = existsSync(TIME);
  const rssFile = `${outFile}.rss`;
  const [command, argv] = hasTime ? [TIME, ['-f', '%M %U %S', '-o', rssFile, ...args]] : [args[0], args.slice(1)];
  const start = performance.now();
  const child = spawnSync(command, argv, {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  let rssKiB: number | undefined;
  let cpuMs: number | undefined;
  if (hasTime && existsSync(rssFile)) {
    // The last line; GNU time puts "Command exited with non-zero status 1" before it.
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const [rss, user, system] = lines[lines.length - 1].split(' ').map(Number);
    if (Number.isFinite(rss)) rssKiB = rss;
    if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
  }
  return { ms, rssKiB, cpuMs, status: child.status, stderr: child.stderr ?? '' };
}

async function benchSize(size: number, runs: number, seed: number, keep: boolean, tmp: string): Promise<SizeResult> {
  const root = join(PROJECT, '.bench', String(size));
  const relRoot = `.bench/${size}`;
  log(`\n${size} pages: generating ${relRoot}/content …`);
  const [corpus, generateMs] = timed(() => generateCorpus(root, { pages: size, seed }));
  log(
    `  ${corpus.files.length} files, ${(corpus.bytes / 1048576).toFixed(1)} MiB, ${corpus.brokenLinks.length} broken links, ${corpus.orphans.length} orphans, ${corpus.drafts.length} drafts in ${Math.round(generateMs)} ms`,
  );

  // The CLI, cold each time, as a user runs it.
  const wall: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  const mismatches: string[] = [];
  let cliVerdict: ReturnType<typeof verify> | undefined;
  for (let run = 0; run < runs; run += 1) {
    const outFile = join(tmp, `check-${size}-${run}.json`);
    const result = runCli(relRoot, outFile);
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(`check.ts exited ${result.status} on ${relRoot}:\n${result.stderr.slice(0, 2000)}`);
    }
    wall.push(result.ms);
    if (result.rssKiB !== undefined) rss.push(result.rssKiB);
    if (result.cpuMs !== undefined) cpu.push(result.cpuMs);
    log(
      `  CLI run ${run + 1}/${runs}: ${Math.round(result.ms)} ms wall${result.cpuMs !== undefined ? `, ${Math.round(result.cpuMs)} ms CPU` : ''}${result.rssKiB ? `, ${(result.rssKiB / 1024).toFixed(0)} MiB` : ''}, load ${loadavg()[0].toFixed(1)}`,
    );
    if (run === 0) {
      const report = JSON.parse(readFileSync(outFile, 'utf8')) as { findings: Finding[] };
      cliVerdict = verify(report.findings, corpus, 'CLI');
      mismatches.push(...cliVerdict.mismatches);
    }
  }

  // In-process, the way the build calls it (first run cold, later runs warm).
  const config = await loadKbConfig(root);
  const today = new Date(`${BENCH_TODAY}T00:00:00Z`);
  const inProcess: number[] = [];
  let findingCount = 0;
  for (let run = 0; run < runs; run += 1) {
    const [report, ms] = timed(() => runHealthCheck({ root, config, today, base: config.base }));
    inProcess.push(ms);
    findingCount = report.findings.length;
    if (run === 0) {
      mismatches.push(...verify(report.findings, corpus, 'in-process').mismatches);
    }
  }
  log(`  in-process: ${inProcess.map((ms) => Math.round(ms)).join(', ')} ms`);

  // Where the time goes, best of the runs per phase.
  const phases = { read: Infinity, git: Infinity, judge: Infinity, json: Infinity };
  for (let run = 0; run < runs; run += 1) {
    const [read, readMs] = timed(() => readCorpus(root, config.contentDir));
    const [git, gitMs] = timed(() => readGitDates(root, config.contentDir));
    const [report, judgeMs] = timed(() =>
      checkHealth(read, { config, today, base: config.base, strict: config.health.strict, gitDates: git.dates, notes: [] }),
    );
    const [, jsonMs] = timed(() => formatJson(report));
    phases.read = Math.min(phases.read, readMs);
    phases.git = Math.min(phases.git, gitMs);
    phases.judge = Math.min(phases.judge, judgeMs);
    phases.json = Math.min(phases.json, jsonMs);
  }

  if (!keep) rmSync(root, { recursive: true, force: true });
  const verdict = cliVerdict!;
  return {
    size,
    generateMs,
    megabytes: corpus.bytes / 1048576,
    wall,
    cpu,
    peakRssMiB: rss.length > 0 ? Math.max(...rss) / 1024 : process.resourceUsage().maxRSS / 1024,
    rssSource: rss.length > 0 ? 'child' : 'in-process',
    inProcess,
    phases,
    findings: findingCount,
    broken: verdict.broken,
    orphans: verdict.orphans,
    mismatches,
  };
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

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<number> {
  const { sizes, runs, seed, keep } = parseCliArgs();
  const loadAtStart = loadavg()[0];
  const tmp = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  // Builds the CLI bundle (once per source change) before anything is timed.
  spawnSync(CHECK_COMMAND[0], [...CHECK_COMMAND.slice(1), '--help'], { cwd: PROJECT, stdio: 'ignore' });
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) results.push(await benchSize(size, runs, seed, keep, tmp));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const ms = (value: number) => `${Math.round(value)}`;
  const rows = [
    [
      'pages',
      'pages/s',
      'cold ms',
      'warm best ms',
      'warm median ms',
      'CPU best ms',
      'in-proc ms (cold/best)',
      'peak RSS MiB',
      'broken found/injected',
      'orphans found/injected',
    ],
    ...results.map((r) => [
      String(r.size),
      String(Math.round(r.size / (best(warmRuns(r.wall)) / 1000))),
      ms(r.wall[0]),
      ms(best(warmRuns(r.wall))),
      ms(median(warmRuns(r.wall))),
      r.cpu.length > 0 ? ms(best(r.cpu)) : '?',
      `${ms(r.inProcess[0])}/${ms(best(r.inProcess))}`,
      r.peakRssMiB === undefined ? '?' : `${r.peakRssMiB.toFixed(0)}${r.rssSource === 'in-process' ? '*' : ''}`,
      `${r.broken.found}/${r.broken.injected}${r.broken.ok ? '' : ' ✗'}`,
      `${r.orphans.found}/${r.orphans.injected}${r.orphans.ok ? '' : ' ✗'}`,
    ]),
  ];
  const phaseRows = [
    ['pages', 'MiB', 'read+scan ms', 'git ms', 'judge ms', 'JSON ms', 'findings'],
    ...results.map((r) => [
      String(r.size),
      r.megabytes.toFixed(1),
      ms(r.phases.read),
      ms(r.phases.git),
      ms(r.phases.judge),
      ms(r.phases.json),
      String(r.findings),
    ]),
  ];
  process.stdout.write(
    `\nHealth check (${runs} run${runs === 1 ? '' : 's'} each, seed ${seed}, today ${BENCH_TODAY}, node ${process.version}, ${availableParallelism()} CPUs)\n\n`,
  );
  process.stdout.write(`${table(rows)}\n`);
  if (results.some((r) => r.rssSource === 'in-process'))
    process.stdout.write('* /usr/bin/time missing: peak RSS of this benchmark process\n');
  if (loadAtStart > 1) {
    process.stdout.write(
      `\nNote: the machine was busy before the benchmark started (load average ${loadAtStart.toFixed(1)}): wall times are pessimistic; CPU time is steadier.\n`,
    );
  }
  process.stdout.write(`\nIn-process phases (best of ${runs}, warm)\n\n${table(phaseRows)}\n`);

  const target = results.find((r) => r.size === TARGET.pages);
  if (target) {
    const wallBest = best(warmRuns(target.wall));
    process.stdout.write(
      `\nTarget: ${TARGET.pages.toLocaleString('en')} pages under ${TARGET.ms / 1000} s: ${wallBest < TARGET.ms ? 'met' : 'MISSED'} (CLI best ${(wallBest / 1000).toFixed(2)} s; the cold first run, which parses every MDX page, took ${(target.wall[0] / 1000).toFixed(2)} s)\n`,
    );
  }
  const mismatches = results.flatMap((r) => r.mismatches.map((line) => `${r.size} pages: ${line}`));
  if (mismatches.length > 0) {
    process.stdout.write(`\nMISMATCH between injected and reported problems:\n${mismatches.map((line) => `  ${line}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('\nEvery injected dangling link and orphan was reported, and nothing else.\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
