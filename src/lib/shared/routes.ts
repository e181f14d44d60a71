import { nameSlug } from './slugs.js';

/** The listings the site generates per owner, service and tag: `/<kind>/<slug>/`. */
export const GROUP_KINDS = ['services', 'owners', 'tags'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/**
 * Every page the site generates besides content pages, one table that `src/pages/` and the
 * checker both read: a link to `/tags/dns/` is valid exactly when the site builds that page.
 */
export const FIXED_ROUTES = ['/', '/pages/', '/health/', '/search/', '/services/', '/owners/', '/tags/', '/alerts/'] as const;

/** Files the build writes next to the pages. */
export const GENERATED_FILES = ['/health.json', '/alerts.json'] as const;

/** Site URL of a group listing page. */
export function groupUrl(kind: GroupKind, name: string): string {
  return `/${kind}/${nameSlug(name)}/`;
}

/** Site URL of an alert's redirect page: the alert name exactly, as alerting rules link to it. */
export function alertUrl(alert: string): string {
  return `/alerts/${alert}/`;
}

/** What a published page contributes to the generated routes. */
export interface RoutedPage {
  services: string[];
  owner?: string;
  tags: string[];
  alerts: string[];
}

/** Every generated URL (without the base path) for a set of published pages. */
export function generatedUrls(pages: RoutedPage[]): Set<string> {
  const urls = new Set<string>([...FIXED_ROUTES, ...GENERATED_FILES]);
  for (const page of pages) {
    for (const service of page.services) urls.add(groupUrl('services', service));
    if (page.owner) urls.add(groupUrl('owners', page.owner));
    for (const tag of page.tags) urls.add(groupUrl('tags', tag));
    for (const alert of page.alerts) urls.add(alertUrl(alert));
  }
  return urls;
}
