import type { PageFacts } from '../../facts.js';
import type { Freshness } from '../../freshness.js';
import type { RuleHit, SiteContext, SiteHit } from '../../rule.js';

/**
 * A review finding for each judged page that `describe` has something to say about, at the line
 * of its `last-reviewed` key.
 */
export function reviewHits(
  site: SiteContext,
  describe: (page: PageFacts, fresh: Freshness) => Omit<RuleHit, 'line'> | undefined,
): SiteHit[] {
  const hits: SiteHit[] = [];
  for (const page of reviewedPages(site)) {
    const hit = describe(page, site.freshness(page));
    if (hit) hits.push({ ...hit, file: page.file, line: reviewLine(page) });
  }
  return hits;
}

/** Pages whose review dates are judged: published ones, limited to the changed files under `--changed-since`. */
export function reviewedPages(site: SiteContext): PageFacts[] {
  return site.published.filter((page) => !site.changedFiles || site.changedFiles.has(page.file));
}

/** The line of the `last-reviewed` key, where review findings point. */
export function reviewLine(page: PageFacts): number {
  return page.keyLines['last-reviewed'] ?? 1;
}
