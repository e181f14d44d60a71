import { indexAlerts, matchAlerts, type AlertEntry, type AlertIndex, type AlertMatch } from '../lib/search/alert-match';
import { planSearch, searchedForms, type PlannedForm, type SearchPlan } from '../lib/search/plan';
import { rankResults, type FormResults } from '../lib/search/rank';
import { bestMatchingSymptom, significantWords, SYMPTOM_SEPARATOR } from '../lib/search/symptoms';
import type { TermStats } from '../lib/search/term-stats';
import { synonymGroups } from '../lib/search/vocabulary';
import { codeParts } from '../lib/shared/inline-code';

interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<PagefindData>;
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (query: string | null, options?: { filters?: Record<string, string> }) => Promise<{ results: PagefindResult[] } | null>;
  preload: (query: string) => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
const MAX_RESULTS = 10;
/** How much more a runbook's score counts than a guide's, among the results shown. */
const RUNBOOK_PRIOR = 1.15;
/** How much more a page counts whose title (or goal) holds every term of a short query. */
const NAMED_PRIOR = 1.5;
/** A term found on fewer pages than this is searched again in its parts, or by its first letters. */
const FEW_PAGES = 3;
let pagefind: Promise<Pagefind> | undefined;
let alertIndex: Promise<AlertIndex> | undefined;
let pageCount: Promise<number> | undefined;
let termStats: Promise<Pick<TermStats, 'terms'>> | undefined;

