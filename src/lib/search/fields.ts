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
