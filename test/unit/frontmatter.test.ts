import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFrontmatter, type FrontmatterFormProblem } from '../../src/lib/content/frontmatter';
import type { Collection } from '../../src/lib/content/schema';
import { analyseEntry } from '../../src/lib/health/analyse';
import { findingToString } from '../../src/lib/health/findings';
import { analysisSettings } from '../../src/lib/health/run-check';
import { resolveKbConfig } from '../../src/lib/shared/config';

const settings = analysisSettings('.', resolveKbConfig({}));
const FOLDER: Record<Collection, string> = { runbooks: 'runbooks/dns', guides: 'guides' };
const fixture = (name: string) => readFileSync(`test/fixtures/frontmatter/${name}`);

/** Reads a fixture through the file rules as if it were `content/runbooks/dns/<name>` (or `content/guides/<name>`). */
const analyse = (name: string, collection: Collection = 'runbooks') =>
  analyseEntry({ contentPath: `${FOLDER[collection]}/${name}`, kind: 'page' }, fixture(name), settings);
const messages = (name: string, collection?: Collection) => analyse(name, collection).findings.map(findingToString);
const read = (name: string, collection: Collection = 'runbooks') => readFrontmatter(fixture(name).toString('utf8'), collection);

/** Reads `source` as the page `content/guides/a.md`: its findings as `file:line:col: message [rule]`. */
const findingsOf = (source: string) => {
  const facts = analyseEntry({ contentPath: 'guides/a.md', kind: 'page' }, Buffer.from(source), settings);
  return { refused: facts.refused, findings: facts.findings.map((f) => `${findingToString(f)} [${f.rule}]`) };
};

describe('frontmatter schema', () => {
  it('accepts a complete runbook and normalises a single symptom to a list', () => {
    const facts = analyse('valid-runbook.md');
    expect(facts.findings).toEqual([]);
    expect(facts.refused).toBe(false);
    expect(facts.data).toMatchObject({
      title: 'Disk full on a build agent',
      symptoms: ['No space left on device'],
      'last-reviewed': '2026-11-01',
      status: 'active',
    });
    // The body starts right after the closing `---`: its first (empty) line is line 12.
    expect(read('valid-runbook.md').bodyLine).toBe(12);
  });

  it('names unknown keys with their line and the key they were probably meant to be', () => {
    expect(messages('typos.md')).toEqual([
      'content/runbooks/dns/typos.md:1:1: Missing required key `symptoms`',
      'content/runbooks/dns/typos.md:1:1: Missing required key `owner`',
      'content/runbooks/dns/typos.md:3:1: Unexpected key `symptom`; did you mean `symptoms`',
      'content/runbooks/dns/typos.md:4:1: Unexpected key `last_reviewed`; did you mean `last-reviewed`',
      'content/runbooks/dns/typos.md:5:1: Unexpected key `lastReviewed`; did you mean `last-reviewed`',
      'content/runbooks/dns/typos.md:6:1: Unexpected key `Owner`; did you mean `owner`',
      'content/runbooks/dns/typos.md:7:1: Unexpected key `colour`',
    ]);
  });

  it('reports every wrong type at once, with the value and what was expected', () => {
    expect(messages('wrong-types.md')).toEqual([
      'content/runbooks/dns/wrong-types.md:2:1: Unexpected `42` for `title`, expected a text',
      'content/runbooks/dns/wrong-types.md:3:1: Unexpected `symptoms: ["fine",["nested","list"]]`, expected a text or a list of texts',
      'content/runbooks/dns/wrong-types.md:6:1: Unexpected `DiskSpaceLow` for `alerts`, expected a list',
      'content/runbooks/dns/wrong-types.md:8:1: Unexpected `last-reviewed: 2026-02-30`, expected a real date like `2026-03-31`',
      'content/runbooks/dns/wrong-types.md:9:1: Unexpected `review-every: fortnightly`, expected a duration like `90d`, `6w`, `6m` or `1y`',
      'content/runbooks/dns/wrong-types.md:10:1: Unexpected `status: archived`, expected one of `active`, `draft`, `deprecated`',
    ]);
  });

  it('reports broken YAML with a position instead of throwing', () => {
    const facts = analyse('bad-yaml.md');
    expect(facts.data).toBeUndefined();
    expect(facts.refused).toBe(true);
    expect(facts.findings).toHaveLength(1);
    // The string opened on line 4 runs to the end of the block: the parser stops at the end of line 5.
    expect(facts.findings[0]).toMatchObject({ rule: 'yaml-syntax', line: 5, column: 26 });
    expect(facts.findings[0].message).toMatch(/^Cannot parse the frontmatter: /);
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(messages('bom.md', 'guides')).toEqual([]);
    expect(read('bom.md', 'guides').keyLines.get('owner')).toBe(3);
    expect(analyse('bom.md', 'guides').keyLines.owner).toBe(3);
  });

  it('asks for frontmatter when a file has none', () => {
    expect(messages('no-frontmatter.md')).toEqual(['content/runbooks/dns/no-frontmatter.md:1:1: Missing frontmatter']);
  });

  it('requires at least one symptom on runbooks but not on guides', () => {
    expect(messages('empty-symptoms.md')).toEqual([
      'content/runbooks/dns/empty-symptoms.md:3:1: Unexpected `symptoms: []`, expected at least one symptom',
    ]);
    expect(messages('empty-symptoms.md', 'guides')).toEqual([]);
  });
});

