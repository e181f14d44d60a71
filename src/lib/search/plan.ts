import { readNotification } from './notifications.js';
import { normaliseSymptomQuery, STOP_WORDS } from './symptoms.js';

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
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, 'u');
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
