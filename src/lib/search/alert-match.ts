import { distance } from 'fastest-levenshtein';

/**
 * What the browser reads of the alerts (`dist/search-alerts.json`, compact, written by the build
 * and served by the dev server): the search box puts the page of an alert named in the query
 * first, and the 404 page opens `/alerts/<name>/` typed in another case. Only the fields they use:
 * at 5,000 generated pages with 1,550 alerts this is 251 KiB against `alerts.json`'s 461 KiB (the
 * export for other tools, with each page's file and owner, indented for people reading it).
 */
export const SEARCH_ALERTS_FILE = 'search-alerts.json';

/** What `search-alerts.json` (and `alerts.json`) say about one alert: the page that answers it. */
export interface AlertEntry {
  url: string;
  title: string;
  file?: string;
  owner?: string;
  /** Set when the page is deprecated; `successor` is the page that replaces it, when it names one. */
  deprecated?: boolean;
  successor?: { url: string; title: string };
}

export interface AlertMatch {
  /** The alert as the site's alert list spells it. */
  alert: string;
  entry: AlertEntry;
  /** `exact` as written, `case` in another case, `typo` within two edits of a long name. */
  how: 'exact' | 'case' | 'typo';
}

/** Alert names by lower-case spelling, built once per `search-alerts.json`. */
export type AlertIndex = Map<string, [string, AlertEntry]>;

/** Indexes `search-alerts.json` by lower-case name (alert names are case-sensitive in Prometheus, people's typing is not). */
export function indexAlerts(map: Record<string, AlertEntry>): AlertIndex {
  const index: AlertIndex = new Map();
  for (const [alert, entry] of Object.entries(map)) if (!index.has(alert.toLowerCase())) index.set(alert.toLowerCase(), [alert, entry]);
  return index;
}

/**
 * The alerts a query names: each candidate word that is an alert name in any case, and a long
 * candidate (10 characters or more) one or two typing mistakes away from exactly one alert name. Candidates named by a
 * notification come first, as the query's order has them.
 */
export function matchAlerts(candidates: string[], index: AlertIndex): AlertMatch[] {
  const matches: AlertMatch[] = [];
  const seen = new Set<string>();
  const add = (alert: string, entry: AlertEntry, how: AlertMatch['how']) => {
    if (seen.has(alert)) return;
    seen.add(alert);
    matches.push({ alert, entry, how });
  };
  for (const candidate of candidates) {
    const found = index.get(candidate.toLowerCase());
    if (found) add(found[0], found[1], found[0] === candidate ? 'exact' : 'case');
  }
  if (matches.length > 0) return matches;
  for (const candidate of candidates) {
    if (candidate.length < 10) continue;
    const lower = candidate.toLowerCase();
    // Two edits from 10 characters on: a swapped pair of letters (`Donw`) is two edits already.
    const limit = 2;
    let best: [string, AlertEntry] | undefined;
    let bestDistance = Infinity;
    let ties = 0;
    for (const [name, value] of index) {
      if (Math.abs(name.length - lower.length) > limit) continue;
      const edits = distance(lower, name);
      if (edits < bestDistance) {
        best = value;
        bestDistance = edits;
        ties = 1;
      } else if (edits === bestDistance) ties += 1;
    }
    if (best && bestDistance <= limit && ties === 1) add(best[0], best[1], 'typo');
  }
  return matches;
}
