import { isPublished, statusOf } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide } from './support/examples.js';

/** Links should lead to the current page; a deprecated one only says "go elsewhere". */
export default siteRule({
  id: 'deprecated-link',
  severity: 'warning',
  summary: 'A link from an active page to a deprecated one; the hint names its successor',
  section: 'content',
  hackDay: { priority: 3, action: 'Update link in' },
  examples: {
    ok: { files: { 'guides/a.md': guide('A', 'See [new](./new.md).\n'), 'guides/new.md': guide('New') } },
    notOk: {
      files: {
        'guides/a.md': guide('A', 'See [old](./old.md).\n'),
        'guides/old.md': guide('Old', undefined, { status: 'deprecated', 'superseded-by': 'guides/new.md' }),
        'guides/new.md': guide('New'),
      },
    },
  },
  check(site) {
    const hits: SiteHit[] = [];
    for (const { from, link, to } of site.links.links) {
      if (!to || to === from || !isPublished(to) || statusOf(to) !== 'deprecated' || statusOf(from) === 'deprecated') continue;
      const successor = to.data?.['superseded-by'];
      // The page that replaced a deprecated one may point back to it for history.
      if (successor === from.contentPath) continue;
      hits.push({
        file: from.file,
        line: link.line,
        column: link.column,
        message: `Unexpected link to deprecated page \`${to.contentPath}\``,
        hint: successor ? `Link to \`${successor}\` instead` : 'Link to the page that replaces it',
      });
    }
    return hits;
  },
});
