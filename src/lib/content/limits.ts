/** Limits a page must stay within before anything parses it; `kb.config.ts` `limits` overrides them. */
export interface ContentLimits {
  /** Largest page file, in bytes. */
  pageBytes: number;
  /** Deepest nesting of lists and blockquotes. */
  nestingDepth: number;
  /** Most `symptoms` (and most `alerts`) on one page. */
  listItems: number;
  /** Longest run of lines without a blank line, in characters. */
  blockBytes: number;
}

export const DEFAULT_LIMITS: ContentLimits = { pageBytes: 1_000_000, nestingDepth: 32, listItems: 100, blockBytes: 16_384 };

/** A run of non-blank lines over a limit: where it starts and ends, its size and its delimiters. */
export interface LongBlock {
  line: number;
  endLine: number;
  size: number;
  /** Characters that open emphasis, strikethrough or links: what nests and backtracks. */
  delimiters: number;
}

/** Most emphasis, strikethrough and link delimiters in one block: ordinary prose has a few dozen. */
export const MAX_BLOCK_DELIMITERS = 1000;

/**
 * Finds the first run of consecutive non-blank lines longer than `limit` characters, or holding
 * more than `MAX_BLOCK_DELIMITERS` of `*`, `~`, `[` and word-edge `_`. Markdown's inline parsing is
 * quadratic in places within one block (unmatched `~~`, unclosed `[a](`, emphasis nested thousands
 * deep): 200 KB of `~~a` in one paragraph take micromark over a minute, the same bytes split by
 * blank lines a second. The scan cannot tell code from prose without parsing, so it measures every
 * run; ordinary pages stay far below both limits.
 */
export function findLongBlock(source: string, limit: number): LongBlock | undefined {
  const lines = source.split('\n');
  let start = -1;
  let size = 0;
  let delimiters = 0;
  for (let i = 0; i <= lines.length; i += 1) {
    const text = lines[i];
    if (text === undefined || text.trim() === '') {
      if (start !== -1 && (size > limit || delimiters > MAX_BLOCK_DELIMITERS)) return { line: start + 1, endLine: i, size, delimiters };
      start = -1;
      size = 0;
      delimiters = 0;
      continue;
    }
    if (start === -1) start = i;
    size += text.length + 1;
    delimiters += countDelimiters(text);
  }
  return undefined;
}

function countDelimiters(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charCodeAt(i);
    if (char === 42 /* * */ || char === 126 /* ~ */ || char === 91 /* [ */) count += 1;
    else if (char === 95 /* _ */) {
      // `snake_case` cannot open emphasis; `_x` after a space or at a line's edge can.
      const before = line.charCodeAt(i - 1);
      const after = line.charCodeAt(i + 1);
      if (Number.isNaN(before) || Number.isNaN(after) || before === 32 || after === 32) count += 1;
    }
  }
  return count;
}

/** The first line whose container nesting passes `limit`, with its depth. */
export interface DeepLine {
  line: number;
  depth: number;
}

/**
 * Finds a line nested deeper than `limit` in lists and blockquotes, without parsing. Markdown
 * parsers pay for every open container on every line, so a 1,000-deep list takes micromark about a
 * minute and a 10,000-deep one hangs the build: this scan must decide before any parser runs. It
 * counts, at the start of each line, every `>` and list marker, and for a line that starts with
 * one, half its indentation (the least a nested list item needs per level). It over-counts rather
 * than under-counts, and ordinary pages stay far below any sensible limit.
 */
export function findDeepNesting(source: string, limit: number): DeepLine | undefined {
  let line = 1;
  let index = 0;
  while (index < source.length) {
    const depth = containerDepth(source, index);
    if (depth > limit) return { line, depth };
    const next = source.indexOf('\n', index);
    if (next === -1) break;
    index = next + 1;
    line += 1;
  }
  return undefined;
}

function containerDepth(source: string, start: number): number {
  let columns = 0;
  let markers = 0;
  let i = start;
  for (;;) {
    const char = source.charCodeAt(i);
    if (char === 32) columns += 1;
    else if (char === 9) columns += 4;
    else if (char === 62 /* > */) markers += 1;
    else if ((char === 45 || char === 42 || char === 43) && isSpaceOrEnd(source.charCodeAt(i + 1))) markers += 1;
    else if (char >= 48 && char <= 57) {
      let j = i;
      while (j < i + 9 && source.charCodeAt(j) >= 48 && source.charCodeAt(j) <= 57) j += 1;
      const mark = source.charCodeAt(j);
      if ((mark !== 46 && mark !== 41) || !isSpaceOrEnd(source.charCodeAt(j + 1))) break;
      markers += 1;
      i = j;
    } else break;
    i += 1;
  }
  return markers === 0 ? 0 : markers + Math.floor(columns / 2);
}

function isSpaceOrEnd(char: number): boolean {
  return Number.isNaN(char) || char === 32 || char === 9 || char === 10 || char === 13;
}
