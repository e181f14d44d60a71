import { normaliseSymptomQuery } from '../../search/symptoms.js';
import { siteRule } from '../rule.js';
import { runbook } from './support/examples.js';
import { groupBy, sharedValues } from './support/shared-value.js';

/**
 * Two runbooks listing the same symptom (as search reads it, after the normaliser drops hosts,
 * ids and numbers) tie in search: the engineer who pastes that error cannot tell which one fixes it.
 */
export default siteRule({
  id: 'duplicate-symptom',
  severity: 'warning',
  summary: 'Two published runbooks list the same symptom once normalised for search, so search cannot tell them apart',
  section: 'content',
  hackDay: { priority: 3, action: 'Tell apart the symptoms of' },
  examples: {
    ok: {
      files: {
        'runbooks/dns/a.md': runbook('A', undefined, { symptoms: ['dial tcp 10.0.0.1:53: i/o timeout'] }),
        'runbooks/dns/b.md': runbook('B', undefined, { symptoms: ['SERVFAIL from 10.0.0.1'] }),
      },
    },
    notOk: {
      files: {
        'runbooks/dns/a.md': runbook('A', undefined, { symptoms: ['dial tcp 10.0.0.1:53: i/o timeout'] }),
        'runbooks/dns/b.md': runbook('B', undefined, { symptoms: ['dial tcp 10.9.8.7:53: i/o timeout'] }),
      },
    },
  },
  check(site) {
    const runbooks = site.published.filter((page) => page.collection === 'runbooks');
    const groups = groupBy(runbooks, (page) => [
      ...new Set((page.data?.symptoms ?? []).map(normaliseSymptomQuery).filter((text) => text !== '')),
    ]);
    return sharedValues(groups, 'symptoms', (symptom, others) => ({
      message: `Unexpected symptom \`${symptom}\` (as search reads it), also listed by ${others}`,
      hint: 'Quote what differs between the two problems (the exact error text, the alert, the behaviour), or merge the pages and link the other',
    }));
  },
});
