import { statusOf } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide } from './support/examples.js';

/** A page without `last-reviewed` has no freshness at all; it is not built until someone vouches for it. */
export default siteRule({
  id: 'never-reviewed',
  severity: 'error',
  summary: 'A page without `last-reviewed`: nobody has confirmed it is right (the site does not build it)',
  section: 'review',
  hackDay: { priority: 0, action: 'Review' },
  examples: {
    ok: { files: { 'guides/a.md': guide('A') } },
    notOk: { files: { 'guides/a.md': guide('A', undefined, { 'last-reviewed': undefined }) } },
  },
  check(site) {
    const hits: SiteHit[] = [];
    for (const page of site.pages) {
      if (
        page.kind !== 'page' ||
        !page.collection ||
        (!page.raw && !page.data) ||
        page.refused ||
        statusOf(page) === 'draft' ||
        (page.data ?? page.raw)?.['last-reviewed'] !== undefined
      )
        continue;
      if (site.changedFiles && !site.changedFiles.has(page.file)) continue;
      hits.push({
        file: page.file,
        line: 1,
        message: 'Missing `last-reviewed`: this page has never been marked reviewed',
        hint: `Read the page through, then run \`npm run review -- ${page.file}\``,
      });
    }
    return hits;
  },
});
