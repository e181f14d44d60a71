import type { PageFacts } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide } from './support/examples.js';
import { successorOf } from './support/superseded.js';

/** Pages that supersede each other send a reader in circles and leave no current page. */
export default siteRule({
  id: 'superseded-by-cycle',
  severity: 'error',
  summary: '`superseded-by` leads back to the page itself (a → b → a): no page in the chain is current',
  section: 'links',
  hackDay: { priority: 1, action: 'Break the `superseded-by` cycle in' },
  examples: {
    ok: {
      files: {
        'guides/old.md': guide('Old', undefined, { status: 'deprecated', 'superseded-by': 'guides/new.md' }),
        'guides/new.md': guide('New'),
      },
    },
    notOk: {
      files: {
        'guides/a.md': guide('A', undefined, { status: 'deprecated', 'superseded-by': 'guides/b.md' }),
        'guides/b.md': guide('B', undefined, { status: 'deprecated', 'superseded-by': 'guides/a.md' }),
      },
    },
  },
  check(site) {
    const hits: SiteHit[] = [];
    for (const page of site.published) {
      const chain: PageFacts[] = [page];
      let current: PageFacts | undefined = successorOf(page, site)?.target;
      while (current && !chain.includes(current)) {
        chain.push(current);
        current = successorOf(current, site)?.target;
      }
      if (current !== page) continue;
      hits.push({
        file: page.file,
        line: page.keyLines['superseded-by'] ?? 1,
        message: `Unexpected \`superseded-by\` cycle: ${[...chain, page].map((p) => `\`${p.contentPath}\``).join(' → ')}`,
        hint: 'Point `superseded-by` at the page that is current, and give that page `status: active` without `superseded-by`',
      });
    }
    return hits;
  },
});
