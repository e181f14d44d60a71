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
  /** The query's terms without its function words (`is`, `the`, `after`). */
  whole: string;
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

/** A word and what it may be without an English inflection (`restarts`, `restarting` → `restart`; `certificates` → `certificate`). */
function baseForms(word: string): string[] {
  if (word.length <= 5) return [word];
  const forms = [word];
  for (const ending of ['s', 'es', 'ed', 'd', 'ing']) if (word.endsWith(ending)) forms.push(word.slice(0, -ending.length));
  if (word.endsWith('ing')) forms.push(`${word.slice(0, -3)}e`);
  return forms;
}

/** True when two words are one word in different inflections. */
function sameWord(a: string, b: string): boolean {
  const forms = baseForms(a);
  return baseForms(b).some((form) => forms.includes(form));
}

/** Where the words of `phrase` stand one after another in `tokens`, or -1. */
function indexOfPhrase(tokens: string[], phrase: string[]): number {
  for (let at = 0; at + phrase.length <= tokens.length; at += 1) {
    if (phrase.every((word, offset) => tokens[at + offset] === word)) return at;
  }
  return -1;
}

/**
 * Plans the searches for one query: each significant term is searched on its own (search only
 * returns pages holding every word, so one word the pages lack would empty a whole-query search),
 * as written, in its parts and under its synonyms, each with the weight its match counts for.
 */
