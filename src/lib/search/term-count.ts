import { decodeHTML } from 'entities';
import { COMMON_MIN_PAGES, COMMON_SHARE, type TermStats } from './term-stats.js';

/**
 * Characters Pagefind keeps inside words (its `includeCharacters`), so error strings stay
 * searchable as written: `md/raid1:md0`, `ERR_CONNECTION_REFUSED`, `backend.svc.cluster.local`,
 * `ndots:5`. It indexes such a word both whole and split at them.
 */
export const INCLUDE_CHARACTERS = ':._-/';

const JOINER_CLASS = `[${INCLUDE_CHARACTERS.replace(/[-\]\\^]/g, '\\$&')}]`;
const TOKEN = new RegExp(`(?:[\\p{L}\\p{N}]|${JOINER_CLASS})+`, 'gu');
const JOINERS = new RegExp(`${JOINER_CLASS}+`, 'u');
const EDGE_JOINERS = new RegExp(`^${JOINER_CLASS}+|${JOINER_CLASS}+$`, 'gu');

/** The distinct words of a text as Pagefind indexes them: lower case, whole and in their parts. */
export function pageWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const [token] of text.toLowerCase().matchAll(TOKEN)) {
    const whole = token.replace(EDGE_JOINERS, '');
    if (whole.length === 0) continue;
    words.add(whole);
    if (JOINERS.test(whole)) for (const part of whole.split(JOINERS)) if (part.length > 0) words.add(part);
  }
  return words;
}

/** Counts, over pages given as their text, how many pages hold each word; keeps the common ones. */
export class TermCounter {
  private readonly counts = new Map<string, number>();
  private pages = 0;

  add(text: string): void {
    this.pages += 1;
    for (const word of pageWords(text)) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
  }

  stats(): TermStats {
    const minPages = Math.max(COMMON_MIN_PAGES, Math.ceil(this.pages * COMMON_SHARE));
    const common = [...this.counts].filter(([, count]) => count >= minPages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { pages: this.pages, minPages, terms: Object.fromEntries(common) };
  }
}

const MARKED = /<([a-z][a-z0-9]*)\b[^>]*\bdata-pagefind-(body|ignore)\b[^>]*>/gi;
/** A tag, with quoted attribute values that may hold `>`. */
const TAG = /<[a-z/!][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/gi;
const SKIPPED = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1>/gi;

/** Where the element whose start tag ends at `from` ends: after its matching end tag. */
function elementEnd(html: string, tag: string, from: number): number {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[1] ? -1 : match[0].endsWith('/>') ? 0 : 1;
    if (depth === 0) return match.index + match[0].length;
  }
  return html.length;
}

/**
 * The text Pagefind reads on one built page, or undefined for a page it does not index: the
 * elements marked `data-pagefind-body`, less those marked `data-pagefind-ignore`, without tags,
 * entities decoded. Close enough for counting pages per word, which only decides how a query is
 * searched.
 */
export function indexedText(html: string): string | undefined {
  const parts: string[] = [];
  let keptFrom = 0;
  let keptTo = 0;
  for (const match of html.matchAll(MARKED)) {
    const ignore = match[2].toLowerCase() === 'ignore';
    const inside = match.index < keptTo;
    if (inside && !ignore) continue;
    const end = elementEnd(html, match[1], match.index + match[0].length);
    if (!ignore) {
      parts.push(html.slice(match.index, end));
      [keptFrom, keptTo] = [match.index, end];
    } else if (inside) {
      // Blanked out of the body element it sits in, keeping the offsets of what follows.
      const last = parts.length - 1;
      const [from, to] = [match.index - keptFrom, Math.min(end, keptTo) - keptFrom];
      parts[last] = parts[last].slice(0, from) + ' '.repeat(to - from) + parts[last].slice(to);
    }
  }
  if (parts.length === 0) return undefined;
  return decodeHTML(parts.join(' ').replace(SKIPPED, ' ').replace(TAG, ' '));
}
