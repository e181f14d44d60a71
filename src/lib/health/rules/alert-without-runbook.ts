import type { AlertRuleDef } from '../../alerts/rule-files.js';
import { Suggester } from '../../shared/did-you-mean.js';
import { isPublished, type PageFacts } from '../facts.js';
import { siteRule, type SiteContext, type SiteHit } from '../rule.js';
import { alertAddress, findingAlert, isPaging, pagesByAlert, ruleOwner } from './support/alert-coverage.js';
import { alertRuleFile, runbook } from './support/examples.js';

/** An alert that pages someone at night should open a runbook: one the rule files define and no page answers is a gap. */
export default siteRule({
  id: 'alert-without-runbook',
  severity: 'warning',
  summary:
    'An alert of the rule files that no published page lists in `alerts` (names are case-sensitive); an error when its severity label is one of `alertCoverage.pagingSeverities`',
  section: 'alerts',
  hackDay: { priority: 1, action: 'Write a runbook for' },
  examples: {
    ok: {
      files: { 'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['DiskFull'] }) },
      alertRules: { 'monitoring/storage.yaml': alertRuleFile([{ alert: 'DiskFull', severity: 'critical', team: 'storage' }]) },
    },
    notOk: {
      files: { 'runbooks/storage/disk-full.md': runbook('Disk full', undefined, { alerts: ['diskFull'] }) },
      alertRules: {
        'monitoring/storage.yaml': alertRuleFile([
          { alert: 'DiskFull', severity: 'critical', team: 'storage' },
          { alert: 'DiskSlow', severity: 'warning' },
        ]),
      },
    },
  },
  check(site) {
    const rules = site.alertRules?.rules ?? [];
    if (rules.length === 0) return [];
    const pages = pagesByAlert(site);
    let names: Suggester | undefined;
    const hits: SiteHit[] = [];
    for (const rule of rules) {
      if (pages.has(rule.alert)) continue;
      names ??= new Suggester(pages.keys());
      const near = names.closest(rule.alert);
      const alert = findingAlert(rule, site);
      hits.push({
        file: rule.file,
        line: rule.line,
        column: rule.column,
        severity: isPaging(rule, site) ? 'error' : undefined,
        owner: ruleOwner(rule, site),
        alert,
        message: `Missing runbook for alert \`${rule.alert}\`${alert.severity === undefined ? '' : ` (${alert.severity})`}: no published page lists it in \`alerts\`${near === undefined ? '' : `; did you mean \`${near}\``}`,
        hint: hintFor(rule, near === undefined ? undefined : pages.get(near)?.[0], near, site),
      });
    }
    return hits;
  },
});

function hintFor(rule: AlertRuleDef, nearPage: PageFacts | undefined, near: string | undefined, site: SiteContext): string {
  if (nearPage && near?.toLowerCase() === rule.alert.toLowerCase())
    return `Alert names are case-sensitive: \`${nearPage.contentPath}\` lists \`${near}\`; write \`${rule.alert}\` there`;
  if (nearPage) return `If \`${nearPage.contentPath}\` answers this alert, write \`${rule.alert}\` in its \`alerts\``;
  const unbuilt = site.pages.find((page) => !isPublished(page) && listsAlert(page, rule.alert));
  if (unbuilt)
    return `\`${unbuilt.contentPath}\` lists it, but the site does not build that page (a draft, or errors \`npm run check\` reports)`;
  return `Add \`${rule.alert}\` to the \`alerts\` of the runbook that answers it (\`npm run new\` starts one), so \`${alertAddress(rule.alert, site)}\` opens it`;
}

function listsAlert(page: PageFacts, alert: string): boolean {
  const alerts = page.data?.alerts ?? page.raw?.alerts;
  return Array.isArray(alerts) && alerts.includes(alert);
}
