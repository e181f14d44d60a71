/**
 * The checker's page reading (`readStructure`) against the site build (Astro's own Markdown and
 * MDX pipelines, see reference.ts): over the CommonMark spec examples, the hand-written cases in
 * test/fixtures/differential/ and every content page of the project and its test fixtures, both
 * must find the same set of link destinations and the same set of element ids.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, findDeepNesting, findLongBlock } from '../../src/lib/content/limits.js';
import { rewriteLink } from '../../src/lib/content/links.js';
import { readStructure } from '../../src/lib/content/structure.js';
import { renderReference } from './reference.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/differential');

interface Input {
  /** How the input is named in the report. */
  name: string;
  /** Where it comes from, for the counts. */
  group: 'CommonMark spec' | 'fixture cases' | 'content pages';
  /** Absolute path; its extension decides the format. */
  path: string;
  source: string;
  /** A spec example tried as MDX: skipped when the reference does not compile it either. */
  optionalMdx?: boolean;
}

interface Difference {
  name: string;
  what: string;
  expected: string;
  actual: string;
  source: string;
}

/** The CommonMark spec examples, as `.md` and again as `.mdx`; `→` stands for a tab in the spec. */
function specInputs(): Input[] {
  const require = createRequire(import.meta.url);
  const { tests } = require('commonmark-spec') as { tests: { markdown: string; section: string; number: number }[] };
  return tests.flatMap((example) => {
    const source = example.markdown.replace(/→/g, '\t');
    const name = `CommonMark example ${example.number} (${example.section})`;
    const path = join(ROOT, `test/differential/commonmark/example-${example.number}`);
    return [
      { name: `${name} as .md`, group: 'CommonMark spec' as const, path: `${path}.md`, source },
      { name: `${name} as .mdx`, group: 'CommonMark spec' as const, path: `${path}.mdx`, source, optionalMdx: true },
    ];
  });
}

/**
 * The hand-written cases: each `%%% name` line in a fixture file starts a case that runs to the
 * next one, in the file's format. Cases of `.md` files are tried as `.mdx` too, like the spec
 * examples (compared when the reference compiles them).
 */
async function fixtureInputs(): Promise<Input[]> {
  const files = await glob(['*.md', '*.mdx'], { cwd: FIXTURES, absolute: true });
  return files.sort().flatMap((file) => {
    const inputs: Input[] = [];
    let current: { name: string; lines: string[] } | undefined;
    const lines = readFileSync(file, 'utf8').split('\n');
    const flush = () => {
      if (!current) return;
      const source = current.lines.join('\n');
      const group = 'fixture cases' as const;
      inputs.push({ name: `${basename(file)}: ${current.name}`, group, path: file, source });
      if (file.endsWith('.md'))
        inputs.push({ name: `${basename(file)} as .mdx: ${current.name}`, group, path: `${file}x`, source, optionalMdx: true });
    };
    for (const line of lines) {
      const marker = /^%%% (.+)$/.exec(line);
      if (marker) {
        flush();
        current = { name: marker[1], lines: [] };
      } else current?.lines.push(line);
    }
    flush();
    return inputs;
  });
}

/** Content pages of the project and of the test fixture sites, frontmatter blanked out. */
async function contentInputs(): Promise<Input[]> {
  const files = await glob(['content/**/*.{md,mdx}', 'test/fixtures/**/content/**/*.{md,mdx}'], {
    cwd: ROOT,
    absolute: true,
    ignore: ['**/node_modules/**'],
  });
  // Pages the limits refuse before any parse never reach the parser, in the site or the checker.
  const parsed = files.filter((file) => {
    const text = readFileSync(file, 'utf8');
    return !findDeepNesting(text, DEFAULT_LIMITS.nestingDepth) && !findLongBlock(text, DEFAULT_LIMITS.blockBytes);
  });
  return parsed.sort().map((file) => ({
    name: relative(ROOT, file),
    group: 'content pages' as const,
    path: file,
    source: blankFrontmatter(readFileSync(file, 'utf8')),
  }));
}

/** Replaces a leading `---` … `---` block with as many empty lines; a page without one is left as it is. */
function blankFrontmatter(source: string): string {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const block = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?=\r?\n|$)/.exec(text);
  if (!block) return text;
  return block[0].replace(/[^\n]/g, '') + text.slice(block[0].length);
}

/** Differences between two multisets, as the items only one side has (with repeats). */
function multisetDelta(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const item of expected) counts.set(item, (counts.get(item) ?? 0) + 1);
  const extra: string[] = [];
  for (const item of actual) {
    const left = counts.get(item) ?? 0;
    if (left > 0) counts.set(item, left - 1);
    else extra.push(item);
  }
  const missing = [...counts].flatMap(([item, count]) => Array<string>(count).fill(item));
  return { missing, extra };
}

