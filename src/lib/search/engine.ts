import { indexAlerts, matchAlerts, SEARCH_ALERTS_FILE, type AlertEntry, type AlertIndex, type AlertMatch } from './alert-match.js';
import { searchedForms, secondRound, type PlannedForm, type PlannedSearches, type SearchPlan } from './plan.js';
import { rankResults, type FormResults } from './rank.js';
import { correctable, matchedAsTyped, SPELLING_FILE, spellingsOf, type SpellingWords } from './spelling.js';
import type { TermStats } from './term-stats.js';

/**
 * The search behind the search box, without the page around it: runs the searches a query plan
 * asks for on the site's Pagefind index, ranks what they found and loads the data of the pages to
 * show. Everything it reads comes from the site it is on (`base`), never another host.
 */

export interface PagefindResult {
  id: string;
  score: number;
  matchedMetaFields?: string[];
  data: () => Promise<PagefindData>;
}
export interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
}
export interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (query: string | null, options?: { filters?: Record<string, string> }) => Promise<{ results: PagefindResult[] } | null>;
  preload: (query: string, options?: { filters?: Record<string, string> }) => Promise<void>;
}

/** A result to show: its data, and why it sits where it does when that is not the words alone. */
export interface Shown {
  data: PagefindData;
  /** The alert of the query this page answers. */
  alert?: string;
  /** Title of the deprecated page this one replaces, when that is why it is here. */
  replaces?: string;
}

export const MAX_RESULTS = 10;
/**
 * Up to this many indexed pages, Pagefind runs in the page instead of its web worker: on a small
 * index a search takes a few milliseconds, and the worker's own start (its script, a second copy
 * of the index metadata, messages both ways) costs more than it saves. Measured with `npm run
 * bench:search` (first three results, p50 ms, worker against page): 68 pages warm 11 / 6, cold
 * 90 / 83; 997 pages warm 43 / 40, cold 165 / 129. At 4,985 pages a search in the page took 30 ms
 * longer warm, and holds up typing while it runs.
 */
export const MAIN_THREAD_PAGES = 1000;
/** Queries of at most this many terms are checked for mistyped words: longer ones are pasted. */
const MAX_TYPED_TERMS = 4;
/** How many results are shown before the rest of the list. */
const FIRST_RESULTS = 3;

/**
 * What a search found: the best few pages as soon as their data is in, then the whole list, which
 * starts with them in the same order (each result's data is a fetch of its own, ~7 ms apiece).
 */
export interface Found {
  first: Shown[];
  all: Promise<Shown[]>;
  /** How many pages the searches found in all. */
  total: number;
  /** Terms no page holds that were searched as the words they were likely meant to be, and found. */
  spelled: { term: string; as: string[] }[];
}

export interface SiteSearch {
  /** Pagefind, imported and initialised once. */
  engine: () => Promise<Pagefind>;
  /** Starts loading everything a search needs, while the engineer is still typing. */
  warm: () => void;
  /** The site's alert names by lower-case spelling (`search-alerts.json`, fetched once per page); empty where there is none. */
  alerts: () => Promise<AlertIndex>;
  /** Fetches the index chunks the plan's first searches will read; resolves when they are in. */
  preload: (plan: SearchPlan, filters?: Record<string, string>) => Promise<void>;
  /** The pages to show for a plan, best first, and how many pages were found in all. */
  search: (plan: SearchPlan, filters?: Record<string, string>) => Promise<Found>;
}

/**
 * The search of the site served under `base` (ending in `/`). `inPage` says, when Pagefind is
 * first loaded, whether it runs in the page rather than its web worker (see MAIN_THREAD_PAGES).
 */
