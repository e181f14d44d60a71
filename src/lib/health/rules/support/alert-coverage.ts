import type { AlertRuleDef } from '../../../alerts/rule-files.js';
import { withBase } from '../../../shared/paths.js';
import { alertUrl } from '../../../shared/routes.js';
import type { PageFacts } from '../../facts.js';
import type { FindingAlert, SiteContext } from '../../rule.js';
import { groupBy } from './shared-value.js';

/** Alert name → the published pages that list it in `alerts`, exactly as written. */
export function pagesByAlert(site: SiteContext): Map<string, PageFacts[]> {
  return groupBy(site.published, (page) => page.data?.alerts ?? []);
}

/** Who a rule's findings belong to: its owner label (`alertCoverage.ownerLabel`), else `unowned`. */
export function ruleOwner(rule: AlertRuleDef, site: SiteContext): string {
  const owner = rule.labels[site.config.alertCoverage.ownerLabel]?.trim();
  return owner ? owner : 'unowned';
}

/** The alert of a rule as findings carry it: its name and severity label. */
export function findingAlert(rule: AlertRuleDef, site: SiteContext): FindingAlert {
  const severity = rule.labels[site.config.alertCoverage.severityLabel];
  return severity === undefined ? { name: rule.alert } : { name: rule.alert, severity };
}

/** True when the rule's severity label is one of `alertCoverage.pagingSeverities` (case aside). */
export function isPaging(rule: AlertRuleDef, site: SiteContext): boolean {
  const severity = rule.labels[site.config.alertCoverage.severityLabel]?.toLowerCase();
  return severity !== undefined && site.config.alertCoverage.pagingSeverities.some((paging) => paging.toLowerCase() === severity);
}

/** The address a rule's `runbook_url` should have: `/alerts/<name>/` on the site, with its origin when `site` is set. */
export function alertAddress(alert: string, site: SiteContext): string {
  const path = withBase(alertUrl(alert), site.base);
  return site.config.site ? new URL(path, site.config.site).href : path;
}