/** Loads Pagefind from this site (never another host) once, with symptoms and alerts ranked first. */
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`)) as Pagefind;
    await module.options({
      baseUrl: BASE,
      excerptLength: 24,
      ranking: { metaWeights: { symptoms: 10, alerts: 10, path: 10, title: 6, description: 5 } },
    });
    await module.init();
    return module;
  })();
  return pagefind;
}

/** The site's `alerts.json` by lower-case name: an alert name in the query opens its runbook first. Empty where there is none (dev). */
function loadAlerts(): Promise<AlertIndex> {
  alertIndex ??= fetch(`${BASE}alerts.json`)
    .then((response) => (response.ok ? (response.json() as Promise<Record<string, AlertEntry>>) : {}))
    .catch(() => ({}))
    .then(indexAlerts);
  return alertIndex;
}

/** How many pages the index holds, for how rare each term is. */
function loadPageCount(): Promise<number> {
  pageCount ??= fetch(`${BASE}pagefind/pagefind-entry.json`)
    .then((response) => response.json() as Promise<{ languages: Record<string, { page_count: number }> }>)
    .then((entry) => Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0))
    .catch(() => 1000);
  return pageCount;
}

/** The site's common words and how many pages hold them (`search-terms.json`); none where it is missing. */
function loadTermStats(): Promise<Pick<TermStats, 'terms'>> {
  termStats ??= fetch(`${BASE}search-terms.json`)
    .then((response) => (response.ok ? (response.json() as Promise<TermStats>) : { terms: {} }))
    .catch(() => ({ terms: {} }));
  return termStats;
}

/** A result to show: its data, and why it sits where it does when that is not the words alone. */
interface Shown {
  data: PagefindData;
  /** The alert of the query this page answers. */
  alert?: string;
  /** Title of the deprecated page this one replaces, when that is why it is here. */
  replaces?: string;
}

const FILTER_LABELS: Record<string, string> = { type: 'Type', service: 'Service', owner: 'Owner', freshness: 'Freshness' };

/** Wires one search widget: input, filters, status line and result list. */
export function mountSearch(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const list = root.querySelector<HTMLOListElement>('[data-results]')!;
  const filterBox = root.querySelector<HTMLElement>('[data-filters]');
  const selects = new Map<string, HTMLSelectElement>();
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const groups = synonymGroups(readSynonyms(root));

  const run = async () => {
    const current = ++sequence;
    const started = performance.now();
    const raw = input.value;
    if (root.dataset.syncUrl !== undefined) {
      const url = new URL(window.location.href);
      if (raw.trim()) url.searchParams.set('q', raw);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    const plan = planSearch(raw, groups);
    if (plan.concepts.length === 0 && plan.alertCandidates.length === 0) {
      list.replaceChildren();
      status.textContent =
        raw.trim() === '' ? '' : 'Nothing left to search for: ids, addresses and timestamps are left out. Add a word of the error.';
      list.dataset.query = raw;
      return;
    }
    status.textContent = 'Searching…';
    let engine: Pagefind;
    try {
      engine = await loadPagefind();
    } catch {
      status.textContent = 'Search is not available: the search index is missing. Run `npm run build` (or restart `npm run dev`).';
      return;
    }
    const filters = Object.fromEntries(
      [...selects].filter(([, select]) => select.value !== '').map(([name, select]) => [name, select.value]),
    );
    const [shown, total] = await searchAndRank(engine, plan, filters);
    if (current !== sequence) return;
    list.replaceChildren(...shown.map((item) => renderResult(item, raw)));
    // Which query the list answers and how long it took from the search starting to the list
    // being in the page, for anything that waits on it (the browser tests and the search benchmark).
    list.dataset.elapsed = String(Math.round(performance.now() - started));
    list.dataset.query = raw;
    const notes: string[] = [];
    if (plan.text !== raw.trim().replace(/\s+/g, ' ') && plan.text !== '')
      notes.push(`Searched for “${plan.text}”: ids, addresses, timestamps, quotes and label values are left out.`);
    const count =
      total === 0
        ? 'No pages found. Try fewer words, or the alert name.'
        : `${total} page${total === 1 ? '' : 's'} found${total > MAX_RESULTS ? `, showing the best ${MAX_RESULTS}` : ''}.`;
    // The count first, on its own line; how the query was read underneath, smaller.
    status.replaceChildren(element('p', 'count', count), ...notes.map((note) => element('p', 'note', note)));
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 120);
  };
  input.addEventListener('input', () => {
    // Typed into: from now on `/` is a character here (paths such as `/var/log` start with it).
    input.dataset.touched = '';
    schedule();
  });
  // The index, the alert list and the page count load while the engineer is still typing.
  const warm = () => void Promise.all([loadPagefind(), loadAlerts(), loadPageCount(), loadTermStats()]).catch(() => undefined);
  input.addEventListener('focus', warm, { once: true });
  if (document.activeElement === input) warm();
  root.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    // Enter on a query whose results are showing opens the first one; otherwise it searches now.
    const first = list.querySelector<HTMLAnchorElement>('.result .title');
    if (first && list.dataset.query === input.value) window.location.assign(first.href);
    else void run();
  });
  // Arrow keys move between the box and the result titles.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const titles = [...list.querySelectorAll<HTMLAnchorElement>('.result .title')];
    const at = titles.indexOf(document.activeElement as HTMLAnchorElement);
    if (document.activeElement !== input && at === -1) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else titles[Math.min(next, titles.length - 1)]?.focus();
  });

  // Filters start open where there is room for them, folded away on a phone.
  const filterDetails = root.querySelector<HTMLDetailsElement>('[data-filter-box]');
  if (filterDetails) filterDetails.open = window.matchMedia('(min-width: 48rem)').matches;

  if (filterBox) {
    void loadPagefind()
      .then((engine) => engine.filters())
      .then((available) => {
        for (const name of ['type', 'service', 'owner', 'freshness']) {
          const values = available[name];
          if (!values || Object.keys(values).length === 0) continue;
          const label = document.createElement('label');
          label.textContent = `${FILTER_LABELS[name]} `;
          const select = document.createElement('select');
          select.name = name;
          select.append(new Option('Any', ''));
          for (const value of Object.keys(values).sort()) select.append(new Option(`${value} (${values[value]})`, value));
          select.addEventListener('change', () => void run());
          label.append(select);
          filterBox.append(label);
          selects.set(name, select);
        }
      })
      .catch(() => undefined);
  }

  const initial = new URLSearchParams(window.location.search).get('q') ?? root.dataset.initialQuery ?? '';
  if (initial) {
    input.value = initial;
    void run();
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One result; every value from the index is set as text, so markup in a title stays text. */
function renderResult(item: Shown, query: string): HTMLLIElement {
  const { data } = item;
  const node = element('li', 'result');
  const title = element('a', 'title', data.meta.title ?? data.url);
  title.href = data.url;
  node.append(title);
  if (item.alert) node.append(element('div', 'why', `Runbook for the alert ${item.alert}`));
  if (data.meta.path) node.append(element('div', 'why', data.meta.path));
  if (item.replaces) node.append(element('div', 'why', `Replaces the deprecated page “${item.replaces}”`));
  if (data.meta.deprecated) {
    const note = element('div', 'why deprecated', 'Deprecated');
    if (data.meta.replacedBy) {
      const successor = element('a', undefined, data.meta.replacedByTitle ?? data.meta.replacedBy);
      successor.href = withBase(data.meta.replacedBy);
      note.append(': use ', successor, ' instead');
    }
    node.append(note);
  }
  if (data.meta.description) node.append(element('p', 'description', data.meta.description));
  const symptoms = (data.meta.symptoms ?? '')
    .split(SYMPTOM_SEPARATOR.trim())
    .map((s) => s.trim())
    .filter(Boolean);
  const symptom = bestMatchingSymptom(symptoms, query);
  if (symptom) node.append(withCode(element('div', 'symptom'), symptom));
  const meta = element('div', 'meta');
  meta.append(element('span', 'badge type', data.meta.type ?? 'Page'));
  if (data.meta.freshness)
    meta.append(element('span', `badge ${data.meta.freshness}`, `${data.meta.freshnessLabel ?? ''} ${data.meta.reviewed ?? ''}`.trim()));
  if (data.meta.owner) meta.append(element('span', 'owner', `Owner: ${data.meta.owner}`));
  if (data.meta.alerts) meta.append(element('span', 'alerts', `Alerts: ${data.meta.alerts}`));
  node.append(meta);
  // The excerpt shows where the words matched in the text; when that is the symptom shown above, it says nothing new.
  if (!repeats(data.excerpt, [symptom, data.meta.description])) {
    const excerpt = element('p', 'excerpt');
    excerpt.append(...safeExcerpt(data.excerpt));
    node.append(excerpt);
  }
  return node;
}

/** Fills an element with text whose `backticked` parts are code, as the page's symptom panel shows them. */
function withCode(target: HTMLElement, text: string): HTMLElement {
  for (const part of codeParts(text)) target.append(part.code ? element('code', undefined, part.text) : part.text);
  return target;
}

/** True when most words of an excerpt are in one of the texts already shown. */
function repeats(excerptHtml: string, shown: (string | undefined)[]): boolean {
  const words = significantWords(new DOMParser().parseFromString(excerptHtml, 'text/html').body.textContent ?? '', 60);
  if (words.length === 0) return true;
  return shown.some((text) => {
    if (!text) return false;
    const haystack = text.toLowerCase();
    return words.filter((word) => haystack.includes(word)).length / words.length >= 0.6;
  });
}

/** A site URL from the index (no base path) as a link on this site. */
function withBase(url: string): string {
  return `${BASE}${url.replace(/^\//, '')}`;
}

/** A URL's path without `#fragment`, for comparing result URLs with `alerts.json`. */
function pathOf(url: string): string {
  return url.replace(/#.*$/, '');
}

/** The synonyms a team added in `kb.config.ts` (`search.synonyms`), from the widget's markup. */
function readSynonyms(root: HTMLElement): Record<string, string[]> {
  try {
    return root.dataset.synonyms ? (JSON.parse(root.dataset.synonyms) as Record<string, string[]>) : {};
  } catch {
    return {};
  }
}

/**
 * Runs every search of a plan at once (Pagefind has no OR: each form is a search), ranks the pages
 * by where and how rarely their words matched, puts the runbooks of alerts named in the query
 * first, and a deprecated page's replacement above it. Loads result data only for what is shown.
 */
async function searchAndRank(engine: Pagefind, plan: SearchPlan, filters: Record<string, string>): Promise<[Shown[], number]> {
  const [alerts, pages, terms] = await Promise.all([loadAlerts(), loadPageCount(), loadTermStats()]);
  // One search per distinct text, however many terms share it.
  const searches = new Map<string, Promise<PagefindResult[]>>();
  const search = (query: string) => {
    let found = searches.get(query);
    if (!found) {
      found = engine
        .search(query, { filters })
        .then((response) => response?.results ?? [])
        .catch(() => [] as PagefindResult[]);
      searches.set(query, found);
    }
    return found;
  };
  const all = plan.concepts.flatMap((concept, index) => concept.forms.map((form) => ({ concept: index, ...form })));
  const planned = searchedForms(all, terms, plan.text);
  const forms: PlannedForm[] = planned.forms;
  const common = new Set(forms.filter((form) => form.pages !== undefined).map((form) => form.concept));
  const [whole, ...perForm] = await Promise.all([
    plan.concepts.length > 1 ? search(plan.text) : Promise.resolve([] as PagefindResult[]),
    ...forms.map((form) => search(form.query)),
  ]);
  if (whole.length < MAX_RESULTS && planned.ifFew.length > 0) {
    forms.push(...planned.ifFew);
    perForm.push(...(await Promise.all(planned.ifFew.map((form) => search(form.query)))));
  }
  // Second round, for terms the first found on few pages: their parts (`nf_conntrack` → `conntrack`)
  // and, for a term nothing matched, its first letters (`leadr` → `lead`, which Pagefind matches
  // as the start of `leader`): a mistyped word.
  const found = (index: number) =>
    new Set(forms.flatMap((form, at) => (form.concept === index ? perForm[at].map((result) => result.id) : []))).size;
  const second: typeof forms = [];
  plan.concepts.forEach((concept, index) => {
    const count = found(index);
    // A common word was searched with a rarer one: it is on many pages, only not with that word.
    if (count >= FEW_PAGES || common.has(index)) return;
    second.push(...all.filter((form) => form.concept === index && form.fallback));
    if (count === 0 && concept.term.length >= 5 && !concept.term.includes(' '))
      second.push({ concept: index, query: concept.term.slice(0, Math.max(4, concept.term.length - 2)), weight: 0.5 });
  });
  forms.push(...second);
  perForm.push(...(await Promise.all(second.map((form) => search(form.query)))));
  const results = new Map<string, PagefindResult>();
  for (const found of [whole, ...perForm]) for (const result of found) results.set(result.id, result);
  const ranked = rankResults(
    pages,
    forms.map((form, index): FormResults => ({ concept: form.concept, weight: form.weight, results: perForm[index], pages: form.pages })),
    whole,
  );
  const loaded = new Map<string, Promise<PagefindData>>();
  const dataOf = (result: PagefindResult) => loaded.get(result.id) ?? loaded.set(result.id, result.data()).get(result.id)!;
  /** The page at `url`, found by searching words it holds (its alert name, its title). */
  const findPage = async (url: string, hints: string[]): Promise<PagefindData | undefined> => {
    for (const hint of hints) {
      for (const result of (await search(hint)).slice(0, 5)) {
        const data = await dataOf(result);
        if (pathOf(data.url) === pathOf(url)) return data;
      }
    }
    return undefined;
  };

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
  const candidates = ranked.slice(0, MAX_RESULTS + 2);
  const top = await Promise.all(candidates.map((entry) => dataOf(results.get(entry.id)!)));
  // The box asks what the reader is seeing: among close scores, a runbook (or a path through
  // runbooks, for a goal such as "onboarding") answers it before a narrative guide.
  // A title (or a path's goal) that holds every term of a short query is what it asks for by name.
  const named = (data: PagefindData) => {
    if (plan.concepts.length === 0 || plan.concepts.length > 4) return false;
    const words = new Set(`${data.meta.title ?? ''} ${data.meta.path ?? ''}`.toLowerCase().split(/[^\p{L}\p{N}_-]+/u));
    return plan.concepts.every((concept) => concept.forms.some((form) => form.query.split(' ').every((word) => words.has(word))));
  };
  const order = top
    .map((data, index) => ({
      data,
      score:
        candidates[index].score * (data.meta.type === 'Runbook' || data.meta.path ? RUNBOOK_PRIOR : 1) * (named(data) ? NAMED_PRIOR : 1),
    }))
    .sort((a, b) => b.score - a.score);
  for (const { data } of order) place({ data });
  // A deprecated page never sits above the page that replaces it.
  for (let index = 0; index < shown.length; index += 1) {
    const { meta } = shown[index].data;
    if (!meta.deprecated || !meta.replacedBy) continue;
    const target = withBase(meta.replacedBy);
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
  return [shown.slice(0, MAX_RESULTS), Math.max(results.size, shown.length)];
}

/** The excerpt as text nodes plus `<mark>` highlights, and nothing else. */
function safeExcerpt(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const nodes: Node[] = [];
  for (const child of doc.body.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) nodes.push(document.createTextNode(child.textContent ?? ''));
    else if (child.nodeName === 'MARK') nodes.push(element('mark', undefined, child.textContent ?? ''));
    else nodes.push(document.createTextNode(child.textContent ?? ''));
  }
  return nodes;
}
