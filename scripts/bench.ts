/**
 * Benchmark of the health check on generated knowledge bases.
 *
 *   npm run bench -- [--sizes 1000,10000] [--runs 3] [--seed 1] [--keep]
 *
 * For each size: generates `.bench/<size>/content` (scripts/bench/generate.ts), times the CLI the
 * way a user runs it (`node scripts/kb.mjs check … --format json`, as `npm run check` starts it,
 * peak RSS through /usr/bin/time): cold runs with an empty per-file cache (a fresh clone), then warm
 * runs with nothing changed (a re-run, or CI with the cache restored), and verifies that both
 * report exactly the injected dangling links (file:line) and orphan pages.
 * Exits 1 when what was found differs from what was injected.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../src/lib/health/findings.js';
import { BENCH_TODAY, generateCorpus, type GeneratedCorpus } from './bench/generate.js';

const USAGE = `Usage: npm run bench -- [options]

Options:
  --sizes N,N,...   corpus sizes in pages (default: 1000,10000)
  --runs N          timed runs per size (default: 3)
  --seed N          generator seed (default: 1)
  --keep            keep .bench/<size>/ afterwards
  -h, --help        show this help`;

/** Budgets at 10,000 pages: an unchanged re-run, and a run with nothing cached, on this 2-core machine. */
const TARGET = { pages: 10_000, warmMs: 1_000, coldMs: 10_000 };
const PROJECT = resolve(import.meta.dirname, '..');
// The command `npm run check` runs, without npm's own start-up.
const CHECK_COMMAND = [process.execPath, 'scripts/kb.mjs', 'check'];
const TIME = '/usr/bin/time';