export function planSearch(raw: string, synonymGroups: string[][]): SearchPlan {
  const notification = readNotification(raw);
  const text = normaliseSymptomQuery(notification.text);
  // The normalised text is words between spaces, punctuation trimmed from their edges.
  const rest = text.toLowerCase().split(' ').filter(Boolean);
  const concepts: Concept[] = [];
  // Phrases of the vocabulary first (`out of memory`, `going off`), so their words are not searched one by one.
  for (const group of synonymGroups) {
    for (const term of group.filter((candidate) => candidate.includes(' '))) {
      const phrase = term.split(/\s+/);
      const at = indexOfPhrase(rest, phrase);
      if (at === -1) continue;
      rest.splice(at, phrase.length);
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
  const words = [...new Set(rest.filter((word) => word.length > 1 && !STOP_WORDS.has(word)))];
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
    const group =
      synonymGroups.find((candidate) => candidate.includes(word)) ??
      synonymGroups.find((candidate) => candidate.some((other) => !other.includes(' ') && sameWord(other, word)));
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
    whole: concepts.map((concept) => concept.term).join(' '),
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

/** Every form of every term of a plan, each with the index of its term. */
export function conceptForms(plan: SearchPlan): PlannedForm[] {
  return plan.concepts.flatMap((concept, index) => concept.forms.map((form) => ({ concept: index, ...form })));
}

/** A form of one of the plan's terms, as searched: `pages` is set when the search finds only some of the pages holding it. */
export type PlannedForm = SearchForm & { concept: number; pages?: number };

/** The first-round searches of a plan, and those to add when the whole query finds too few pages. */
export interface PlannedSearches {
  forms: PlannedForm[];
  ifFew: PlannedForm[];
  /**
   * The search for pages that hold every word: the query as read, or, when every term is common,
   * its terms alone. Function words are on nearly every page, and with common terms they make the
   * search as slow as the site is large (a pasted x509 error: 196 ms on 5,000 pages with them, 51
   * ms without, finding the same pages); with a rare term it is fast either way. None for a
   * query of one term, whose own searches are that search.
   */
  together?: string;
}

/**
 * The first-round searches of a plan (fallbacks come later), made affordable on a large site. A
 * search costs in proportion to the pages it finds, and on a 5,000-page site a word that half the
 * pages hold takes longer to search alone than the whole latency budget, while it tells pages
 * apart least. So a term whose forms are all common words (`search-terms.json`) is searched
 * together with words that narrow it, and counts with the weight of how many pages hold it:
 *
 * - with the longest rare term of the query, when there is one (a rare word's pages are few);
 * - when every term is common, through all of them at once (`whole`); when that finds too few pages,
 *   also in searches of all the terms but one, one per term: a page that holds all terms but one
 *   is found, and counts for each term it holds.
 *
 * A common synonym of a term that is rare as written is left out. A query of one or two terms,
 * all common, is searched term by term: nothing narrows it.
 */
export function searchedForms(plan: SearchPlan, stats: Pick<TermStats, 'terms'>): PlannedSearches {
  const { text, whole } = plan;
  const several = plan.concepts.length > 1;
  const firstRound = conceptForms(plan).filter((form) => !form.fallback);
  const pages = new Map(firstRound.map((form) => [form.query, estimatePages(stats, form.query)]));
  const concepts = [...new Set(firstRound.map((form) => form.concept))];
  // A concept's first form is its term as written; only that narrows a search. A rare synonym
  // (`ssl` for a common `certificate`) is no sign that a page holds the rest of the query.
  const written = new Map(concepts.map((concept) => [concept, firstRound.find((form) => form.concept === concept)!]));
  const writtenPages = (concept: number) => pages.get(written.get(concept)!.query)!;
  const anchors = concepts.filter((concept) => writtenPages(concept) === 0).map((concept) => written.get(concept)!);
  if (anchors.length === 0) {
    if (concepts.length < 3) return { forms: firstRound, ifFew: [], together: several ? whole : undefined };
    const allBut = (left: number) =>
      concepts
        .filter((concept) => concept !== left)
        .map((concept) => written.get(concept)!.query)
        .join(' ');
    return {
      forms: [
        ...concepts.map((concept) => ({ concept, query: whole, weight: 1, pages: writtenPages(concept) })),
        // Rare synonyms of common terms are cheap, and may be the page's own word.
        ...firstRound.filter((form) => pages.get(form.query) === 0),
      ],
      ifFew: concepts.flatMap((left) =>
        concepts
          .filter((concept) => concept !== left)
          .map((concept) => ({ concept, query: allBut(left), weight: 1, pages: writtenPages(concept) })),
      ),
      together: whole,
    };
  }
  const forms: PlannedForm[] = [];
  for (const form of firstRound) {
    const count = pages.get(form.query)!;
    if (count === 0) forms.push(form);
    else if (writtenPages(form.concept) > 0) {
      // A term common as written is searched with the longest rare term of the query (longer words tend to be rarer).
      const anchor = anchors.filter((other) => other.concept !== form.concept).sort((a, b) => b.query.length - a.query.length)[0];
      if (anchor) forms.push({ ...form, query: `${form.query} ${anchor.query}`, pages: count });
    }
    // Otherwise a common synonym of a term that is rare as written: left out.
  }
  return { forms, ifFew: [], together: several ? text : undefined };
}

/** How much a match of the word a mistyped term was meant to be counts for it. */
const SPELLING_WEIGHT = 0.8;

/** A term found on fewer pages than this is searched again in its parts, or by its first letters. */
const FEW_PAGES = 3;

/**
 * The second round, for terms the first found on few pages (`found`, by concept): their parts
 * (`nf_conntrack` → `conntrack`) and, for a term nothing matched, its first letters (`leadr` →
 * `lead`, which Pagefind matches as the start of `leader`): a mistyped word. A term searched with
 * a rarer one (`common`) is on many pages, only not with that word. Common words are left out: a
 * search costs as long as the pages it finds and they tell pages apart least (the `var`, `lib`,
 * `data` of a pasted path). A mistyped term with `spellings` (the words of the site it is a slip
 * or two away from: `degarded` → `degraded`) is searched as those instead of by its first letters.
 */
export function secondRound(
  plan: SearchPlan,
  found: (concept: number) => number,
  common: Set<number>,
  stats: Pick<TermStats, 'terms'>,
  spellings: ReadonlyMap<number, readonly string[]> = new Map(),
): PlannedForm[] {
  const all = conceptForms(plan);
  const rare = (query: string) => estimatePages(stats, query) === 0;
  const forms: PlannedForm[] = [];
  plan.concepts.forEach((concept, index) => {
    const spelt = spellings.get(index) ?? [];
    forms.push(...spelt.map((word) => ({ concept: index, query: word, weight: SPELLING_WEIGHT })));
    const count = found(index);
    if (count >= FEW_PAGES || common.has(index)) return;
    forms.push(...all.filter((form) => form.concept === index && form.fallback && rare(form.query)));
    if (spelt.length > 0) return;
    const start = concept.term.slice(0, Math.max(4, concept.term.length - 2));
    if (count === 0 && concept.term.length >= 5 && !concept.term.includes(' ') && rare(start))
      forms.push({ concept: index, query: start, weight: 0.5 });
  });
  return forms;
}
