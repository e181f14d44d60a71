import { MAX_RESULTS, siteLink, siteSearch, type Found, type Shown } from '../lib/search/engine';
import { planSearch, type SearchPlan } from '../lib/search/plan';
import { bestMatchingSymptom, significantWords, SYMPTOM_SEPARATOR } from '../lib/search/symptoms';
import { synonymGroups } from '../lib/search/vocabulary';
import { codeParts } from '../lib/shared/inline-code';

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
// The build says whether the index is small enough to search in the page (`data-search-in-page`, see MAIN_THREAD_PAGES).
const site = siteSearch(BASE, () => document.querySelector('[data-search][data-search-in-page]') !== null);

/** The alert names of this page's search (one fetch of `search-alerts.json` for the search box and the 404 page). */
export const siteAlerts = site.alerts;

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
  // The plan of the text in the box: made on each keystroke (to preload what it will search) and reused by the search.
  let planned: { raw: string; plan: SearchPlan } | undefined;
  const planOf = (raw: string): SearchPlan => {
    if (planned?.raw !== raw) planned = { raw, plan: planSearch(raw, groups) };
    return planned.plan;
  };
  const currentFilters = () =>
    Object.fromEntries([...selects].filter(([, select]) => select.value !== '').map(([name, select]) => [name, select.value]));

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
    const plan = planOf(raw);
    if (plan.concepts.length === 0 && plan.alertCandidates.length === 0) {
      list.replaceChildren();
      status.textContent =
        raw.trim() === '' ? '' : 'Nothing left to search for: ids, addresses and timestamps are left out. Add a word of the error.';
      list.dataset.query = raw;
      return;
    }
    status.textContent = 'Searching…';
    try {
      await site.engine();
    } catch {
      status.textContent = 'Search is not available: the search index is missing. Run `npm run build` (or restart `npm run dev`).';
      return;
    }
    let found: Found;
    try {
      found = await site.search(plan, currentFilters());
    } catch {
      if (current === sequence) status.textContent = 'Search failed: the search index could not be read. Reload the page and try again.';
      return;
    }
    if (current !== sequence) return;
    // The best results go in as soon as their data is in; the rest of the list follows below them.
    list.replaceChildren(...found.first.map((item) => renderResult(item, raw)));
    list.dataset.firstElapsed = String(Math.round(performance.now() - started));
    const notes: string[] = [];
    if (plan.text !== raw.trim().replace(/\s+/g, ' ') && plan.text !== '')
      notes.push(`Searched for “${plan.text}”: ids, addresses, timestamps, quotes and label values are left out.`);
    for (const { term, as } of found.spelled)
      notes.push(`No page has “${term}”; also searched for ${as.map((word) => `“${word}”`).join(' and ')}.`);
    const showCount = (total: number) => {
      const count =
        total === 0
          ? 'No pages found. Try fewer words, or the alert name.'
          : `${total} page${total === 1 ? '' : 's'} found${total > MAX_RESULTS ? `, showing the best ${MAX_RESULTS}` : ''}.`;
      // The count first, on its own line; how the query was read underneath, smaller.
      status.replaceChildren(element('p', 'count', count), ...notes.map((note) => element('p', 'note', note)));
    };
    showCount(found.total);
    const shown = await found.all.catch(() => found.first);
    if (current !== sequence) return;
    list.append(...shown.slice(found.first.length).map((item) => renderResult(item, raw)));
    // Which query the list answers and how long it took from the search starting to the whole list
    // being in the page, for anything that waits on it (the browser tests and the search benchmark).
    list.dataset.elapsed = String(Math.round(performance.now() - started));
    list.dataset.query = raw;
    showCount(Math.max(found.total, shown.length));
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 120);
  };
  input.addEventListener('input', () => {
    // Typed into: from now on `/` is a character here (paths such as `/var/log` start with it).
    input.dataset.touched = '';
    schedule();
    // While the debounce waits, the index chunks of the words typed so far load.
    const plan = planOf(input.value);
    if (plan.concepts.length > 0) void site.preload(plan, currentFilters()).catch(() => undefined);
  });
  // The index, the alert list and the page count load while the engineer is still typing.
  input.addEventListener('focus', site.warm, { once: true });
  if (document.activeElement === input) site.warm();
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

  // The filters' choices are in the page (written at build time); choosing one searches again.
  for (const select of filterBox?.querySelectorAll('select') ?? []) {
    selects.set(select.name, select);
    select.addEventListener('change', () => void run());
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
      successor.href = siteLink(BASE, data.meta.replacedBy);
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

/** The synonyms a team added in `kb.config.ts` (`search.synonyms`), from the widget's markup. */
function readSynonyms(root: HTMLElement): Record<string, string[]> {
  try {
    return root.dataset.synonyms ? (JSON.parse(root.dataset.synonyms) as Record<string, string[]>) : {};
  } catch {
    return {};
  }
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