const show = (items: string[]) => `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;

async function compare(input: Input): Promise<{ differences: Difference[]; compared: boolean }> {
  const differences: Difference[] = [];
  const differ = (what: string, expected: string, actual: string) =>
    differences.push({ name: input.name, what, expected, actual, source: input.source });

  const reference = await renderReference(input.source, input.path);
  let structure: ReturnType<typeof readStructure>;
  try {
    structure = readStructure(input.source, { path: input.path });
  } catch (error) {
    differ('readStructure threw', 'a result', String((error as Error).stack ?? error));
    return { differences, compared: true };
  }

  if ('error' in reference) {
    // MDX refuses much of plain Markdown: a spec example neither side compiles is not compared.
    if (input.optionalMdx && structure.syntaxError) return { differences, compared: false };
    if (!structure.syntaxError) differ('compiles', `error: ${reference.error}`, 'no syntaxError');
    return { differences, compared: true };
  }
  if (structure.syntaxError) {
    differ('compiles', 'compiles', `syntaxError ${JSON.stringify(structure.syntaxError)}`);
    return { differences, compared: true };
  }

  // Sets: how often a destination appears does not change whether it resolves (the browser, for
  // one, repeats a JSX `<a>` that wraps blocks).
  // The site rewrites source links to site URLs; the reference renders with that step too.
  const contentPath = relative(ROOT, input.path).split(sep).join('/');
  const urls = [...new Set(structure.links.map((link) => rewriteLink(contentPath, link.url, '/')))].sort();
  const hrefs = [...new Set(reference.hrefs)].sort();
  const links = multisetDelta(hrefs, urls);
  if (links.missing.length > 0 || links.extra.length > 0) {
    differ(`links (missing ${show(links.missing)}, extra ${show(links.extra)})`, show(hrefs), show(urls));
  }
  const expectedIds = [...new Set(reference.ids)].sort();
  const actualIds = [...new Set(structure.ids)].sort();
  const ids = multisetDelta(expectedIds, actualIds);
  if (ids.missing.length > 0 || ids.extra.length > 0) {
    differ(`ids (missing ${show(ids.missing)}, extra ${show(ids.extra)})`, show(expectedIds), show(actualIds));
  }
  return { differences, compared: true };
}

function report(differences: Difference[]): string {
  return differences
    .map((difference) => {
      const source = difference.source.length > 600 ? `${difference.source.slice(0, 600)}…` : difference.source;
      return [
        `✗ ${difference.name}: ${difference.what}`,
        `  expected (Astro): ${difference.expected}`,
        `  actual (readStructure): ${difference.actual}`,
        `  source: ${JSON.stringify(source)}`,
      ].join('\n');
    })
    .join('\n\n');
}

describe('readStructure renders what Astro renders', () => {
  it('finds the same links and ids in every spec example, fixture case and content page', async () => {
    const inputs = [...specInputs(), ...(await fixtureInputs()), ...(await contentInputs())];
    const differences: Difference[] = [];
    const counts = new Map<string, { md: number; mdx: number; skipped: number }>();
    // One at a time: the processors are shared, and Astro's renderer is silenced per call.
    for (const input of inputs) {
      const result = await compare(input);
      differences.push(...result.differences);
      const count = counts.get(input.group) ?? { md: 0, mdx: 0, skipped: 0 };
      if (!result.compared) count.skipped += 1;
      else if (input.path.endsWith('.mdx')) count.mdx += 1;
      else count.md += 1;
      counts.set(input.group, count);
    }
    const compared = [...counts.values()].reduce((sum, count) => sum + count.md + count.mdx, 0);
    const summary = [...counts]
      .map(([group, count]) => `${group}: ${count.md} .md and ${count.mdx} .mdx compared, ${count.skipped} .mdx rejected by both`)
      .join('; ');
    console.info(`Differential test: ${compared} inputs compared (${summary}).`);
    // The spec alone has 652 examples; fewer inputs means an input source went missing.
    expect(counts.get('CommonMark spec')?.md).toBe(652);
    expect(counts.get('fixture cases')?.md).toBeGreaterThan(50);
    expect(counts.get('content pages')?.md).toBeGreaterThan(0);
    if (differences.length > 0) {
      const inputsWithDifferences = new Set(differences.map((difference) => difference.name)).size;
      expect.fail(
        `${differences.length} differences in ${inputsWithDifferences} of ${compared} inputs compared:\n\n${report(differences)}`,
      );
    }
  });
});