export function siteSearch(base: string, inPage: () => boolean): SiteSearch {
  let pagefind: Promise<Pagefind> | undefined;
  let alerts: Promise<AlertIndex> | undefined;
  let pages: Promise<number> | undefined;
  let terms: Promise<Partial<Pick<TermStats, 'pages'>> & Pick<TermStats, 'terms'>> | undefined;
  let words: Promise<SpellingWords['words']> | undefined;

  /** Loads Pagefind from this site once, with symptoms and alerts ranked first. */
  const load = (): Promise<Pagefind> => {
    pagefind ??= (async () => {
      const module = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
      await module.options({
        baseUrl: base,
        noWorker: inPage(),
        excerptLength: 24,
        ranking: { metaWeights: { symptoms: 10, alerts: 10, path: 10, title: 6, description: 5 } },
      });
      await module.init();
      return module;
    })();
    return pagefind;
  };

  /** The site's `search-alerts.json` by lower-case name: an alert name in the query opens its runbook first. Empty where there is none (dev). */
  const alertIndex = (): Promise<AlertIndex> => {
    alerts ??= fetch(`${base}${SEARCH_ALERTS_FILE}`)
      .then((response) => (response.ok ? (response.json() as Promise<Record<string, AlertEntry>>) : {}))
      .catch(() => ({}))
      .then(indexAlerts);
    return alerts;
  };

  /** The site's common words and how many pages hold them (`search-terms.json`); none where it is missing. */
  const termStats = (): Promise<Partial<Pick<TermStats, 'pages'>> & Pick<TermStats, 'terms'>> => {
    terms ??= fetch(`${base}search-terms.json`)
      .then((response) => (response.ok ? (response.json() as Promise<TermStats>) : { terms: {} }))
      .catch(() => ({ terms: {} }));
    return terms;
  };

  /**
   * How many pages the index holds, for how rare each term is: counted with the common words, from
   * the same pages Pagefind indexed. Only a site without `search-terms.json` asks Pagefind's entry
   * file, which Pagefind itself also fetches as it starts (a second request for it, cold).
   */
  const pageCount = (): Promise<number> => {
    pages ??= termStats().then(
      (stats) =>
        stats.pages ??
        fetch(`${base}pagefind/pagefind-entry.json`)
          .then((response) => response.json() as Promise<{ languages: Record<string, { page_count: number }> }>)
          .then((entry) => Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0))
          .catch(() => 1000),
    );
    return pages;
  };

  /** The words of the pages' titles, symptoms and alerts (`search-words.json`), fetched the first time a term finds nothing. */
  const spellingList = (): Promise<SpellingWords['words']> => {
    words ??= fetch(`${base}${SPELLING_FILE}`)
      .then((response) => (response.ok ? (response.json() as Promise<SpellingWords>) : { words: {} }))
      .then((list) => list.words ?? {})
      .catch(() => ({}));
    return words;
  };

  const warm = () => void Promise.all([load(), alertIndex(), pageCount(), termStats()]).catch(() => undefined);

  // The searches of a plan: worked out once per keystroke's plan, for its preload and its search.
  const plans = new WeakMap<SearchPlan, PlannedSearches>();
  const searchesOf = (plan: SearchPlan, terms: Pick<TermStats, 'terms'>): PlannedSearches => {
    let planned = plans.get(plan);
    if (!planned) plans.set(plan, (planned = searchedForms(plan, terms)));
    return planned;
  };

  const preload = async (plan: SearchPlan, filters: Record<string, string> = {}): Promise<void> => {
    const [engine, terms] = await Promise.all([load(), termStats()]);
    const planned = searchesOf(plan, terms);
    const queries = new Set(planned.forms.map((form) => form.query));
    if (planned.together) queries.add(planned.together);
    await Promise.all([...queries].map((query) => engine.preload(query, { filters }).catch(() => undefined)));
  };

  /**
   * The words each mistyped term of a hand-typed query was meant to be, by term. A term is mistyped
   * when no page holds it (its search found nothing, or found its pages only through a shorter
   * word, as the best one's excerpt shows) and the site's words hold one a slip or two away. Only
   * for a short query: a pasted error is spelled as the program wrote it, and checking its words
   * would cost a page's data per word.
   */
  const spellingsFor = async (
    plan: SearchPlan,
    forms: PlannedForm[],
    perForm: PagefindResult[][],
    common: Set<number>,
    dataOf: (result: PagefindResult) => Promise<PagefindData | undefined>,
  ): Promise<Map<number, string[]>> => {
    if (plan.concepts.length > MAX_TYPED_TERMS || plan.notificationAlerts.length > 0) return new Map();
    const mistyped = await Promise.all(
      plan.concepts.map(async (concept, index) => {
        if (common.has(index) || !correctable(concept.term)) return false;
        const at = forms.findIndex((form) => form.concept === index && form.query === concept.term);
        if (at === -1) return false;
        const best = perForm[at][0];
        if (!best) return true;
        const data = await dataOf(best);
        return data !== undefined && !matchedAsTyped(data.excerpt, concept.term);
      }),
    );
    if (!mistyped.includes(true)) return new Map();
    const known = await spellingList();
    return new Map(
      plan.concepts.flatMap((concept, index): [number, string[]][] => {
        const words = mistyped[index] ? spellingsOf(concept.term, known) : [];
        return words.length > 0 ? [[index, words]] : [];
      }),
    );
  };

  /**
   * Runs every search of a plan at once (Pagefind has no OR: each form is a search), ranks the pages
   * by where and how rarely their words matched, puts the runbooks of alerts named in the query
   * first, and a deprecated page's replacement above it. Loads result data only for what is shown.
   */
  const search = async (plan: SearchPlan, filters: Record<string, string> = {}): Promise<Found> => {
    const [engine, alerts, pages, terms] = await Promise.all([load(), alertIndex(), pageCount(), termStats()]);
    // One search per distinct text, however many terms share it.
    const searchOnce = once((query: string) =>
      engine
        .search(query, { filters })
        .then((response) => response?.results ?? [])
        .catch(() => [] as PagefindResult[]),
    );
    const planned = searchesOf(plan, terms);
    // Copied: the second round adds to it, and the plan's searches are kept for the next call.
    const forms: PlannedForm[] = [...planned.forms];
    const common = new Set(forms.filter((form) => form.pages !== undefined).map((form) => form.concept));
    const [whole, ...perForm] = await Promise.all([
      planned.together ? searchOnce(planned.together) : Promise.resolve([] as PagefindResult[]),
      ...forms.map((form) => searchOnce(form.query)),
    ]);
    if (whole.length < MAX_RESULTS && planned.ifFew.length > 0) {
      forms.push(...planned.ifFew);
      perForm.push(...(await Promise.all(planned.ifFew.map((form) => searchOnce(form.query)))));
    }
    // A result whose data cannot be read (a fragment lost to a flaky connection) is left out, not the whole list.
    // Kept per result, not per page: a result's excerpt highlights the words of the search that found
    // it, and the spelling check reads those of a term's own search.
    const dataOf = once((result: PagefindResult) => result.data().catch(() => undefined));
    const found = (index: number) =>
      new Set(forms.flatMap((form, at) => (form.concept === index ? perForm[at].map((result) => result.id) : []))).size;
    const spellings = await spellingsFor(plan, forms, perForm, common, dataOf);
    // A mistyped term's own searches found pages through a shorter word (`de` for `degarded`), and
    // so did the common words searched with it: those searches are made again with the word it was
    // meant to be.
    for (const [index, [word]] of spellings) {
      const term = plan.concepts[index].term;
      forms.forEach((form, at) => {
        if (!form.query.split(' ').includes(term)) return;
        perForm[at] = [];
        if (form.concept !== index) forms.push({ ...form, query: form.query.replace(term, word) });
      });
      perForm.push(...(await Promise.all(forms.slice(perForm.length).map((form) => searchOnce(form.query)))));
    }
    // Second round, for terms the first found on few pages: their parts (`nf_conntrack` → `conntrack`),
    // the words a mistyped term was meant to be and, for a term nothing matched, its first letters.
    const second = secondRound(plan, found, common, terms, spellings);
    const secondResults = await Promise.all(second.map((form) => searchOnce(form.query)));
    forms.push(...second);
    perForm.push(...secondResults);
    const spelled = [...spellings].flatMap(([index, candidates]) => {
      const hits = candidates.filter((word) =>
        second.some((form, at) => form.concept === index && form.query === word && secondResults[at].length > 0),
      );
      return hits.length > 0 ? [{ term: plan.concepts[index].term, as: hits }] : [];
    });
    const results = new Map<string, PagefindResult>();
    for (const list of [whole, ...perForm]) for (const result of list) results.set(result.id, result);
    const ranked = rankResults(
      pages,
      forms.map((form, index): FormResults => ({ concept: form.concept, weight: form.weight, results: perForm[index], pages: form.pages })),
      whole,
    );
    /** The page at `url`, found by searching words it holds (its alert name, its title). */
    const findPage = async (url: string, hints: string[]): Promise<PagefindData | undefined> => {
      for (const hint of hints) {
        for (const result of (await searchOnce(hint)).slice(0, 5)) {
          const data = await dataOf(result);
          if (data && pathOf(data.url) === pathOf(url)) return data;
        }
      }
      return undefined;
    };

    // The data of every page that may be shown starts loading now, best first.
    const candidates = ranked.slice(0, MAX_RESULTS).map((entry) => dataOf(results.get(entry.id)!));
    const shown: Shown[] = [];
    const place = (item: Shown, at = shown.length) => {
      if (!shown.some((other) => pathOf(other.data.url) === pathOf(item.data.url))) shown.splice(at, 0, item);
    };
    const matches: AlertMatch[] = matchAlerts(plan.alertCandidates, alerts).slice(0, 3);
    const alertPages = await Promise.all(
      matches.map(async (match) => {
        const successor = match.entry.deprecated && match.entry.successor ? match.entry.successor : undefined;
        return {
          match,
          successor: successor && (await findPage(successor.url, [successor.title])),
          page: await findPage(match.entry.url, [match.alert, match.entry.title]),
        };
      }),
    );
    for (const { match, successor, page } of alertPages) {
      if (successor) place({ data: successor, alert: match.alert, replaces: match.entry.title });
      if (page) place({ data: page, alert: successor ? undefined : match.alert });
    }
    let next = 0;
    // Pages before `settled` stay where they are: no deprecated page among them sits above its replacement.
    let settled = 0;
    /** Shows candidates until `count` pages are shown, then puts each deprecated one below its replacement. */
    const fill = async (count: number): Promise<Shown[]> => {
      while (shown.length < count && next < candidates.length) {
        const data = await candidates[next++];
        if (data) place({ data });
      }
      for (let index = settled; index < shown.length; index += 1) {
        const { meta } = shown[index].data;
        if (!meta.deprecated || !meta.replacedBy) continue;
        const target = siteLink(base, meta.replacedBy);
        const at = shown.findIndex((item) => pathOf(item.data.url) === pathOf(target));
        if (at > index) {
          const [successor] = shown.splice(at, 1);
          shown.splice(index, 0, { ...successor, replaces: meta.title });
          index += 1;
        } else if (at === -1) {
          const successor = await findPage(target, [meta.replacedByTitle ?? '']);
          if (successor) {
            shown.splice(index, 0, { data: successor, replaces: meta.title });
            index += 1;
          }
        }
      }
      settled = shown.length;
      return shown.slice(0, MAX_RESULTS);
    };
    const first = await fill(FIRST_RESULTS);
    return { first, all: fill(MAX_RESULTS), total: Math.max(results.size, first.length), spelled };
  };

  return { engine: load, warm, alerts: alertIndex, preload, search };
}

/** `make`, called once per argument (a string, or an object by identity): later calls get the first call's result. */
function once<A, V>(make: (argument: A) => V): (argument: A) => V {
  const made = new Map<A, V>();
  return (argument) => {
    if (!made.has(argument)) made.set(argument, make(argument));
    return made.get(argument)!;
  };
}

/** A site URL from the index (no base path) as a link on the site served under `base`. */
export function siteLink(base: string, url: string): string {
  return `${base}${url.replace(/^\//, '')}`;
}

/** A URL's path without `#fragment`, for comparing result URLs with `alerts.json`. */
export function pathOf(url: string): string {
  return url.replace(/#.*$/, '');
}