describe('readFrontmatter', () => {
  it.each([
    ['---\ntitle: a\n---\n\nBody\n', '   \n        \n   \n\nBody\n', 4, { title: 'a' }],
    ['---\r\ntitle: a\r\n---\r\n\r\nBody\r\n', '   \r\n        \r\n   \r\n\r\nBody\r\n', 4, { title: 'a' }],
    ['---\ntitle: a\n---', '   \n        \n   ', 4, { title: 'a' }],
    ['---\n---\nBody', '   \n   \nBody', 3, {}],
    ['---\n# only a comment\n---\nBody', '   \n                \n   \nBody', 4, {}],
    ['--- \ntitle: a\n--- \nBody', '    \n        \n    \nBody', 4, { title: 'a' }],
    ['\uFEFF---\ntitle: a\n---\nBody', '    \n        \n   \nBody', 4, { title: 'a' }],
  ])('reads %j with the block blanked: same lines and columns, `---` lines and YAML as spaces', (source, body, bodyLine, raw) => {
    const read = readFrontmatter(source, undefined);
    expect(read.form).toBeUndefined();
    expect(read.yaml).toBeUndefined();
    expect(read.raw).toEqual(raw);
    expect(read.body).toBe(body);
    expect(read.body).toHaveLength(source.length);
    expect(read.body.split('\n')).toHaveLength(source.split('\n').length);
    expect(read.bodyLine).toBe(bodyLine);
  });

  it('reads a file saved with Windows line ends like one saved with Unix ones', () => {
    const unix = '---\ntitle: Disk full\nowner: sre\nlast-reviewed: 2026-11-01\nstatus: draft\n---\n\nBody\n';
    const windows = unix.replace(/\n/g, '\r\n');
    const expected = { title: 'Disk full', owner: 'sre', 'last-reviewed': '2026-11-01', status: 'draft' };
    expect(readFrontmatter(unix, 'guides')).toMatchObject({ raw: expected, data: expected, issues: [] });
    expect(readFrontmatter(windows, 'guides')).toMatchObject({ raw: expected, data: expected, issues: [] });
    expect(Object.fromEntries(readFrontmatter(windows, 'guides').keyLines)).toEqual({ title: 2, owner: 3, 'last-reviewed': 4, status: 5 });
    expect(findingsOf(windows)).toEqual({ refused: false, findings: [] });
  });

  it.each<[string, FrontmatterFormProblem, string]>([
    [
      '---yaml\ntitle: a\n---\nBody',
      { kind: 'language', language: 'yaml' },
      'content/guides/a.md:1:1: Unexpected frontmatter language `yaml`, expected YAML between `---` lines [frontmatter-language]',
    ],
    [
      '---js\n{ title: require("os").hostname() }\n---\nBody',
      { kind: 'language', language: 'js' },
      'content/guides/a.md:1:1: Unexpected frontmatter language `js`, expected YAML between `---` lines [frontmatter-language]',
    ],
    [
      '---\ntitle: a\n----\nstill yaml: 1\n---\nBody',
      { kind: 'closing-line', line: 3, text: '----' },
      'content/guides/a.md:3:1: Unexpected `----` closing the frontmatter, expected `---` alone on its line [frontmatter-format]',
    ],
    [
      '+++\ntitle = "a"\n+++\nBody',
      { kind: 'toml' },
      'content/guides/a.md:1:1: Unexpected TOML frontmatter (`+++`), expected YAML between `---` lines [frontmatter-format]',
    ],
    [
      '\n\n---\ntitle: a\n---\nBody',
      { kind: 'leading-blank', line: 1 },
      'content/guides/a.md:1:1: Unexpected blank line before the frontmatter, expected `---` on line 1 [frontmatter-format]',
    ],
    [
      '---\ntitle: a\nowner: sre\n',
      { kind: 'unclosed' },
      'content/guides/a.md:1:1: Missing the closing `---` of the frontmatter [frontmatter-format]',
    ],
  ])('refuses %j without reading its YAML', (source, form, finding) => {
    const { raw, data, body, bodyLine, ...read } = readFrontmatter(source, 'guides');
    expect(read.form).toEqual(form);
    expect({ raw, data, body, bodyLine }).toEqual({ raw: undefined, data: undefined, body: source, bodyLine: 1 });
    expect(findingsOf(source)).toEqual({ refused: true, findings: [finding] });
  });

  it.each(['No frontmatter\n---\n', '# Title\n\nText\n', ''])('asks for frontmatter in %j', (source) => {
    const { raw, data, body, bodyLine, ...read } = readFrontmatter(source, 'guides');
    expect(read.form).toEqual({ kind: 'missing' });
    expect({ raw, data, body, bodyLine }).toEqual({ raw: undefined, data: undefined, body: source, bodyLine: 1 });
    expect(findingsOf(source)).toEqual({ refused: false, findings: ['content/guides/a.md:1:1: Missing frontmatter [schema]'] });
  });

  it('refuses YAML anchors and aliases, at the file line of the anchor', () => {
    const source = '---\ntitle: a\nx: &x [lol, lol]\ny: [*x, *x]\n---\nBody\n';
    const read = readFrontmatter(source, 'guides');
    expect(read.yaml).toMatchObject({ kind: 'alias', message: 'anchor `&x`', line: 3 });
    expect(read.raw).toBeUndefined();
    const facts = analyseEntry({ contentPath: 'guides/a.md', kind: 'page' }, Buffer.from(source), settings);
    expect(facts.refused).toBe(true);
    expect(facts.findings).toHaveLength(1);
    expect(facts.findings[0]).toMatchObject({
      rule: 'yaml-limit',
      line: 3,
      message: 'Unexpected YAML anchor `&x` in the frontmatter, expected plain values',
    });
  });

  it.each([
    [
      'a duplicate key',
      '---\ntitle: a\ntitle: b\n---\nBody\n',
      'content/guides/a.md:3:1: Cannot parse the frontmatter: Map keys must be unique [yaml-syntax]',
    ],
    [
      'a `!!js/function` tag',
      '---\ntitle: a\nrun: !!js/function "function () { return 1 }"\n---\nBody\n',
      'content/guides/a.md:3:6: Cannot parse the frontmatter: Unresolved tag: tag:yaml.org,2002:js/function [yaml-syntax]',
    ],
    [
      'an unclosed flow list',
      '---\ntitle: [a\nowner: sre\n---\nBody\n',
      'content/guides/a.md:3:1: Cannot parse the frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ] [yaml-syntax]',
    ],
  ])('refuses %s as a YAML syntax error at its file line', (_what, source, finding) => {
    const read = readFrontmatter(source, 'guides');
    expect(read.yaml?.kind).toBe('syntax');
    expect(read.raw).toBeUndefined();
    expect(findingsOf(source)).toEqual({ refused: true, findings: [finding] });
  });

  it('asks for `key: value` lines when the YAML is not a mapping', () => {
    const source = '---\n- a\n- b\n---\nBody\n';
    const { notMapping, raw, bodyLine } = readFrontmatter(source, 'guides');
    expect({ notMapping, raw, bodyLine }).toEqual({ notMapping: true, raw: undefined, bodyLine: 5 });
    expect(findingsOf(source)).toEqual({
      refused: false,
      findings: ['content/guides/a.md:2:1: Unexpected frontmatter, expected `key: value` lines [schema]'],
    });
  });
});
