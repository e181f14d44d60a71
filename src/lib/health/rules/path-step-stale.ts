import { isPublished } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide, runbook } from './support/examples.js';

/**
 * A path is only as true as its steps: when some are overdue for review, the path says so (its
 * own review date is its own). One finding per path, at its `steps` key, listing them.
 */
export default siteRule({
  id: 'path-step-stale',
  severity: 'warning',
  summary: 'Steps of a guided path are overdue for review; the path page shows how many',
  section: 'review',
  hackDay: { priority: 3, action: 'Have the steps reviewed of' },
  examples: {
    ok: {
      files: { 'guides/path.md': guide('Path', 'Go.\n', { steps: ['../runbooks/dns/a.md'] }), 'runbooks/dns/a.md': runbook('A') },
    },
    notOk: {
      files: {
        'guides/path.md': guide('Path', 'Go.\n', { steps: ['../runbooks/dns/a.md'] }),
        'runbooks/dns/a.md': runbook('A', undefined, { 'last-reviewed': '2024-01-10' }),
      },
    },
  },
  check(site) {
    const hits: SiteHit[] = [];
    for (const page of site.published) {
      const stale = (site.links.steps.get(page.contentPath) ?? []).filter(
        (step) => step.to && isPublished(step.to) && site.freshness(step.to).state === 'stale',
      );
      if (stale.length === 0) continue;
      const total = page.data?.steps?.length ?? stale.length;
      hits.push({
        file: page.file,
        line: page.keyLines.steps ?? 1,
        message: `Unexpected ${stale.length} of ${total} steps overdue for review: ${stale.map((step) => `\`${step.to!.contentPath}\``).join(', ')}`,
        hint: 'Ask the owners of those pages to review them (`npm run report` lists them under their owner); the path itself stays as reviewed',
      });
    }
    return hits;
  },
});
