import matter from 'gray-matter';
import yaml from 'js-yaml';
import type { ZodIssue } from 'zod';
import { didYouMean } from '../shared/did-you-mean.js';
import { RULES, type Finding } from '../health/findings.js';
import { FRONTMATTER_KEYS, schemaFor, type Collection, type Frontmatter } from './schema.js';

/** The frontmatter of one file, split from its body, with where each key sits. */
export interface ParsedFrontmatter {
  /** The raw YAML mapping, or undefined when it could not be read. */
  raw: Record<string, unknown> | undefined;
  /** The validated frontmatter, or undefined when it has errors. */
  data: Frontmatter | undefined;
  /** The Markdown after the frontmatter. */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** 1-based line of each top-level key. */
  keyLines: Map<string, number>;
  findings: Finding[];
}

// The CORE schema keeps `2026-02-30` as text instead of silently rolling it to March 2nd.
const engines = {
  yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object,
};

const LOAD_OPTIONS = { schema: yaml.CORE_SCHEMA };

/**
 * Splits the frontmatter block off the body and loads its YAML. The usual shape (`---` lines
 * around the block) is split here directly: gray-matter's per-call set-up costs more than the
 * YAML itself over 10,000 pages. Anything else (a `---yaml` fence, custom spacing) goes through
 * gray-matter, which this path matches: same body, one newline after the closing line dropped.
 */
export function splitFrontmatter(source: string): { data: unknown; content: string; matter?: string } {
  const open = source.startsWith('---\n') ? 4 : source.startsWith('---\r\n') ? 5 : -1;
  if (open !== -1) {
    const close = findClosingLine(source, open);
    if (close !== undefined) {
      const block = source.slice(open, close.start);
      let content = source.slice(close.end);
      if (content.startsWith('\r')) content = content.slice(1);
      if (content.startsWith('\n')) content = content.slice(1);
      return { data: block.trim() === '' ? {} : (yaml.load(block, LOAD_OPTIONS) ?? {}), content, matter: block };
    }
  }
  // An empty options object also keeps gray-matter from caching every file it has seen.
  const parsed = matter(source, { engines });
  return { data: parsed.data, content: parsed.content, matter: parsed.matter };
}

/** The closing `---` line of a frontmatter block that starts at `from`, or undefined when gray-matter should decide. */
function findClosingLine(source: string, from: number): { start: number; end: number } | undefined {
  let index = from;
  for (;;) {
    if (source.startsWith('---', index)) {
      const after = index + 3;
      if (after === source.length || source[after] === '\n' || (source[after] === '\r' && source[after + 1] === '\n')) {
        return { start: index, end: after };
      }
      // `----` or `--- x`: gray-matter has its own reading of these; leave them to it.
      return undefined;
    }
    const next = source.indexOf('\n', index);
    if (next === -1) return undefined;
    index = next + 1;
  }
}

/** Reads and validates the frontmatter of `source`; problems are returned, never thrown. */
export function parseFrontmatter(file: string, source: string, collection: Collection): ParsedFrontmatter {
  // A byte order mark (some Windows editors add one) is not content; lines and columns are unaffected.
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const findings: Finding[] = [];
  const at = (line: number, column: number, message: string, hint?: string, rule: Finding['rule'] = RULES.schema) =>
    findings.push({ rule, severity: 'error', file, line, column, message, hint });

  let parsed: { data: unknown; content: string; matter?: string };
  try {
    parsed = splitFrontmatter(source);
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    at(
      mark ? mark.line + 2 : 1,
      mark ? mark.column + 1 : 1,
      `Cannot parse the frontmatter: ${reason}`,
      'Frontmatter is YAML between two `---` lines; quote values that contain `: `, `#` or start with `[`, `{`, `*`, `&` or `!`',
      RULES.yamlSyntax,
    );
    return { raw: undefined, data: undefined, body: '', bodyLine: 1, keyLines: new Map(), findings };
  }

  const hasFrontmatter = parsed.matter !== undefined && /^---\s*(\r?\n|$)/.test(source);
  const bodyLine = hasFrontmatter ? countLines(source.slice(0, source.length - parsed.content.length)) + 1 : 1;
  const keyLines = findKeyLines(source, bodyLine);
  const raw = (parsed.data ?? {}) as Record<string, unknown>;

  if (!hasFrontmatter) {
    at(
      1,
      1,
      'Missing frontmatter',
      'Start the file with `---`, the keys `title`, `owner` and `last-reviewed`, then `---`; `npm run new` writes a complete one',
    );
    return { raw: undefined, data: undefined, body: parsed.content, bodyLine, keyLines, findings };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    at(2, 1, 'Unexpected frontmatter, expected `key: value` lines');
    return { raw: undefined, data: undefined, body: parsed.content, bodyLine, keyLines, findings };
  }

  const result = schemaFor(collection).safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const finding of issueToFindings(file, issue, raw, keyLines, source)) findings.push(finding);
    }
  }
  return { raw, data: result.success ? result.data : undefined, body: parsed.content, bodyLine, keyLines, findings };
}

