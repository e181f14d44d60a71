import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingToString } from '../../src/lib/health/findings';
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/content/frontmatter';
import type { Collection } from '../../src/lib/content/schema';

const parse = (name: string, collection: Collection = 'runbooks') => {
  const file = `test/fixtures/frontmatter/${name}`;
  return parseFrontmatter(file, readFileSync(file, 'utf8'), collection);
};
const messages = (name: string, collection?: Collection) => parse(name, collection).findings.map(findingToString);

describe('frontmatter schema', () => {
  it('accepts a complete runbook and normalises a single symptom to a list', () => {
    const result = parse('valid-runbook.md');
    expect(result.findings).toEqual([]);
    expect(result.data).toMatchObject({
      title: 'Disk full on a build agent',
      symptoms: ['No space left on device'],
      'last-reviewed': '2026-11-01',
      status: 'active',
    });
    // The body starts right after the closing `---`: its first (empty) line is line 12.
    expect(result.bodyLine).toBe(12);
  });

  it('names unknown keys with their line and the key they were probably meant to be', () => {
    expect(messages('typos.md')).toEqual([
      'test/fixtures/frontmatter/typos.md:1:1: Missing required key `symptoms`',
      'test/fixtures/frontmatter/typos.md:1:1: Missing required key `owner`',
      'test/fixtures/frontmatter/typos.md:3:1: Unexpected key `symptom`; did you mean `symptoms`',
      'test/fixtures/frontmatter/typos.md:4:1: Unexpected key `last_reviewed`; did you mean `last-reviewed`',
      'test/fixtures/frontmatter/typos.md:5:1: Unexpected key `lastReviewed`; did you mean `last-reviewed`',
      'test/fixtures/frontmatter/typos.md:6:1: Unexpected key `Owner`; did you mean `owner`',
      'test/fixtures/frontmatter/typos.md:7:1: Unexpected key `colour`',
    ]);
  });

  it('reports every wrong type at once, with the value and what was expected', () => {
    expect(messages('wrong-types.md')).toEqual([
      'test/fixtures/frontmatter/wrong-types.md:2:1: Unexpected `42` for `title`, expected a text',
      'test/fixtures/frontmatter/wrong-types.md:3:1: Unexpected `symptoms: ["fine",["nested","list"]]`, expected a text or a list of texts',
      'test/fixtures/frontmatter/wrong-types.md:6:1: Unexpected `DiskSpaceLow` for `alerts`, expected a list',
      'test/fixtures/frontmatter/wrong-types.md:8:1: Unexpected `last-reviewed: 2026-02-30`, expected a real date like `2026-03-31`',
      'test/fixtures/frontmatter/wrong-types.md:9:1: Unexpected `review-every: fortnightly`, expected a duration like `90d`, `6w`, `6m` or `1y`',
      'test/fixtures/frontmatter/wrong-types.md:10:1: Unexpected `status: archived`, expected one of `active`, `draft`, `deprecated`',
    ]);
  });

  it('reports broken YAML with a position instead of throwing', () => {
    const result = parse('bad-yaml.md');
    expect(result.data).toBeUndefined();
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ rule: 'yaml-syntax', line: 6 });
    expect(result.findings[0].message).toMatch(/^Cannot parse the frontmatter: /);
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(messages('bom.md', 'guides')).toEqual([]);
    expect(parse('bom.md', 'guides').keyLines.get('owner')).toBe(3);
  });

  it('asks for frontmatter when a file has none', () => {
    expect(messages('no-frontmatter.md')).toEqual(['test/fixtures/frontmatter/no-frontmatter.md:1:1: Missing frontmatter']);
  });

  it('requires at least one symptom on runbooks but not on guides', () => {
    expect(messages('empty-symptoms.md')).toEqual([
      'test/fixtures/frontmatter/empty-symptoms.md:3:1: Unexpected `symptoms: []`, expected at least one symptom',
    ]);
    expect(messages('empty-symptoms.md', 'guides')).toEqual([]);
  });
});

describe('splitFrontmatter', () => {
  const engines = { yaml: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object };
  it.each([
    ['---\ntitle: a\n---\n\nBody\n'],
    ['---\r\ntitle: a\r\n---\r\n\r\nBody\r\n'],
    ['---\ntitle: a\n---'],
    ['---\n---\nBody'],
    ['---\n# only a comment\n---\nBody'],
    ['---\ntitle: a\n----\nstill yaml: 1\n---\nBody'],
    ['---yaml\ntitle: a\n---\nBody'],
    ['No frontmatter\n---\n'],
  ])('reads %j exactly as gray-matter does', (source) => {
    const expected = matter(source, { engines });
    const actual = splitFrontmatter(source);
    expect({ data: actual.data, content: actual.content }).toEqual({ data: expected.data, content: expected.content });
  });
});
