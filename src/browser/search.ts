import {
  bestMatchingSymptom,
  normaliseSymptomQuery,
  rankRelaxedResults,
  relaxedQueries,
  significantWords,
  SYMPTOM_SEPARATOR,
} from '../lib/search/symptoms';

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
  filters: () => Promise<Record<string, Record<string, number>>>;
}

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
const MAX_RESULTS = 10;
let pagefind: Promise<Pagefind> | undefined;

/** Loads Pagefind from this site (never another host) once, with symptoms and alerts ranked first. */
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`)) as Pagefind;
    await module.options({ baseUrl: BASE, excerptLength: 24, ranking: { metaWeights: { symptoms: 10, alerts: 10, title: 6 } } });
    await module.init();
    return module;
  })();
  return pagefind;
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

  const run = async () => {
    const current = ++sequence;
    const started = performance.now();
    const raw = input.value;
    const query = normaliseSymptomQuery(raw);
    if (root.dataset.syncUrl !== undefined) {
      const url = new URL(window.location.href);
      if (raw.trim()) url.searchParams.set('q', raw);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    if (query === '') {
      list.replaceChildren();
      status.textContent = '';
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
    const exact = (await engine.search(query, { filters }))?.results ?? [];
    let results: (PagefindResult & { matched?: number })[] = exact;
    const notes: string[] = [];
    if (query !== raw.trim().replace(/\s+/g, ' '))
      notes.push(`Searched for “${query}”: ids, addresses, timestamps and quotes are left out.`);
    if (exact.length === 0) {
      const queries = relaxedQueries(query);
      const perQuery = await Promise.all(queries.map(async (q) => (await engine.search(q, { filters }))?.results ?? []));
      results = rankRelaxedResults(perQuery);
      if (results.length > 0) notes.push(`No page contains every word, so these match the most of: ${significantWords(query).join(', ')}.`);
    }
    const top = await Promise.all(results.slice(0, MAX_RESULTS).map((result) => result.data()));
    if (current !== sequence) return;
    list.replaceChildren(...top.map((data) => renderResult(data, raw)));
    // Which query the list answers and how long it took from the search starting to the list
    // being in the page, for anything that waits on it (the browser tests and the search benchmark).
    list.dataset.elapsed = String(Math.round(performance.now() - started));
    list.dataset.query = raw;
    const count =
      results.length === 0
        ? 'No pages found. Try fewer words, or the alert name.'
        : `${results.length} page${results.length === 1 ? '' : 's'} found${results.length > MAX_RESULTS ? `, showing the first ${MAX_RESULTS}` : ''}.`;
    // The count first, on its own line; how the query was read underneath, smaller.
    const summary = element('p', 'count', count);
    status.replaceChildren(summary, ...notes.map((note) => element('p', 'note', note)));
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 120);
  };
  input.addEventListener('input', schedule);
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
function renderResult(data: PagefindData, query: string): HTMLLIElement {
  const item = element('li', 'result');
  const title = element('a', 'title', data.meta.title ?? data.url);
  title.href = data.url;
  item.append(title);
  const symptoms = (data.meta.symptoms ?? '')
    .split(SYMPTOM_SEPARATOR.trim())
    .map((s) => s.trim())
    .filter(Boolean);
  const symptom = bestMatchingSymptom(symptoms, query);
  if (symptom) item.append(element('div', 'symptom', symptom));
  const meta = element('div', 'meta');
  meta.append(element('span', 'badge type', data.meta.type ?? 'Page'));
  if (data.meta.freshness)
    meta.append(element('span', `badge ${data.meta.freshness}`, `${data.meta.freshnessLabel ?? ''} ${data.meta.reviewed ?? ''}`.trim()));
  if (data.meta.owner) meta.append(element('span', 'owner', `Owner: ${data.meta.owner}`));
  if (data.meta.alerts) meta.append(element('span', 'alerts', `Alerts: ${data.meta.alerts}`));
  if (data.meta.deprecated) meta.append(element('span', 'badge stale', 'Deprecated'));
  item.append(meta);
  const excerpt = element('p', 'excerpt');
  excerpt.append(...safeExcerpt(data.excerpt));
  item.append(excerpt);
  return item;
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
