import { getCollection, type CollectionEntry } from 'astro:content';
import health from 'virtual:runbook-kb/health';
import type { HealthReport, PageHealth } from '../lib/health/engine';
import { withBase } from '../lib/shared/paths';
import { kb } from './kb';
import { editUrlFor, publicUrlFor } from '../lib/shared/config';
import { nameSlug } from '../lib/shared/slugs';

export type Entry = CollectionEntry<'runbooks'> | CollectionEntry<'guides'>;

/** The health report the build computed once (while the content was loaded). */
export const report: HealthReport = health;

/** Published pages (no drafts), as health records. */
export const publishedPages: PageHealth[] = report.pages.filter((page) => page.published);

const byFile = new Map(report.pages.map((page) => [page.file, page]));
const byContentPath = new Map(publishedPages.map((page) => [page.contentPath, page]));
// Each service's current pages by title, sorted once for the whole site.
const byService = new Map<string, PageHealth[]>();
for (const page of [...publishedPages].sort(byTitle)) {
  if (page.status === 'deprecated') continue;
  for (const service of new Set(page.services)) {
    const pages = byService.get(service);
    if (pages) pages.push(page);
    else byService.set(service, [page]);
  }
}

function byTitle(a: PageHealth, b: PageHealth): number {
  return a.title.localeCompare(b.title);
}

/** The published page at a content path (`runbooks/dns/old.md`), if any. */
export function publishedPage(contentPath: string): PageHealth | undefined {
  return byContentPath.get(contentPath);
}

/**
 * Up to `limit` other current pages sharing a service with `page`, by title. Looked up per
 * service, not by scanning every page: each page of the site asks this once.
 */
export function relatedPages(page: PageHealth, limit: number): PageHealth[] {
  const related = new Set<PageHealth>();
  for (const service of new Set(page.services)) {
    let taken = 0;
    for (const other of byService.get(service) ?? []) {
      if (taken === limit) break;
      if (other.file === page.file) continue;
      related.add(other);
      taken += 1;
    }
  }
  return [...related].sort(byTitle).slice(0, limit);
}

/** Every published content entry with its health record. */
export async function publishedEntries(): Promise<{ entry: Entry; page: PageHealth }[]> {
  const entries: Entry[] = [...(await getCollection('runbooks')), ...(await getCollection('guides'))];
  return entries
    .map((entry) => ({ entry, page: byFile.get(normalise(entry.filePath ?? '')) }))
    .filter((item): item is { entry: Entry; page: PageHealth } => item.page !== undefined && item.page.published);
}

function normalise(path: string): string {
  return path.replace(/^\.\//, '').split('\\').join('/');
}

/** A site URL with the base path. */
export function href(url: string): string {
  return withBase(url, kb.base);
}

/** "Edit this page" target, or undefined when no pattern is configured. */
export function editUrl(page: { file: string }): string | undefined {
  return editUrlFor(kb, page.file);
}

/** "Report a problem with this page" target, prefilled with the page's title, path and URL. */
export function issueUrl(page: { file: string; title: string; url: string }): string | undefined {
  if (!kb.issueUrl) return undefined;
  const absolute = publicUrlFor(kb, page.url) ?? href(page.url);
  return kb.issueUrl
    .replace('{title}', encodeURIComponent(page.title))
    .replace('{path}', encodeURIComponent(page.file))
    .replace('{url}', encodeURIComponent(absolute));
}

/** Sorted unique values with their page counts. */
export function countBy(pages: PageHealth[], keys: (page: PageHealth) => string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const page of pages) for (const key of keys(page)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => a.key.localeCompare(b.key));
}

/** The listing pages of one kind: each slug with the names written for it and their pages. */
export function groupListings(kind: keyof typeof GROUPINGS): { slug: string; names: string[]; pages: PageHealth[] }[] {
  const listings = new Map<string, { slug: string; names: string[]; pages: PageHealth[] }>();
  for (const page of publishedPages) {
    for (const name of GROUPINGS[kind](page)) {
      const slug = nameSlug(name);
      const listing = listings.get(slug) ?? { slug, names: [], pages: [] };
      if (!listing.names.includes(name)) listing.names.push(name);
      if (!listing.pages.includes(page)) listing.pages.push(page);
      listings.set(slug, listing);
    }
  }
  return [...listings.values()].sort((a, b) => a.slug.localeCompare(b.slug));
}

/** How pages group for the generated index pages. */
export const GROUPINGS = {
  services: (page: PageHealth) => page.services,
  owners: (page: PageHealth) => (page.owner ? [page.owner] : []),
  tags: (page: PageHealth) => page.tags,
} as const;
