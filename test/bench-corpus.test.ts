import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_TODAY, generateCorpus } from '../scripts/bench/generate.js';
import { resolveKbConfig } from '../src/lib/shared/config.js';
import { RULES } from '../src/lib/health/findings.js';
import { runHealthCheck } from '../src/lib/health/run-check.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-corpus-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const OPTIONS = { pages: 120, seed: 42, brokenLinks: 3, orphans: 2, mdxShare: 0.1 };

describe('benchmark corpus', () => {
  const root = tempDir();
  const corpus = generateCorpus(root, OPTIONS);
  const report = runHealthCheck({ root, config: resolveKbConfig({}), today: new Date(`${BENCH_TODAY}T00:00:00Z`), git: false });

  it('injects what was asked for', () => {
    expect(corpus.files).toHaveLength(120);
    expect(corpus.brokenLinks).toHaveLength(3);
    expect(new Set(corpus.brokenLinks.map((link) => link.kind))).toEqual(new Set(['missing-page', 'missing-anchor', 'extension-mismatch']));
    expect(corpus.orphans).toHaveLength(2);
    expect(corpus.files.some((file) => file.endsWith('.mdx'))).toBe(true);
    expect(corpus.files.some((file) => file.startsWith('content/guides/'))).toBe(true);
  });

  it('writes pages of 1.5–4 KB', () => {
    for (const file of corpus.files) {
      const size = readFileSync(join(root, file)).length;
      expect(size, file).toBeGreaterThanOrEqual(1500);
      expect(size, file).toBeLessThanOrEqual(4096);
    }
  });

  it('is found by the health check exactly: every injected dangling link at its line, every orphan, nothing else', () => {
    const dangling = report.findings
      .filter((finding) => finding.rule === RULES.danglingLink)
      .map((finding) => `${finding.file}:${finding.line}`);
    expect(dangling.sort()).toEqual(corpus.brokenLinks.map((link) => `${link.file}:${link.line}`).sort());
    const orphans = report.findings.filter((finding) => finding.rule === RULES.orphanPage).map((finding) => finding.file);
    expect(orphans.sort()).toEqual([...corpus.orphans].sort());
    // No accidental schema errors, duplicate titles or alerts, or links to drafts.
    const other = report.findings.filter(
      (finding) => ![RULES.danglingLink, RULES.orphanPage, RULES.stalePage, RULES.reviewDueSoon].includes(finding.rule as never),
    );
    expect(other).toEqual([]);
    expect(report.pages).toHaveLength(120);
    // Dates are spread: some pages stale, some due soon, most fresh.
    const states = new Set(report.pages.map((page) => page.freshness.state));
    expect(states).toEqual(new Set(['fresh', 'due-soon', 'stale']));
  });

  it('is deterministic: same seed, byte-identical files; another seed, other files', () => {
    const again = tempDir();
    const second = generateCorpus(again, OPTIONS);
    expect(second).toEqual(corpus);
    for (const file of corpus.files) expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(root, file), 'utf8'));

    const other = tempDir();
    const third = generateCorpus(other, { ...OPTIONS, seed: 43 });
    expect(third.files).not.toEqual(corpus.files);
  });

  it('wipes the content folder before writing', () => {
    const dir = tempDir();
    generateCorpus(dir, { pages: 60, seed: 1 });
    const small = generateCorpus(dir, { pages: 30, seed: 1, orphans: 1, brokenLinks: 1 });
    const report30 = runHealthCheck({ root: dir, config: resolveKbConfig({}), today: new Date(`${BENCH_TODAY}T00:00:00Z`), git: false });
    expect(report30.pages).toHaveLength(30);
    expect(small.files).toHaveLength(30);
  });
});
