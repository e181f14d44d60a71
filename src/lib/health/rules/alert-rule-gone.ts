import { Suggester } from '../../shared/did-you-mean.js';
import { siteRule, type SiteHit } from '../rule.js';
import { alertRuleFile, runbook } from './support/examples.js';

/** A runbook for an alert that no longer fires is dead weight in search, and often means the alert was renamed. */
export default siteRule({
  id: 'alert-rule-gone',
  severity: 'warning',
  summary:
    "A published page's `alerts` names an alert no rule file defines (judged only when alert rule files are configured and all of them could be read)",
  section: 'alerts',
  hackDay: { priority: 3, action: 'Update `alerts` in' },
  examples: {
    ok: {
      files: { 'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['DiskFull'] }) },
      alertRules: { 'monitoring/storage.yaml': alertRuleFile([{ alert: 'DiskFull' }]) },
    },
    notOk: {
      files: { 'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['DiskFull', 'DiskFullCritical'] }) },
      alertRules: { 'monitoring/storage.yaml': alertRuleFile([{ alert: 'DiskFull' }, { alert: 'DiskAlmostFull' }]) },
    },
  },
  check(site) {
    const set = site.alertRules;
    // With a rule file unread, a missing alert may only be unread: `alert-rules-invalid` reports the file.
    if (!set || set.problems.length > 0) return [];
    const defined = new Set(set.rules.map((rule) => rule.alert));
    let names: Suggester | undefined;
    const hits: SiteHit[] = [];
    for (const page of site.published) {
      for (const alert of page.data?.alerts ?? []) {
        if (defined.has(alert)) continue;
        names ??= new Suggester(defined);
        const near = names.closest(alert);
        hits.push({
          file: page.file,
          line: page.keyLines.alerts ?? 1,
          message: `Cannot find alert \`${alert}\` in the alert rule files${near === undefined ? '' : `; did you mean \`${near}\``}`,
          hint:
            near === undefined
              ? `No file matching ${set.patterns.map((pattern) => `\`${pattern}\``).join(', ')} defines it: remove it from \`alerts\` if the alert was deleted, or add its rule file to \`alertRules\``
              : `Alert names must match the rule's \`alert:\` exactly; if it was renamed, write the new name`,
        });
      }
    }
    return hits;
  },
});
