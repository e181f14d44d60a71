import type { PageFacts } from '../../facts.js';
import type { SiteContext } from '../../rule.js';

/** Pages whose review dates are judged: published ones, limited to the changed files under `--changed-since`. */
export function reviewedPages(site: SiteContext): PageFacts[] {
  return site.published.filter((page) => !site.changedFiles || site.changedFiles.has(page.file));
}

/** The line of the `last-reviewed` key, where review findings point. */
export function reviewLine(page: PageFacts): number {
  return page.keyLines['last-reviewed'] ?? 1;
}
