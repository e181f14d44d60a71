import { editDistance } from '../shared/edit-distance.js';

/**
 * Spelling: what a mistyped query term (`degarded`, `devcie`, `leadr`) was meant to be. Pagefind
 * matches a word only by its start, so a term with a typo in it finds nothing; the search box then
 * looks the term up among the words of the pages' titles, descriptions, symptoms, alerts, tags and
 * services (the words a query is written to find) and searches the nearest ones as well.
 *
 * The build writes those words with how many pages hold them to `search-words.json`; the search
 * box fetches it only when a term finds nothing.
 */
export interface SpellingWords {
  /** Word (lower case, letters only) → how many published pages hold it in those fields. */
  words: Record<string, number>;
}

export const SPELLING_FILE = 'search-words.json';

/** A word worth correcting to, or correcting: letters only (ids and numbers are not misspelt words). */
export const SPELLABLE = /^\p{L}{4,24}$/u;

/** Shorter terms are not corrected; a term of this length only by a word holding all its letters (`dsik` → `disk`, not `docs` → `does`). */
const MIN_TYPED = 4;

/** True for a term that may be corrected: a plain word of at least four letters. */
export function correctable(term: string): boolean {
  return term.length >= MIN_TYPED && SPELLABLE.test(term.toLowerCase());
}

/**
 * The words `term` was most likely meant to be: those nearest to it (one edit, or two for a term
 * of eight letters or more, whose first letter then has to agree), the ones most pages hold first.
 * None for a term that is not a plain word or is itself one of the words.
 */
export function spellingsOf(term: string, words: Readonly<Record<string, number>>, limit = 2): string[] {
  const word = term.toLowerCase();
  if (!correctable(word) || Object.hasOwn(words, word)) return [];
  const most = word.length >= 8 ? 2 : 1;
  const letters = letterMask(word);
  const { byLength } = indexOf(words);
  const found: { word: string; distance: number; pages: number }[] = [];
  for (let length = word.length - most; length <= word.length + most; length += 1) {
    for (const entry of byLength.get(length) ?? []) {
      // Each edit brings in or takes away at most one letter: a cheap bound before the full count.
      if (bits(letters & ~entry.letters) > most || bits(entry.letters & ~letters) > most) continue;
      const distance = editDistance(word, entry.word, most);
      if (distance > most || (distance === 2 && entry.word[0] !== word[0])) continue;
      if (word.length === MIN_TYPED && lettersKept(word, entry.word) < word.length) continue;
      found.push({ word: entry.word, distance, pages: entry.pages });
    }
  }
  if (found.length === 0) return [];
  // Nearest first; among those, the words holding every letter typed (a letter left out, two
  // swapped: `leadr` is `leader` rather than `leads`), then the words most pages hold.
  const key = (entry: (typeof found)[number]) => entry.distance * 100 - lettersKept(word, entry.word);
  const best = Math.min(...found.map(key));
  return found
    .filter((entry) => key(entry) === best)
    .sort((a, b) => b.pages - a.pages || (a.word < b.word ? -1 : 1))
    .slice(0, limit)
    .map((entry) => entry.word);
}

interface WordIndex {
  byLength: Map<number, { word: string; pages: number; letters: number }[]>;
}
const indexes = new WeakMap<object, WordIndex>();

/** The word list by length, each word with its letters as bits: made once per list. */
function indexOf(words: Readonly<Record<string, number>>): WordIndex {
  let index = indexes.get(words);
  if (!index) {
    index = { byLength: new Map() };
    for (const [word, pages] of Object.entries(words)) {
      const bucket = index.byLength.get(word.length) ?? [];
      bucket.push({ word, pages, letters: letterMask(word) });
      index.byLength.set(word.length, bucket);
    }
    indexes.set(words, index);
  }
  return index;
}

/** Which letters a word holds, one bit per letter (letters past `z` share bits: still a lower bound on edits). */
function letterMask(word: string): number {
  let mask = 0;
  for (let at = 0; at < word.length; at += 1) mask |= 1 << (word.charCodeAt(at) % 32);
  return mask;
}

function bits(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

/** How many of the letters of `typed` are in `word`, each letter of `word` counted once. */
function lettersKept(typed: string, word: string): number {
  const left = [...word];
  let kept = 0;
  for (const letter of typed) {
    const at = left.indexOf(letter);
    if (at === -1) continue;
    left.splice(at, 1);
    kept += 1;
  }
  return kept;
}

/** English endings a typed word may carry that the page's word lacks (`restarting`, `restarted` → `restart`). */
const ENDINGS = /(?:ations?|ing|ions?|ed|es|er|ers|ly|s)$/;

/** The start every word Pagefind matches for `term` shares with it: the term less an English ending (`running` → `run`). */
export function typedStem(term: string): string {
  const word = term.toLowerCase();
  if (word.length <= 5) return word.length === 4 && word.endsWith('s') ? word.slice(0, -1) : word;
  const stem = word.replace(ENDINGS, '');
  // `running` → `runn` → `run`, `stopped` → `stopp` → `stop`
  return stem.length > 3 && stem.at(-1) === stem.at(-2) && !/[aeiou]/.test(stem.at(-1)!) ? stem.slice(0, -1) : stem;
}

const MARK = /<mark>([^<]*)<\/mark>/gi;

/**
 * False when a search for `term` found its pages through a shorter word: Pagefind matches words by
 * their start, and when no word starts with the whole term, by a shorter start of it (`devcie`
 * finds `/dev/null`, `degarded` finds `10de:1b80`). Read from the highlighted words of a result's
 * excerpt; true when the excerpt highlights nothing, as nothing then says otherwise.
 */
export function matchedAsTyped(excerpt: string, term: string): boolean {
  const stem = typedStem(term);
  const marked = [...excerpt.matchAll(MARK)].map((match) => match[1].toLowerCase());
  if (marked.length === 0) return true;
  return marked.some((text) => text.split(/[^\p{L}\p{N}]+/u).some((part) => part.startsWith(stem)));
}
