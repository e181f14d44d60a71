import type { PageHealth } from '../health/engine.js';
import { freshnessSummary } from '../health/freshness.js';
import { SYMPTOM_SEPARATOR } from './symptoms.js';

/** What search results show about a page, and what they can be filtered by: one definition for the built site and the dev index. */
export function searchFields(
  page: PageHealth,
  successor?: Pick<PageHealth, 'url' | 'title'>,
): { meta: Record<string, string>; filters: Record<string, string[]> } {
  const { label } = freshnessSummary(page.freshness);
  const meta: Record<string, string> = {
    title: page.title,
    owner: page.owner ?? '',
    freshness: page.freshness.state,
    freshnessLabel: label,
    reviewed: page.freshness.lastReviewed ?? '',
    type: page.collection === 'runbooks' ? 'Runbook' : 'Guide',
  };
  if (page.symptoms.length > 0) meta.symptoms = page.symptoms.join(SYMPTOM_SEPARATOR);
  if (page.alerts.length > 0) meta.alerts = page.alerts.join(', ');
  if (page.description) meta.description = page.description;
  if (page.path)
    meta.path = `A path of ${page.path.steps.length} page${page.path.steps.length === 1 ? '' : 's'}${page.path.goal ? `: ${page.path.goal}` : ''}`;
  if (page.status === 'deprecated') {
    meta.deprecated = 'true';
    // Without the base path, like the URLs in the index: the search script adds it as Pagefind does for results.
    if (successor) Object.assign(meta, { replacedBy: successor.url, replacedByTitle: successor.title });
  }
  const filters: Record<string, string[]> = {
    type: [meta.type],
    freshness: [label],
  };
  if (page.services.length > 0) filters.service = page.services;
  if (page.owner) filters.owner = [page.owner];
  return { meta, filters };
}

/** The search filters, in the order the search box offers them, with their labels. */
export const FILTERS: readonly { name: string; label: string }[] = [
  { name: 'type', label: 'Type' },
  { name: 'service', label: 'Service' },
  { name: 'owner', label: 'Owner' },
  { name: 'freshness', label: 'Freshness' },
];

/**
 * Every value of each filter and how many of `pages` have it, as Pagefind counts the index built
 * from the same fields: the search box's choices, written into the page at build time so that
 * opening it fetches none of Pagefind's filter data. Values in code-point order; a filter no page
 * has is left out.
 */
export function filterChoices(pages: PageHealth[]): { name: string; label: string; values: [string, number][] }[] {
  const counts = new Map<string, Map<string, number>>();
  for (const page of pages) {
    for (const [name, values] of Object.entries(searchFields(page).filters)) {
      const byValue = counts.get(name) ?? new Map<string, number>();
      counts.set(name, byValue);
      for (const value of new Set(values)) byValue.set(value, (byValue.get(value) ?? 0) + 1);
    }
  }
  return FILTERS.flatMap(({ name, label }) => {
    const byValue = counts.get(name);
    if (!byValue || byValue.size === 0) return [];
    const values = [...byValue].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return [{ name, label, values }];
  });
}
