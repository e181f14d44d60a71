import type { PageFacts } from '../facts.js';
import { siteRule, type SiteHit } from '../rule.js';
import { runbook } from './support/examples.js';
import { groupBy, sharedValues } from './support/shared-value.js';

/** `/alerts/<name>/` opens one page: an alert claimed twice sends the pager to one of them at random. */
export default siteRule({
  id: 'duplicate-alert',
  severity: 'error',
  summary:
    'An alert name listed by two published pages, or two names that differ only in case; `/alerts/<name>/` can open only one, and search and the alert addresses match names in any case',
  section: 'content',
  hackDay: { priority: 1, action: 'Choose one page for the alert in' },
  examples: {
    ok: {
      files: {
        'runbooks/dns/a.md': runbook('A', undefined, { alerts: ['DnsSlow'] }),
        'runbooks/dns/b.md': runbook('B', undefined, { alerts: ['DnsDown'] }),
      },
    },
    notOk: {
      files: {
        'runbooks/dns/a.md': runbook('A', undefined, { alerts: ['DnsSlow'] }),
        'runbooks/dns/b.md': runbook('B', undefined, { alerts: ['DnsSlow'] }),
      },
    },
  },
  check(site) {
    const exact = sharedValues(
      groupBy(site.published, (page) => page.data?.alerts ?? []),
      'alerts',
      (alert, others) => ({
        message: `Unexpected alert \`${alert}\`, also claimed by ${others}`,
        hint: `\`/alerts/${alert}/\` can open one page only; keep the alert on the page that answers it and link the other`,
      }),
    );
    // `KubeAPIDown` and `KubeApiDown` are two alerts to Prometheus, but one to a person typing it.
    const spellings = new Map<string, Map<string, PageFacts>>();
    for (const page of site.published) {
      for (const alert of page.data?.alerts ?? []) {
        const byName = spellings.get(alert.toLowerCase()) ?? new Map<string, PageFacts>();
        if (!byName.has(alert)) byName.set(alert, page);
        spellings.set(alert.toLowerCase(), byName);
      }
    }
    const caseOnly: SiteHit[] = [];
    for (const byName of spellings.values()) {
      if (byName.size < 2) continue;
      for (const [alert, page] of byName) {
        const others = [...byName].filter(([name]) => name !== alert).map(([name, other]) => `\`${name}\` on \`${other.contentPath}\``);
        caseOnly.push({
          file: page.file,
          line: page.keyLines.alerts ?? 1,
          message: `Unexpected alert \`${alert}\`: ${others.join(', ')} differs only in case`,
          hint: 'Search and `/alerts/<name>/` match alert names in any case, so one of these pages is never opened; use the spelling the alert rule uses, on one page',
        });
      }
    }
    return [...exact, ...caseOnly];
  },
});
