import { GROUP_KINDS, groupUrl, type GroupKind } from '../../shared/routes.js';
import { routedPage } from '../link-graph.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide } from './support/examples.js';

const KEYS: Record<GroupKind, string> = { services: 'services', owners: 'owner', tags: 'tags' };

/**
 * Owner, service and tag names become URL segments (`/owners/platform-team/`): two spellings
 * that make one segment share a listing page, which is rarely what their authors meant.
 */
export default siteRule({
  id: 'name-collision',
  severity: 'warning',
  summary: 'Two spellings of an owner, service or tag that share one listing page (`Platform Team` and `platform-team`)',
  section: 'content',
  hackDay: { priority: 3, action: 'Use one spelling in' },
  examples: {
    ok: { files: { 'guides/a.md': guide('A', undefined, { tags: ['dns'] }), 'guides/b.md': guide('B', undefined, { tags: ['dns'] }) } },
    notOk: { files: { 'guides/a.md': guide('A', undefined, { tags: ['DNS'] }), 'guides/b.md': guide('B', undefined, { tags: ['dns'] }) } },
  },
  check(site) {
    const hits: SiteHit[] = [];
    for (const kind of GROUP_KINDS) {
      const spellings = new Map<string, Map<string, string>>();
      for (const page of site.published) {
        const routed = routedPage(page);
        const values = kind === 'owners' ? (routed.owner ? [routed.owner] : []) : routed[kind];
        for (const value of values) {
          const byValue = spellings.get(groupUrl(kind, value)) ?? new Map<string, string>();
          if (!byValue.has(value)) byValue.set(value, page.file);
          spellings.set(groupUrl(kind, value), byValue);
        }
      }
      for (const [url, byValue] of spellings) {
        if (byValue.size < 2) continue;
        const names = [...byValue.keys()].map((value) => `\`${value}\``).join(', ');
        for (const [value, file] of byValue) {
          const page = site.byPath.get(file.slice(site.contentDir.length + 1));
          hits.push({
            file,
            line: page?.keyLines[KEYS[kind]] ?? 1,
            message: `Unexpected ${KEYS[kind]} \`${value}\`: ${names} all list on \`${url}\``,
            hint: 'Use one spelling everywhere; names are shown as written but share a URL once lower-cased and punctuation-free',
          });
        }
      }
    }
    return hits;
  },
});
