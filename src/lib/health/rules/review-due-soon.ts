import { describeDays } from '../freshness.js';
import { siteRule } from '../rule.js';
import { guide } from './support/examples.js';
import { reviewHits } from './support/review-scope.js';

/** A notice ahead of the due date, so a review can be planned instead of discovered overdue. */
export default siteRule({
  id: 'review-due-soon',
  severity: 'info',
  summary: 'A page whose review falls due within `review.dueSoonWindow` (30 days by default)',
  section: 'due-soon',
  hackDay: { priority: 4, action: 'Review soon' },
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A', undefined, { 'last-reviewed': '2025-12-10' }) } },
  },
  check: (site) =>
    reviewHits(site, (page, fresh) =>
      fresh.state !== 'due-soon'
        ? undefined
        : {
            message: `Review due in ${describeDays(fresh.daysUntilDue ?? 0)}: due \`${fresh.dueDate}\``,
            hint: `Run \`npm run review -- ${page.file}\` once it is checked`,
          },
    ),
});
