import { loadYaml } from '../shared/yaml.js';
import { isDeepStrictEqual } from 'node:util';
import { formatIsoDate } from '../health/freshness.js';
import { isCalendarDate } from '../content/schema.js';

/** A page whose review date cannot be set safely; `line` is 1-based in the file. */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

const KEY = /^(["']?)last-reviewed\1[ \t]*:/;

/** Why `date` cannot be recorded as a review on `today`, or undefined when it can. */
export function reviewDateProblem(date: string, today: Date): string | undefined {
  if (!isCalendarDate(date)) return `Unexpected date \`${date}\`, expected a real date like \`2026-03-31\``;
  const todayText = formatIsoDate(today);
  if (date > todayText) return `Unexpected date \`${date}\` in the future, expected \`${todayText}\` or earlier`;
  return undefined;
}

/**
 * Sets the `last-reviewed` value in a page's frontmatter and changes nothing else: comments,
 * key order, quoting, line endings and a byte order mark stay as they were, so the diff of a
 * review is one line. Adds the key before the closing `---` when it is missing.
 * Throws a `ReviewError` when the frontmatter cannot be edited safely.
 */
export function setLastReviewed(source: string, date: string): string {
  if (!isCalendarDate(date)) throw new ReviewError(`Unexpected date \`${date}\`, expected a real date like \`2026-03-31\``);
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = splitLines(source.slice(bom.length));
  if (lines.length === 0 || lines[0].text.trimEnd() !== '---')
    throw new ReviewError('Missing frontmatter, expected the file to start with `---`');
  const close = lines.findIndex((line, index) => index > 0 && line.text.trimEnd() === '---');
  if (close === -1) throw new ReviewError('Missing the closing `---` of the frontmatter', lines.length);

  const before = readYaml(lines, close);
  const keyIndex = lines.findIndex((line, index) => index > 0 && index < close && KEY.test(line.text));
  const edited = lines.map((line) => line.text + line.eol);
  if (keyIndex === -1) {
    edited.splice(close, 0, `last-reviewed: ${date}${lines[0].eol}`);
  } else {
    const next = lines[keyIndex + 1];
    edited[keyIndex] =
      `${replaceValue(lines[keyIndex].text, date, keyIndex + 1, next !== undefined && keyIndex + 1 < close && /^[ \t]+\S/.test(next.text))}${lines[keyIndex].eol}`;
  }
  const result = bom + edited.join('');
  const after = readYaml(splitLines(result.slice(bom.length)), keyIndex === -1 ? close + 1 : close);
  if (after['last-reviewed'] !== date || !isDeepStrictEqual(withoutReviewed(after), withoutReviewed(before))) {
    throw new ReviewError(
      'Cannot change `last-reviewed` without touching other keys; edit it by hand',
      keyIndex === -1 ? close + 1 : keyIndex + 1,
    );
  }
  return result;
}

function withoutReviewed(data: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...data };
  delete rest['last-reviewed'];
  return rest;
}

/** The line with its value replaced by `date`, keeping the quotes and a trailing comment. */
function replaceValue(text: string, date: string, lineNo: number, continued: boolean): string {
  const key = KEY.exec(text)?.[0] ?? '';
  const rest = text.slice(key.length);
  const space = /^[ \t]*/.exec(rest)?.[0] ?? '';
  const value = rest.slice(space.length);
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = closingQuote(value, quote);
    if (end === -1) throw new ReviewError('Cannot update a `last-reviewed` value that spans lines; write it on one line', lineNo);
    return `${key}${space}${quote}${date}${quote}${value.slice(end + 1)}`;
  }
  if (value === '' || value.startsWith('#')) {
    if (continued) throw new ReviewError('Cannot update a `last-reviewed` value that spans lines; write it on one line', lineNo);
    return `${key}${space || ' '}${date}${value === '' ? '' : ` ${value}`}`;
  }
  if (/^[[{|>&*!]/.test(value)) throw new ReviewError(`Unexpected \`last-reviewed: ${value}\`, expected a date like \`${date}\``, lineNo);
  const comment = /[ \t]+#/.exec(value);
  const end = comment ? comment.index : value.trimEnd().length;
  return `${key}${space}${date}${value.slice(end)}`;
}

function closingQuote(value: string, quote: string): number {
  for (let i = 1; i < value.length; i += 1) {
    if (quote === '"' && value[i] === '\\') i += 1;
    else if (value[i] === quote) {
      if (quote === "'" && value[i + 1] === "'") i += 1;
      else return i;
    }
  }
  return -1;
}

/** The frontmatter mapping between line 0 and `close`, read as `npm run check` reads it; throws when it cannot be. */
function readYaml(lines: { text: string; eol: string }[], close: number): Record<string, unknown> {
  const result = loadYaml(
    lines
      .slice(1, close)
      .map((line) => line.text)
      .join('\n'),
  );
  if ('problem' in result) {
    throw new ReviewError(
      `Cannot read the frontmatter: ${result.problem.message}; \`npm run check\` shows how to fix it`,
      result.problem.line + 1,
    );
  }
  const data = result.value;
  if (data === undefined || data === null) return {};
  if (typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
  throw new ReviewError('Unexpected frontmatter, expected `key: value` lines', 2);
}

/** Lines with their own ending (`\n`, `\r\n` or none on the last line). */
function splitLines(text: string): { text: string; eol: string }[] {
  const lines: { text: string; eol: string }[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const crlf = end > start && text[end - 1] === '\r';
    lines.push({ text: text.slice(start, crlf ? end - 1 : end), eol: crlf ? '\r\n' : '\n' });
    start = end + 1;
  }
  return lines;
}
