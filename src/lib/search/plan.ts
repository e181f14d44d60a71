import { readNotification } from './notifications.js';
import { normaliseSymptomQuery, STOP_WORDS } from './symptoms.js';
import { estimatePages, type TermStats } from './term-stats.js';

/** One Pagefind search and how much a match counts for the term it stands for. */
export interface SearchForm {
  query: string;
  weight: number;
  /**
   * Searched only when the term as written finds few pages: the parts of `nf_conntrack` matter
   * when nothing holds the whole word, and a search for a common part costs as much as it finds.
   */
  fallback?: boolean;
}

/** A term of the query and the searches that find it: as written, its parts, its synonyms. */
export interface Concept {
  term: string;
  forms: SearchForm[];
}

/** What one query turns into: the searches to run and what to show about how it was read. */
export interface SearchPlan {
  /** The query as searched, volatile parts (ids, addresses, label pairs) left out. */
  text: string;
  concepts: Concept[];
  /** Names that may be alerts: from a notification, and every identifier-like word as typed. */
  alertCandidates: string[];
  /** Alert names a notification named explicitly. */
  notificationAlerts: string[];
  ignored: string[];
}

/** Most query terms searched; a pasted stack trace has more words than tell pages apart. */
const MAX_CONCEPTS = 10;
/** Most Pagefind searches per query, every form included. */
const MAX_SEARCHES = 28;
const PART_WEIGHT = 0.6;
const SYNONYM_WEIGHT = 0.7;
const IDENTIFIER = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/;

/** `nf_conntrack` → `nf`, `conntrack`; `KubePodCrashLooping` → `kube`, `pod`, `crash`, `looping`; `node-exporter` → `node`, `exporter`. */
export function identifierParts(word: string): string[] {
  const parts = word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.\-/:]+/)
    .map((part) => part.toLowerCase())
    .filter((part) => part.length > 1 && !STOP_WORDS.has(part));
  return parts.length > 1 ? [...new Set(parts)] : [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const phrasePatterns = new Map<string, RegExp>();

/** A phrase of the vocabulary as whole words; compiled once, since the search box plans a query on every keystroke. */
function phrasePattern(term: string): RegExp {
  let pattern = phrasePatterns.get(term);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, 'u');
    phrasePatterns.set(term, pattern);
  }
  return pattern;
}

/**
 * Plans the searches for one query: each significant term is searched on its own (search only
 * returns pages holding every word, so one word the pages lack would empty a whole-query search),
 * as written, in its parts and under its synonyms, each with the weight its match counts for.
 */
