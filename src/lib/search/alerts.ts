import type { HealthReport, PageHealth } from '../health/engine.js';
import { own } from '../shared/own.js';
import { withBase } from '../shared/paths.js';

/** One alert name and the page that answers it. */
export interface AlertRoute {
  alert: string;
  url: string;
  title: string;
  file: string;
  owner?: string;
  /** The page is deprecated: search puts `successor`, the page replacing it, first. */
  deprecated?: true;
  successor?: { url: string; title: string };
}

/** Alert name → the published page listing it, for `/alerts/<name>/` and `alerts.json`. */
export function alertRoutes(pages: PageHealth[], base: string): AlertRoute[] {
  const routes = new Map<string, AlertRoute>();
  const byPath = new Map(pages.filter((page) => page.published).map((page) => [page.contentPath, page]));
  for (const page of pages) {
    if (!page.published) continue;
    const successor = page.status === 'deprecated' && page.supersededBy ? byPath.get(page.supersededBy) : undefined;
    for (const alert of page.alerts) {
      const anchor = own(page.alertAnchors, alert);
      if (!routes.has(alert))
        routes.set(alert, {
          alert,
          url: `${withBase(page.url, base)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`,
          title: page.title,
          file: page.file,
          owner: page.owner,
          ...(page.status === 'deprecated' ? { deprecated: true as const } : {}),
          ...(successor ? { successor: { url: withBase(successor.url, base), title: successor.title } } : {}),
        });
    }
  }
  return [...routes.values()].sort((a, b) => a.alert.localeCompare(b.alert));
}

/** The mapping written to `dist/alerts.json`: `{ "DiskSpaceLow": { "url": "/runbooks/storage/disk-full/", … } }`. */
export function alertMap(report: HealthReport, base: string): Record<string, Omit<AlertRoute, 'alert'>> {
  return Object.fromEntries(alertRoutes(report.pages, base).map(({ alert, ...route }) => [alert, route]));
}

/**
 * The mapping written to `dist/search-alerts.json` (see `SEARCH_ALERTS_FILE`): `alerts.json`'s,
 * without what only other tools read (JSON leaves out the fields a route does not have).
 */
export function searchAlertMap(
  alerts: ReturnType<typeof alertMap>,
): Record<string, Pick<AlertRoute, 'url' | 'title' | 'deprecated' | 'successor'>> {
  return Object.fromEntries(
    Object.entries(alerts).map(([alert, { url, title, deprecated, successor }]) => [alert, { url, title, deprecated, successor }]),
  );
}
