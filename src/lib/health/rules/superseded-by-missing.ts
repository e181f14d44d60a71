import { isPublished } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { pageSuggestions } from '../suggest.js';
import { guide } from './support/examples.js';
import { successorOf } from './support/superseded.js';

/** A deprecated page's banner sends readers to its successor: that page must exist on the site. */
export default siteRule({
  id: 'superseded-by-missing',
  severity: 'error',
  summary: '`superseded-by` names a page the site does not build',
  section: 'links',
  hackDay: { priority: 1, action: 'Fix `superseded-by` in' },
  examples: {
    ok: {
      files: {
        'guides/old.md': guide('Old', undefined, { status: 'deprecated', 'superseded-by': 'guides/new.md' }),
        'guides/new.md': guide('New'),
      },
    },
    notOk: {
      files: {
        'guides/old.md': guide('Old', undefined, { status: 'deprecated', 'superseded-by': 'guides/nwe.md' }),
        'guides/new.md': guide('New'),
      },
    },
  },
  check(site) {
    let suggest: ReturnType<typeof pageSuggestions> | undefined;
    const hits: SiteHit[] = [];
    for (const page of site.published) {
      const successor = successorOf(page, site);
      if (!successor || (successor.target && isPublished(successor.target))) continue;
      suggest ??= pageSuggestions(site.pages, site.base);
      hits.push({
        file: page.file,
        line: page.keyLines['superseded-by'] ?? 1,
        message: `Cannot find page \`${successor.written}\` named by \`superseded-by\`${successor.target ? ' (it is not built)' : suggest.forPath(successor.written)}`,
        hint: 'Write the path from the content folder, e.g. `runbooks/dns/pod-dns-lookups-slow.md`',
      });
    }
    return hits;
  },
});