interface SizeResult {
  size: number;
  generateMs: number;
  megabytes: number;
  /** Runs with an empty cache, and runs with everything cached. */
  cold: number[];
  warm: number[];
  /** User + system CPU time of the CLI process tree; steadier than wall time on a busy machine. */
  coldCpu: number[];
  warmCpu: number[];
  peakRssMiB: number | undefined;
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
  const dangling = findings.filter((finding) => finding.rule === 'dangling-link').map((finding) => `${finding.file}:${finding.line}`);
  const orphans = findings.filter((finding) => finding.rule === 'orphan-page').map((finding) => finding.file);
  const brokenMismatch = compare(
    `${source} dangling-link`,
    dangling,
    corpus.brokenLinks.map((link) => `${link.file}:${link.line}`),
  );
  const orphanMismatch = compare(`${source} orphan-page`, orphans, corpus.orphans);
  const errors = findings.filter((finding) => finding.severity === 'error' && finding.rule !== 'dangling-link');
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
function runCli(
  root: string,
  outFile: string,
  cacheDir: string,
): { ms: number; rssKiB?: number; cpuMs?: number; status: number | null; stderr: string } {
  const args = [...CHECK_COMMAND, '--root', root, '--today', BENCH_TODAY, '--format', 'json', '--out', outFile];
  const hasTime = existsSync(TIME);
  const rssFile = `${outFile}.rss`;
  const [command, argv] = hasTime ? [TIME, ['-f', '%M %U %S', '-o', rssFile, ...args]] : [args[0], args.slice(1)];
  const start = performance.now();
  const child = spawnSync(command, argv, {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KB_CACHE_DIR: cacheDir },
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

  // The CLI as a user runs it: cold (an empty cache: a fresh clone), then warm (nothing changed).
  const result = { cold: [] as number[], warm: [] as number[], coldCpu: [] as number[], warmCpu: [] as number[], rss: [] as number[] };
  const mismatches: string[] = [];
  let verdict: ReturnType<typeof verify> | undefined;
  let findings = 0;
  const cacheRoot = join(tmp, `cache-${size}`);
  const run = (label: 'cold' | 'warm', index: number, cacheDir: string) => {
    const outFile = join(tmp, `check-${size}-${label}-${index}.json`);
    const cli = runCli(relRoot, outFile, cacheDir);
    if (cli.status !== 0 && cli.status !== 1) throw new Error(`check exited ${cli.status} on ${relRoot}:\n${cli.stderr.slice(0, 2000)}`);
    result[label].push(cli.ms);
    if (cli.cpuMs !== undefined) result[label === 'cold' ? 'coldCpu' : 'warmCpu'].push(cli.cpuMs);
    if (cli.rssKiB !== undefined) result.rss.push(cli.rssKiB);
    log(
      `  ${label} run ${index + 1}/${runs}: ${Math.round(cli.ms)} ms wall${cli.cpuMs !== undefined ? `, ${Math.round(cli.cpuMs)} ms CPU` : ''}${cli.rssKiB ? `, ${(cli.rssKiB / 1024).toFixed(0)} MiB` : ''}, load ${loadavg()[0].toFixed(1)}`,
    );
    // Every run must find exactly what was injected, cached or not.
    const report = JSON.parse(readFileSync(outFile, 'utf8')) as { findings: Finding[] };
    const checked = verify(report.findings, corpus, `${label} run ${index + 1}`);
    mismatches.push(...checked.mismatches);
    verdict ??= checked;
    findings = report.findings.length;
  };
  for (let index = 0; index < runs; index += 1) {
    const cacheDir = join(cacheRoot, `cold-${index}`);
    run('cold', index, cacheDir);
    if (index === runs - 1) for (let warm = 0; warm < runs; warm += 1) run('warm', warm, cacheDir);
  }

  if (!keep) rmSync(root, { recursive: true, force: true });
  return {
    size,
    generateMs,
    megabytes: corpus.bytes / 1048576,
    cold: result.cold,
    warm: result.warm,
    coldCpu: result.coldCpu,
    warmCpu: result.warmCpu,
    peakRssMiB: result.rss.length > 0 ? Math.max(...result.rss) / 1024 : undefined,
    findings,
    broken: verdict!.broken,
    orphans: verdict!.orphans,
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
  // Builds the CLI bundles (once per source change) before anything is timed.
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
      'MiB',
      'cold median ms',
      'cold CPU ms',
      'warm best ms',
      'warm median ms',
      'warm CPU ms',
      'peak RSS MiB',
      'broken found/injected',
      'orphans found/injected',
    ],
    ...results.map((r) => [
      String(r.size),
      r.megabytes.toFixed(1),
      ms(median(r.cold)),
      r.coldCpu.length > 0 ? ms(median(r.coldCpu)) : '?',
      ms(best(r.warm)),
      ms(median(r.warm)),
      r.warmCpu.length > 0 ? ms(median(r.warmCpu)) : '?',
      r.peakRssMiB === undefined ? '?' : r.peakRssMiB.toFixed(0),
      `${r.broken.found}/${r.broken.injected}${r.broken.ok ? '' : ' ✗'}`,
      `${r.orphans.found}/${r.orphans.injected}${r.orphans.ok ? '' : ' ✗'}`,
    ]),
  ];
  process.stdout.write(
    `\nHealth check, CLI (${runs} cold and ${runs} warm run${runs === 1 ? '' : 's'} each, seed ${seed}, today ${BENCH_TODAY}, node ${process.version}, ${availableParallelism()} CPUs)\n\n`,
  );
  process.stdout.write(`${table(rows)}\n`);
  if (loadAtStart > 1) {
    process.stdout.write(
      `\nNote: the machine was busy before the benchmark started (load average ${loadAtStart.toFixed(1)}): wall times are pessimistic; CPU time is steadier.\n`,
    );
  }
  const target = results.find((r) => r.size === TARGET.pages);
  if (target) {
    const verdict = (value: number, budget: number) =>
      `${(value / 1000).toFixed(2)} s against ${budget / 1000} s: ${value <= budget ? 'met' : `MISSED by ${(value / budget).toFixed(1)}×`}`;
    process.stdout.write(
      `\nBudgets at ${TARGET.pages.toLocaleString('en')} pages: unchanged re-run ${verdict(median(target.warm), TARGET.warmMs)}; cold run ${verdict(median(target.cold), TARGET.coldMs)}\n`,
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
