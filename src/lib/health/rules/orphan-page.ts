import { statusOf } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { guide, runbook } from './support/examples.js';

/** A page nothing links to is found only by search; on-call engineers follow links from the page they are on. */
export default siteRule({
  id: 'orphan-page',
  severity: 'warning',
  summary:
    'A published page no other page links to (pages with `alerts` and `health.orphanAllowList` entries are exempt); an error with `--strict`',
  section: 'orphans',
  hackDay: { priority: 2, action: 'Link to' },
  examples: {
    ok: { files: { 'guides/a.md': guide('A', 'See [B](./b.md).\n'), 'guides/b.md': guide('B', 'See [A](./a.md).\n') } },
    notOk: { files: { 'runbooks/dns/lonely.md': runbook('Lonely') } },
  },
  check(site) {
    const allowList = new Set(site.config.health.orphanAllowList);
    const hits: SiteHit[] = [];
    for (const page of site.published) {
      const entryPoint = (page.data?.alerts?.length ?? 0) > 0 || allowList.has(page.contentPath) || allowList.has(page.file);
      if (entryPoint || statusOf(page) !== 'active' || (site.links.inbound.get(page.contentPath)?.size ?? 0) > 0) continue;
      hits.push({
        file: page.file,
        line: 1,
        severity: site.strict ? 'error' : undefined,
        message: `No other page links to \`${page.contentPath}\``,
        hint: 'Link to it from a related runbook or guide, list the alerts that should open it, or add it to `health.orphanAllowList`',
      });
    }
    return hits;
  },
});
