import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_TODAY, DECOY_KINDS, generateCorpus, SYNTAX_CASE_KINDS } from '../scripts/bench/generate.js';
import type { HealthReport } from '../src/lib/health/engine.js';
import { runHealthCheck } from '../src/lib/health/run-check';
import { resolveKbConfig } from '../src/lib/shared/config';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-corpus-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// The generator writes no kb.config: the corpus is checked with the defaults.
const check = async (root: string): Promise<HealthReport> => {
  const { report } = await runHealthCheck({
    root,
    config: resolveKbConfig({}),
    today: new Date(`${BENCH_TODAY}T00:00:00Z`),
    git: false,
    cache: false,
  });
  return report;
};

const OPTIONS = { pages: 120, seed: 42, brokenLinks: 3, orphans: 2, mdxShare: 0.1, syntaxCases: 2 };
const CLASSIC_KINDS = ['missing-page', 'missing-anchor', 'extension-mismatch'];
const countBy = (items: { kind: string }[]) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
};

describe('benchmark corpus', () => {
  const root = tempDir();
  const corpus = generateCorpus(root, OPTIONS);
  const linesOf = (file: string) => readFileSync(join(root, file), 'utf8').split('\n');
  let report: HealthReport;
  beforeAll(async () => {
    report = await check(root);
  });

  it('injects what was asked for', () => {
    expect(corpus.files).toHaveLength(120);
    expect(corpus.orphans).toHaveLength(2);
    expect(corpus.files.some((file) => file.endsWith('.mdx'))).toBe(true);
    expect(corpus.files.some((file) => file.startsWith('content/guides/'))).toBe(true);
    // The classic broken links, then `syntaxCases` of each syntax case on top.
    expect(corpus.brokenLinks).toHaveLength(3 + 2 * SYNTAX_CASE_KINDS.length);
    expect(countBy(corpus.brokenLinks)).toEqual({
      ...Object.fromEntries(CLASSIC_KINDS.map((kind) => [kind, 1])),
      ...Object.fromEntries(SYNTAX_CASE_KINDS.map((kind) => [kind, 2])),
    });
    expect(countBy(corpus.decoys)).toEqual(Object.fromEntries(DECOY_KINDS.map((kind) => [kind, 2])));
  });

  it('spreads the syntax cases and decoys over pages, in the forms each format has', () => {
    const cases = [...corpus.brokenLinks.filter((link) => !CLASSIC_KINDS.includes(link.kind)), ...corpus.decoys];
    // Mostly one per page.
    expect(new Set(cases.map((item) => item.file)).size).toBeGreaterThanOrEqual(cases.length - 2);
    // Raw HTML tags and indented code only exist in plain Markdown.
    for (const item of cases.filter((item) => item.kind === 'html-anchor' || item.kind === 'indented-code')) {
      expect(item.file, item.kind).toMatch(/\.md$/);
    }
    // Comments in both forms.
    const comments = corpus.decoys.filter((decoy) => decoy.kind === 'html-comment');
    const commentLines = comments.map((decoy) =>
      linesOf(decoy.file)
        .slice(decoy.line - 2, decoy.line)
        .join('\n'),
    );
    expect(comments.map((decoy) => decoy.file.slice(decoy.file.lastIndexOf('.'))).sort()).toEqual(['.md', '.mdx']);
    expect(commentLines.some((text) => text.includes('{/*'))).toBe(true);
    expect(commentLines.some((text) => text.includes('<!--'))).toBe(true);
  });

  it('records the line each link is written on', () => {
    for (const item of [...corpus.brokenLinks, ...corpus.decoys]) {
      const lines = linesOf(item.file);
      const line = lines[item.line - 1];
      const where = `${item.kind} at ${item.file}:${item.line}`;
      if (item.kind === 'wrapped-text' || item.kind === 'wrapped-anchor') {
        expect(line, where).toMatch(/\[[^\]]*$/);
        expect(lines[item.line], where).toContain(`](${item.url})`);
      } else if (item.kind === 'wrapped-destination') {
        expect(line, where).toMatch(/\]\($/);
        expect(lines[item.line], where).toBe(`${item.url}).`);
      } else if (item.kind === 'html-anchor') {
        expect(line, where).toMatch(/<a$/);
        expect(lines[item.line], where).toContain(`href="${item.url}"`);
      } else if (item.kind === 'quote-definition') {
        expect(line, where).toMatch(new RegExp(`^> \\[[a-z-]+\\]: ${item.url.replace(/[.]/g, '\\.')}$`));
      } else if (item.kind === 'list-definition') {
        expect(line, where).toMatch(new RegExp(`^(- | {2})\\[[a-z-]+\\]: ${item.url.replace(/[.]/g, '\\.')}$`));
      } else {
        expect(line, where).toContain(item.url);
      }
    }
  });

  it('writes the images the image links show, next to their pages', () => {
    const imageLinks = corpus.brokenLinks.filter((link) => link.kind === 'image-link');
    expect(corpus.assets).toHaveLength(imageLinks.length);
    for (const asset of corpus.assets) {
      expect(asset).toMatch(/^content\/.+\.png$/);
      expect(readFileSync(join(root, asset)).subarray(1, 4).toString()).toBe('PNG');
    }
    for (const link of imageLinks) {
      const image = /!\[[^\]]*\]\(\.\/([^)]+)\)/.exec(linesOf(link.file)[link.line - 1])?.[1];
      expect(image, link.file).toBeDefined();
      expect(existsSync(join(root, link.file, '..', image!)), link.file).toBe(true);
    }
  });

  it('writes pages of 1.5–4 KB', () => {
    for (const file of corpus.files) {
      const size = readFileSync(join(root, file)).length;
      expect(size, file).toBeGreaterThanOrEqual(1500);
      expect(size, file).toBeLessThanOrEqual(4096);
    }
  });

  it('is found by the health check exactly: every injected dangling link at its line, every orphan, no decoy', () => {
    const dangling = report.findings
      .filter((finding) => finding.rule === 'dangling-link')
      .map((finding) => `${finding.file}:${finding.line}`);
    expect(dangling.sort()).toEqual(corpus.brokenLinks.map((link) => `${link.file}:${link.line}`).sort());
    const orphans = report.findings.filter((finding) => finding.rule === 'orphan-page').map((finding) => finding.file);
    expect(orphans.sort()).toEqual([...corpus.orphans].sort());
    // Typos of real slugs and heading ids: the checker has a suggestion for every syntax case.
    const suggested = new Set(
      report.findings
        .filter((finding) => finding.rule === 'dangling-link' && finding.message.includes('did you mean'))
        .map((finding) => `${finding.file}:${finding.line}`),
    );
    for (const link of corpus.brokenLinks.filter((link) => !CLASSIC_KINDS.includes(link.kind))) {
      expect(suggested.has(`${link.file}:${link.line}`), `${link.kind} at ${link.file}:${link.line}`).toBe(true);
    }
    // No accidental schema errors, policy refusals, duplicate titles or alerts, or links to drafts.
    // (The symptom vocabulary is small, so runbooks share symptoms: `duplicate-symptom` is expected.)
    const expected = ['dangling-link', 'orphan-page', 'stale-page', 'review-due-soon', 'duplicate-symptom'];
    const other = report.findings.filter((finding) => !expected.includes(finding.rule));
    expect(other).toEqual([]);
    expect(report.refused).toEqual([]);
    expect(report.pages).toHaveLength(120);
    // Dates are spread: some pages stale, some due soon, most fresh.
    const states = new Set(report.pages.map((page) => page.freshness.state));
    expect(states).toEqual(new Set(['fresh', 'due-soon', 'stale']));
  });

  it('is deterministic: same seed, byte-identical files; another seed, other files', () => {
    const again = tempDir();
    const second = generateCorpus(again, OPTIONS);
    expect(second).toEqual(corpus);
    for (const file of [...corpus.files, ...corpus.assets]) {
      expect(readFileSync(join(again, file)).equals(readFileSync(join(root, file))), file).toBe(true);
    }

    const other = tempDir();
    const third = generateCorpus(other, { ...OPTIONS, seed: 43 });
    expect(third.files).not.toEqual(corpus.files);
  });

  it('defaults to 0.5% of pages for each syntax case and decoy, at least one', async () => {
    const dir = tempDir();
    const small = generateCorpus(dir, { pages: 30, seed: 1 });
    expect(countBy(small.decoys)).toEqual(Object.fromEntries(DECOY_KINDS.map((kind) => [kind, 1])));
    expect(small.brokenLinks).toHaveLength(1 + SYNTAX_CASE_KINDS.length);
    const found = (await check(dir)).findings
      .filter((finding) => finding.rule === 'dangling-link')
      .map((finding) => `${finding.file}:${finding.line}`);
    expect(found.sort()).toEqual(small.brokenLinks.map((link) => `${link.file}:${link.line}`).sort());
  });

  it('wipes the content folder before writing', async () => {
    const dir = tempDir();
    generateCorpus(dir, { pages: 60, seed: 1 });
    const small = generateCorpus(dir, { pages: 30, seed: 1, orphans: 1, brokenLinks: 1 });
    const report30 = await check(dir);
    expect(report30.pages).toHaveLength(30);
    expect(small.files).toHaveLength(30);
  });
});
