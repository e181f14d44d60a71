import type { PageHealth } from '../health/engine.js';
import { identifierParts } from './plan.js';
import { SPELLABLE, type SpellingWords } from './spelling.js';
import { STOP_WORDS } from './symptoms.js';
import { pageWords } from './term-count.js';

/** Most words written; a site whose headline vocabulary is larger keeps those most pages hold. */
const MAX_WORDS = 20_000;

/** The words of the published pages' headline fields, and how many pages hold each. */
export function spellingWords(pages: readonly PageHealth[]): SpellingWords {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const texts = [page.title, page.description ?? '', ...page.symptoms, ...page.tags, ...page.services, page.path?.goal ?? ''];
    const words = new Set<string>();
    for (const text of texts) for (const word of pageWords(text)) words.add(word);
    for (const alert of page.alerts) {
      for (const word of pageWords(alert)) words.add(word);
      for (const part of identifierParts(alert)) words.add(part);
    }
    for (const word of words) if (SPELLABLE.test(word) && !STOP_WORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const kept = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_WORDS);
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { words: Object.fromEntries(kept) };
}
