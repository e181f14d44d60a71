import type { PageFacts } from '../../facts.js';
import type { SiteContext } from '../../rule.js';

/** The page a deprecated page's `superseded-by` names, if it exists as a page file. */
export function successorOf(page: PageFacts, site: SiteContext): { written: string; target?: PageFacts } | undefined {
  const written = page.data?.['superseded-by'];
  if (written === undefined) return undefined;
  const target = site.byPath.get(written.replace(/^\.?\//, ''));
  return { written, target: target?.kind === 'page' ? target : undefined };
}
