import { siteRule } from '../rule.js';
import { alertRuleFile, runbook } from './support/examples.js';

/** A rule file that cannot be read, or a pattern that matches none, would leave alerts out of every coverage verdict unnoticed. */
export default siteRule({
  id: 'alert-rules-invalid',
  severity: 'error',
  summary:
    'An alert rule file (`alertRules`, `--alert-rules`) that cannot be read: a YAML error, `groups` that is not a list, a rule without `alert` or `record`, or a pattern that matches no file',
  section: 'alerts',
  hackDay: { priority: 0, action: 'Fix the rule file' },
  examples: {
    ok: {
      files: { 'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['DiskFull'] }) },
      alertRules: { 'monitoring/storage.yaml': alertRuleFile([{ alert: 'DiskFull', severity: 'critical' }]) },
    },
    notOk: {
      files: { 'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['DiskFull'] }) },
      alertRules: { 'monitoring/storage.yaml': 'groups:\n  name: storage\n  rules: []\n' },
    },
  },
  check(site) {
    return (site.alertRules?.problems ?? []).map((problem) => ({
      file: problem.file,
      line: problem.line,
      column: problem.column,
      message: problem.message,
      hint:
        problem.hint ?? 'Prometheus rule files are described at https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/',
    }));
  },
});
