import { formatIsoDate } from '../freshness.js';
import { siteRule } from '../rule.js';
import { guide } from './support/examples.js';
import { reviewHits } from './support/review-scope.js';

/** A review date in the future would keep a page "fresh" for longer than anyone checked it. */
export default siteRule({
  id: 'future-review-date',
  severity: 'error',
  summary: 'A `last-reviewed` date after today',
  section: 'content',
  hackDay: { priority: 0, action: 'Fix review date of' },
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A', undefined, { 'last-reviewed': '2099-01-01' }) } },
  },
  check: (site) =>
    reviewHits(site, (page, fresh) =>
      fresh.daysSinceReview === undefined || fresh.daysSinceReview >= 0
        ? undefined
        : {
            message: `Unexpected \`last-reviewed: ${fresh.lastReviewed}\` in the future, expected a date on or before \`${formatIsoDate(site.today)}\``,
            hint: 'Use the day the page was actually reviewed; `npm run review` writes today',
          },
    ),
});
