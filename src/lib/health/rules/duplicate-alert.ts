import { siteRule } from '../rule.js';
import { runbook } from './support/examples.js';
import { groupBy, sharedValues } from './support/shared-value.js';

/** `/alerts/<name>/` opens one page: an alert claimed twice sends the pager to one of them at random. */
export default siteRule({
  id: 'duplicate-alert',
  severity: 'error',
  summary: 'An alert name listed by two published pages; `/alerts/<name>/` can open only one',
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
    return sharedValues(
      groupBy(site.published, (page) => page.data?.alerts ?? []),
      'alerts',
      (alert, others) => ({
        message: `Unexpected alert \`${alert}\`, also claimed by ${others}`,
        hint: `\`/alerts/${alert}/\` can open one page only; keep the alert on the page that answers it and link the other`,
      }),
    );
  },
});