function issueToFindings(
  file: string,
  issue: ZodIssue,
  raw: Record<string, unknown>,
  keyLines: Map<string, number>,
  source: string,
): Finding[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      rule: RULES.unknownKey,
      severity: 'error',
      file,
      line: keyLines.get(key) ?? 1,
      column: 1,
      message: `Unexpected key \`${key}\`${didYouMean(key, FRONTMATTER_KEYS)}`,
      hint: `Known keys: ${FRONTMATTER_KEYS.map((k) => `\`${k}\``).join(', ')}`,
    }));
  }
  const key = String(issue.path[0] ?? '');
  const keyLine = keyLines.get(key);
  const line = keyLine ?? 1;
  const item = typeof issue.path[1] === 'number' ? listItemLine(source, line, issue.path[1]) : undefined;
  const value = raw[key];
  if (key === 'last-reviewed' && value === undefined) return [];
  let message: string;
  if (issue.message === 'Required') {
    message = `Missing required key \`${key}\``;
  } else if (issue.code === 'invalid_enum_value') {
    message = `Unexpected \`${key}: ${String(issue.received)}\`, expected one of ${issue.options.map((o) => `\`${String(o)}\``).join(', ')}${didYouMean(String(issue.received), issue.options.map(String))}`;
  } else if (issue.code === 'invalid_type') {
    message = `Unexpected ${describe(value, issue.path)} for \`${key}\`, expected ${expectedFor(issue.expected)}`;
  } else if (issue.message.startsWith('Expected')) {
    message = `Unexpected \`${issue.path.join('.')}: ${valueAt(value, issue.path)}\`, e${issue.message.slice(1)}`;
  } else {
    message = `\`${issue.path.join('.')}\`: ${issue.message}`;
  }
  return [
    {
      rule: RULES.schema,
      severity: 'error',
      file,
      line: item ?? line,
      column: 1,
      message,
      hint: HINTS[key] ?? (keyLine === undefined ? `Add \`${key}:\` to the frontmatter` : undefined),
    },
  ];
}

const HINTS: Record<string, string> = {
  title: 'Phrase the title as the problem or task the page answers',
  owner: 'Name the team that keeps this page true, e.g. `owner: platform-team`',
  symptoms: 'List what someone sees: the error text, alert or behaviour, e.g. `symptoms: ["curl hangs for 10 s, then works"]`',
  'review-every': 'Write a number and a unit: `90d`, `6w`, `6m` or `1y`',
  alerts: 'List alert names as they appear in the alerting rules, e.g. `alerts: [DiskSpaceLow]`',
};

function showValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
}

function valueAt(value: unknown, path: (string | number)[]): string {
  let current: unknown = value;
  for (const part of path.slice(1)) current = (current as Record<string | number, unknown> | undefined)?.[part];
  return showValue(current);
}

function describe(value: unknown, path: (string | number)[]): string {
  let current: unknown = value;
  for (const part of path.slice(1)) current = (current as Record<string | number, unknown> | undefined)?.[part];
  if (Array.isArray(current)) return 'list';
  if (current === null) return 'empty value';
  if (typeof current === 'object') return 'mapping';
  return `\`${showValue(current)}\``;
}

function expectedFor(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'string') return 'a text';
  return `a ${expected}`;
}

/** Top-level keys of the frontmatter block and their 1-based lines. */
export function findKeyLines(source: string, bodyLine: number): Map<string, number> {
  const lines = new Map<string, number>();
  const KEY = /^(["']?)([^\s:#"'][^:#"']*?)\1\s*:(?:\s|$)/;
  let index = 0;
  let lineNo = 1;
  while (index < source.length && lineNo < bodyLine) {
    const end = source.indexOf('\n', index);
    const text = source.slice(index, end === -1 ? source.length : end);
    const match = KEY.exec(text);
    if (match && lineNo > 1 && !lines.has(match[2])) lines.set(match[2], lineNo);
    if (end === -1) break;
    index = end + 1;
    lineNo += 1;
  }
  return lines;
}

/** Line of the n-th `- item` of a block list that starts under `keyLine`, when written that way. */
function listItemLine(source: string, keyLine: number, index: number): number | undefined {
  const lines = source.split(/\r?\n/);
  let seen = -1;
  for (let i = keyLine; i < lines.length; i += 1) {
    const text = lines[i];
    if (/^\S/.test(text)) break;
    if (/^\s*-\s/.test(text)) {
      seen += 1;
      if (seen === index) return i + 1;
    }
  }
  return undefined;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) count += 1;
  return count;
}
