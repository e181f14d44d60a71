import matter from 'gray-matter';
import type { SafeParseReturnType, ZodIssue } from 'zod';
import { loadYaml, type YamlProblem } from '../shared/yaml.js';
import { findKeyLines } from './frontmatter-lines.js';
import { schemaFor, type Collection, type Frontmatter } from './schema.js';

/** Why a file's frontmatter block cannot be read the way the site reads it. */
export type FrontmatterFormProblem =
  | { kind: 'missing' }
  | { kind: 'language'; language: string }
  | { kind: 'toml' }
  | { kind: 'leading-blank'; line: number }
  | { kind: 'unclosed' }
  | { kind: 'closing-line'; line: number; text: string };

/** The frontmatter of one file as the checker and the site both read it, with where each key sits. */
export interface FrontmatterRead {
  /** Set when the block is missing or written in a form the site would read differently. */
  form?: FrontmatterFormProblem;
  yaml?: YamlProblem;
  /** The YAML mapping, when it could be loaded. */
  raw?: Record<string, unknown>;
  /** Set when `raw` is not a mapping. */
  notMapping?: boolean;
  /** The validated frontmatter, when valid. */
  data?: Frontmatter;
  /** What the schema said about `raw`. */
  issues: ZodIssue[];
  /** The file with the frontmatter block blanked out (same lines and columns), as Astro hands it to Markdown. */
  body: string;
  /** 1-based line of the first line after the block. */
  bodyLine: number;
  /** 1-based line of each top-level key. */
  keyLines: Map<string, number>;
}

// gray-matter reads the block; it gets one engine, YAML through the safe loader, so `---js` and
// friends can never reach an evaluating engine even if the checks below were bypassed.
const SAFE_ENGINES = {
  yaml: {
    parse: (text: string): object => {
      // A file saved with Windows line endings: the YAML must not keep the `\r` in its values.
      const result = loadYaml(text.replace(/\r\n/g, '\n').replace(/\r$/, ''));
      if ('problem' in result) throw Object.assign(new Error(result.problem.message), { yamlProblem: result.problem });
      return (result.value ?? {});
    },
    stringify: () => {
      throw new Error('Unexpected frontmatter write');
    },
  },
};

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;

/** Reads and validates the frontmatter of `source`; problems are returned, never thrown. */
export function readFrontmatter(source: string, collection: Collection | undefined): FrontmatterRead {
  const { form, body, bodyLine } = splitFrontmatter(source);
  if (form) return { form, issues: [], body, bodyLine, keyLines: new Map() };
  const keyLines = findKeyLines(source, bodyLine);
  const read: FrontmatterRead = { issues: [], body, bodyLine, keyLines };
  let data: unknown;
  try {
    data = matter(source.replace(/^\uFEFF/, ''), { engines: SAFE_ENGINES, language: 'yaml' }).data;
  } catch (error) {
    const problem = (error as { yamlProblem?: YamlProblem }).yamlProblem;
    // gray-matter hands over the block from the newline after `---`: the parser's lines are file lines.
    read.yaml = problem ?? { kind: 'syntax', message: (error as Error).message, line: 2, column: 1 };
    return read;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    read.notMapping = true;
    return read;
  }
  read.raw = data as Record<string, unknown>;
  if (collection) {
    const result: SafeParseReturnType<unknown, Frontmatter> = schemaFor(collection).safeParse(read.raw);
    if (result.success) read.data = result.data;
    else read.issues = result.error.issues;
  }
  return read;
}

/**
 * Where the frontmatter block ends, without reading its YAML: the body with the block blanked out
 * (as Astro hands it to Markdown), or the whole file and the reason when the block is not one the
 * site reads the same way.
 */
export function splitFrontmatter(source: string): { form?: FrontmatterFormProblem; body: string; bodyLine: number } {
  const form = formProblem(source);
  if (form) return { form, body: source, bodyLine: 1 };
  const close = closingLine(source);
  if (close === undefined) return { form: { kind: 'unclosed' }, body: source, bodyLine: 1 };
  if (!/^---[ \t]*$/.test(close.text)) return { form: { kind: 'closing-line', line: close.line, text: close.text }, body: source, bodyLine: 1 };
  const head = source.slice(0, close.end);
  return { body: head.replace(/[^\r\n]/g, ' ') + source.slice(close.end), bodyLine: close.line + 1 };
}

/** The way a file's start differs from `---` on line 1, if it does. */
function formProblem(source: string): FrontmatterFormProblem | undefined {
  if (OPEN.test(source)) return undefined;
  const text = source.replace(/^\uFEFF/, '');
  const language = /^---[ \t]*([^\s-][^\r\n]*)/.exec(text)?.[1];
  if (language !== undefined) return { kind: 'language', language: language.trim() };
  if (/^\+\+\+[ \t]*\r?\n/.test(text)) return { kind: 'toml' };
  const leading = /^(?:[ \t]*\r?\n)+/.exec(text)?.[0];
  if (leading && /^(?:---|\+\+\+)/.test(text.slice(leading.length))) return { kind: 'leading-blank', line: 1 };
  return { kind: 'missing' };
}

/** The first line after the opening one that starts with `---` or `+++`: where the site's reader ends the block. */
function closingLine(source: string): { line: number; text: string; end: number } | undefined {
  let index = source.indexOf('\n') + 1;
  let line = 2;
  while (index > 0 && index < source.length) {
    const next = source.indexOf('\n', index);
    const end = next === -1 ? source.length : next;
    const text = source.slice(index, end).replace(/\r$/, '');
    if (text.startsWith('---') || text.startsWith('+++')) return { line, text, end: index + text.length };
    index = next + 1;
    line += 1;
  }
  return undefined;
}
