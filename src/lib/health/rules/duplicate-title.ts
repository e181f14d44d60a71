import { siteRule } from '../rule.js';
import { guide } from './support/examples.js';
import { groupBy, sharedValues } from './support/shared-value.js';

/** Search results show titles: two pages with one title make a reader guess. */
export default siteRule({
  id: 'duplicate-title',
  severity: 'warning',
  summary: 'Two published pages with the same title (case-insensitive)',
  section: 'content',
  hackDay: { priority: 3, action: 'Retitle' },
  examples: {
    ok: { files: { 'guides/a.md': guide('Disk full'), 'guides/b.md': guide('Disk slow') } },
    notOk: { files: { 'guides/a.md': guide('Disk full'), 'guides/b.md': guide('Disk Full') } },
  },
  check(site) {
    const groups = groupBy(site.published, (page) => [page.data?.title.trim().toLowerCase() ?? '']);
    return sharedValues(groups, 'title', (_title, others) => ({
      message: `Unexpected duplicate title, also used by ${others}`,
      hint: 'Titles are what search shows; make each one say which problem it answers',
    }));
  },
});
