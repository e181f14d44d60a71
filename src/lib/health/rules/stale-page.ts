import { describeDays } from '../freshness.js';
import { siteRule } from '../rule.js';
import { guide } from './support/examples.js';
import { reviewHits } from './support/review-scope.js';

/** A page past its review date may no longer be true; readers see the badge, owners get the finding. */
export default siteRule({
  id: 'stale-page',
  severity: 'warning',
  summary: 'A page whose `last-reviewed` plus its review interval is in the past; an error with `--strict`',
  section: 'review',
  hackDay: { priority: 0, action: 'Review' },
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A', undefined, { 'last-reviewed': '2024-01-01' }) } },
  },
  check: (site) =>
    reviewHits(site, (page, fresh) =>
      fresh.state !== 'stale'
        ? undefined
        : {
            severity: site.strict ? 'error' : undefined,
            message: `Review overdue by ${describeDays(fresh.daysUntilDue ?? 0)}: last reviewed \`${fresh.lastReviewed}\`, due \`${fresh.dueDate}\` (every ${fresh.interval})`,
            hint: `Check the page is still right, then run \`npm run review -- ${page.file}\``,
          },
    ),
});