export function planSearch(raw: string, synonymGroups: string[][]): SearchPlan {
  const notification = readNotification(raw);
  const text = normaliseSymptomQuery(notification.text);
  let rest = ` ${text.toLowerCase()} `;
  const concepts: Concept[] = [];
  // Phrases of the vocabulary first (`out of memory`, `going off`), so their words are not searched one by one.
  for (const group of synonymGroups) {
    for (const term of group.filter((candidate) => candidate.includes(' '))) {
      const pattern = phrasePattern(term);
      if (!pattern.test(rest)) continue;
      rest = rest.replace(pattern, ' ');
      concepts.push({
        term,
        forms: [
          { query: term, weight: 1 },
          ...group.filter((other) => other !== term).map((other) => ({ query: other, weight: SYNONYM_WEIGHT })),
        ],
      });
    }
  }
  const written = new Map(text.split(/\s+/).map((word) => [word.toLowerCase(), word]));
  const words = [...new Set(rest.split(/\s+/).filter((word) => word.length > 1 && !STOP_WORDS.has(word)))];
  // Longer words tell pages apart better; the query's order breaks ties.
  const kept = words
    .map((word, index) => ({ word, index }))
    .sort((a, b) => b.word.length - a.word.length || a.index - b.index)
    .slice(0, Math.max(0, MAX_CONCEPTS - concepts.length))
    .sort((a, b) => a.index - b.index)
    .map(({ word }) => word);
  for (const word of kept) {
    const forms: SearchForm[] = [{ query: word, weight: 1 }];
    const add = (query: string, weight: number, fallback?: boolean) => {
      const known = forms.find((form) => form.query === query);
      if (!known) forms.push(fallback ? { query, weight, fallback } : { query, weight });
      else if (weight > known.weight) Object.assign(known, { weight, fallback: undefined });
    };
    const group = synonymGroups.find((candidate) => candidate.includes(word));
    for (const other of group ?? []) add(other, SYNONYM_WEIGHT);
    for (const part of identifierParts(written.get(word) ?? word)) add(part, PART_WEIGHT, true);
    concepts.push({ term: word, forms });
  }
  trimSearches(concepts);
  const alertCandidates = [
    ...notification.alerts,
    ...raw
      .split(/[\s,;()[\]{}"'`]+/)
      .map((word) => word.replace(/[.:]+$/, ''))
      .filter((word) => word.length > 2 && IDENTIFIER.test(word)),
  ];
  return {
    text,
    concepts,
    alertCandidates: [...new Set(alertCandidates)],
    notificationAlerts: notification.alerts,
    ignored: notification.ignored,
  };
}

/** Drops synonym and part searches, from the last term backwards, until the plan fits `MAX_SEARCHES`. */
function trimSearches(concepts: Concept[]): void {
  const total = () => concepts.reduce((sum, concept) => sum + concept.forms.length, 0);
  for (let index = concepts.length - 1; index >= 0 && total() > MAX_SEARCHES; index -= 1) {
    const concept = concepts[index];
    while (concept.forms.length > 1 && total() > MAX_SEARCHES) concept.forms.pop();
  }
}

/** A form of one of the plan's terms, as searched: `pages` is set when the search finds only some of the pages holding it. */
export type PlannedForm = SearchForm & { concept: number; pages?: number };

/** The first-round searches of a plan, and those to add when the whole query finds too few pages. */
export interface PlannedSearches {
  forms: PlannedForm[];
  ifFew: PlannedForm[];
}

/**
 * The first-round searches of a plan (fallbacks come later), made affordable on a large site. A
 * search costs in proportion to the pages it finds, and on a 5,000-page site a word that half the
 * pages hold takes longer to search alone than the whole latency budget, while it tells pages
 * apart least. So a term whose forms are all common words (`search-terms.json`) is searched
 * together with words that narrow it, and counts with the weight of how many pages hold it:
 *
 * - with the longest rare term of the query, when there is one (a rare word's pages are few);
 * - when every term is common, through the whole query (`text`); when that finds too few pages,
 *   also in searches of all the terms but one, one per term: a page that holds all terms but one
 *   is found, and counts for each term it holds.
 *
 * A common synonym of a term that is rare as written is left out. A query of one or two terms,
 * all common, is searched term by term: nothing narrows it.
 */
export function searchedForms(all: (SearchForm & { concept: number })[], stats: Pick<TermStats, 'terms'>, text: string): PlannedSearches {
  const firstRound = all.filter((form) => !form.fallback);
  const pages = new Map(firstRound.map((form) => [form.query, estimatePages(stats, form.query)]));
  const concepts = [...new Set(firstRound.map((form) => form.concept))];
  const rare = firstRound.filter((form) => pages.get(form.query) === 0);
  const rareConcepts = new Set(rare.map((form) => form.concept));
  const commonPages = (concept: number) =>
    Math.min(...firstRound.filter((form) => form.concept === concept).map((form) => pages.get(form.query)!));
  if (rare.length === 0) {
    if (concepts.length < 3) return { forms: firstRound, ifFew: [] };
    const written = new Map(concepts.map((concept) => [concept, firstRound.find((form) => form.concept === concept)!.query]));
    const allBut = (left: number) =>
      concepts
        .filter((concept) => concept !== left)
        .map((concept) => written.get(concept))
        .join(' ');
    return {
      forms: concepts.map((concept) => ({ concept, query: text, weight: 1, pages: commonPages(concept) })),
      ifFew: concepts.flatMap((left) =>
        concepts
          .filter((concept) => concept !== left)
          .map((concept) => ({ concept, query: allBut(left), weight: 1, pages: commonPages(concept) })),
      ),
    };
  }
  const forms: PlannedForm[] = [];
  for (const form of firstRound) {
    const count = pages.get(form.query)!;
    if (count === 0) forms.push(form);
    else if (!rareConcepts.has(form.concept)) {
      // Longer words tend to be rarer.
      const anchor = rare
        .filter((other) => other.concept !== form.concept && other.weight === 1)
        .sort((a, b) => b.query.length - a.query.length)[0];
      if (anchor) forms.push({ ...form, query: `${form.query} ${anchor.query}`, pages: count });
    }
  }
  return { forms, ifFew: [] };
}
