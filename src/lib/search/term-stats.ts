/**
 * How many pages hold each common word, written at build time to `search-terms.json` so the search
 * box can plan a query before it runs it. Pagefind has no OR, so every term of a query is a search
 * of its own, and a search costs in proportion to the pages it finds: on a 5,000-page site one
 * search for a word that half the pages hold takes longer than the whole latency budget, while it
 * tells those pages apart least (BM25's idf). Knowing the common words, the browser searches them
 * only together with a rarer term of the query.
 */
export interface TermStats {
  /** Pages counted (those Pagefind indexes). */
  pages: number;
  /** Words held by at least `minPages` pages, with how many pages hold them. */
  minPages: number;
  terms: Record<string, number>;
}

/** A word is common from this many pages, or this share of the site when that is more. */
export const COMMON_MIN_PAGES = 150;
export const COMMON_SHARE = 0.05;

/** English endings Pagefind's stemmer folds (`replication`, `replicas` → `replic`), roughly. */
const ENDINGS = /(?:ations?|ing|ions?|ed|es|er|ers|ly|s)$/;

/**
 * About how many pages a search for `query` finds, from the common words alone: Pagefind stems a
 * word and matches every indexed word that starts with the stem, so the count is that of the most
 * common such word; a query of several words finds at most what its rarest word finds. Zero when
 * no word of the query is common.
 */
export function estimatePages(stats: Pick<TermStats, 'terms'>, query: string): number {
  let fewest = Infinity;
  for (const word of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    const stem = word.length > 5 ? word.replace(ENDINGS, '') : word;
    const prefix = stem.length >= 4 ? stem : word;
    let most = 0;
    for (const [term, count] of Object.entries(stats.terms)) if (term.startsWith(prefix) && count > most) most = count;
    fewest = Math.min(fewest, most);
  }
  return Number.isFinite(fewest) ? fewest : 0;
}
