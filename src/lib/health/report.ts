import { describeDays, type FreshnessState } from './freshness.js';
import type { HealthReport, PageHealth } from './engine.js';
import type { Finding } from './findings.js';
import { printable } from '../shared/printable.js';
import { ruleById } from './registry.js';
import type { HealthSection } from './rule.js';

/** One thing to do on hack day. */
export interface ReportItem {
  rule: Finding['rule'];
  severity: Finding['severity'];
  file: string;
  line: number;
  title: string;
  /** Site URL of the page, without base. */
  url?: string;
  message: string;
  hint?: string;
  /** The checklist verb, from the rule's declaration. */
  action: string;
  /** Days past due (stale pages); used for ordering. */
  daysOverdue?: number;
  /** Short wording for review items, where the action already says "Review". */
  detail?: string;
}

export interface OwnerSection {
  owner: string;
  items: ReportItem[];
}

/** An alert of the rule files that no published page answers, from an `alert-without-runbook` finding. */
export interface AlertWithoutRunbook {
  alert: string;
  /** The rule's severity label, when it has one. */
  severity?: string;
  /** `error` when the severity pages someone (`alertCoverage.pagingSeverities`), `warning` otherwise. */
  findingSeverity: Finding['severity'];
  /** The rule file and the line of its `- alert:`. */
  file: string;
  line: number;
}

/** The alerts without runbooks of one owner (the rule's owner label, or `unowned`). */
export interface AlertOwnerSection {
  owner: string;
  alerts: AlertWithoutRunbook[];
}

/** The hack-day to-do list: counts per `/health` section and per-owner items, worst first. */
export interface HackDayReport {
  today: string;
  /** The same section counts `/health`, the home page and `check` show, for the items in this report. */
  sections: Record<HealthSection, number>;
  pages: number;
  owners: OwnerSection[];
  /** Alerts without runbooks, per owner label: listed here rather than under `owners`, whose owners are page owners. */
  alertsWithoutRunbooks: AlertOwnerSection[];
  notes: string[];
}

const NO_OWNER = '(no owner)';
const ALERT_WITHOUT_RUNBOOK = 'alert-without-runbook';

/** Most overdue first, then soonest due, then by title. */
export function byDueDate(a: PageHealth, b: PageHealth): number {
  return (a.freshness.dueDate ?? '').localeCompare(b.freshness.dueDate ?? '') || a.title.localeCompare(b.title);
}

/** Published pages in the given freshness states, grouped by owner (owners A–Z), most overdue first within each. */
export function reviewQueue(pages: PageHealth[], states: FreshnessState[]): [string, PageHealth[]][] {
  const groups = new Map<string, PageHealth[]>();
  for (const page of pages.filter((p) => p.published && states.includes(p.freshness.state)).sort(byDueDate)) {
    const owner = page.owner ?? NO_OWNER;
    groups.set(owner, [...(groups.get(owner) ?? []), page]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Every finding becomes a checklist item under its owner (the finding's own, else its page's),
 * ordered by the priority its rule declares; alerts without runbooks are listed apart, per
 * owner label. `owner` keeps one team's list. No finding is dropped: a rule without a place in
 * the checklist cannot be declared.
 */
export function buildHackDayReport(report: HealthReport, options: { owner?: string } = {}): HackDayReport {
  const pagesByFile = new Map<string, PageHealth>(report.pages.map((page) => [page.file, page]));
  const sectionsByOwner = new Map<string, ReportItem[]>();
  const alertsByOwner = new Map<string, AlertWithoutRunbook[]>();
  const sections = Object.fromEntries(Object.keys(report.sections).map((key) => [key, 0])) as Record<HealthSection, number>;
  for (const finding of report.findings) {
    const page = pagesByFile.get(finding.file);
    const owner = finding.owner ?? page?.owner ?? NO_OWNER;
    if (options.owner !== undefined && owner !== options.owner) continue;
    const rule = ruleById(finding.rule);
    sections[rule?.section ?? 'content'] += 1;
    if (finding.rule === ALERT_WITHOUT_RUNBOOK && finding.alert) {
      alertsByOwner.set(owner, [...(alertsByOwner.get(owner) ?? []), alertWithoutRunbook(finding, finding.alert)]);
      continue;
    }
    const items = sectionsByOwner.get(owner) ?? [];
    items.push(itemFor(finding, page, rule?.hackDay.action ?? 'Fix'));
    sectionsByOwner.set(owner, items);
  }
  const priority = (item: ReportItem) => ruleById(item.rule)?.hackDay.priority ?? 5;
  const owners = [...sectionsByOwner.entries()]
    .map(([owner, items]) => ({
      owner,
      items: items.sort(
        (a, b) =>
          priority(a) - priority(b) || (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.file.localeCompare(b.file) || a.line - b.line,
      ),
    }))
    .sort((a, b) => b.items.length - a.items.length || a.owner.localeCompare(b.owner));
  const pages = report.pages.filter((page) => page.published && (options.owner === undefined || page.owner === options.owner)).length;
  return { today: report.today, sections, pages, owners, alertsWithoutRunbooks: alertSections(alertsByOwner), notes: report.notes };
}

function alertWithoutRunbook(finding: Finding, alert: NonNullable<Finding['alert']>): AlertWithoutRunbook {
  return {
    alert: alert.name,
    ...(alert.severity !== undefined && { severity: alert.severity }),
    findingSeverity: finding.severity,
    file: finding.file,
    line: finding.line,
  };
}

/** Owners with the most paging alerts first; within one, paging alerts first, then by name. */
function alertSections(byOwner: Map<string, AlertWithoutRunbook[]>): AlertOwnerSection[] {
  const paging = (alerts: AlertWithoutRunbook[]) => alerts.filter((alert) => alert.findingSeverity === 'error').length;
  return [...byOwner.entries()]
    .map(([owner, alerts]) => ({
      owner,
      alerts: alerts.sort(
        (a, b) =>
          Number(b.findingSeverity === 'error') - Number(a.findingSeverity === 'error') ||
          a.alert.localeCompare(b.alert) ||
          a.file.localeCompare(b.file) ||
          a.line - b.line,
      ),
    }))
    .sort((a, b) => paging(b.alerts) - paging(a.alerts) || b.alerts.length - a.alerts.length || a.owner.localeCompare(b.owner));
}

function itemFor(finding: Finding, page: PageHealth | undefined, action: string): ReportItem {
  const fresh = page?.freshness;
  const overdue = finding.rule === 'stale-page' && fresh?.daysUntilDue !== undefined ? -fresh.daysUntilDue : undefined;
  const detail =
    finding.rule === 'stale-page' && fresh && overdue !== undefined
      ? `overdue by ${describeDays(overdue)} (last reviewed ${fresh.lastReviewed}, due ${fresh.dueDate})`
      : finding.rule === 'review-due-soon' && fresh
        ? `due in ${describeDays(fresh.daysUntilDue ?? 0)} (${fresh.dueDate})`
        : undefined;
  return {
    rule: finding.rule,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    title: page?.title ?? (finding.alert ? `alert ${finding.alert.name}` : finding.file),
    url: page?.published ? page.url : undefined,
    message: finding.message,
    hint: finding.hint,
    action,
    daysOverdue: overdue,
    detail,
  };
}

/**
 * The report as a Markdown checklist for a GitHub job summary or an issue body.
 * `editUrl` turns a file into its edit link, `pageUrl` a site URL into an absolute one.
 */
export function formatHackDayMarkdown(
  hackDay: HackDayReport,
  options: { editUrl?: (file: string) => string | undefined; pageUrl?: (url: string) => string } = {},
): string {
  const s = hackDay.sections;
  const other = s.content + s.policy;
  const lines = [
    `# Documentation hack day: ${hackDay.today}`,
    '',
    `${hackDay.pages} pages · **${s.review}** overdue for review · **${s.links}** broken links · **${s.orphans}** orphan pages · ${s['due-soon']} due soon${s.alerts ? ` · **${s.alerts}** alert coverage findings` : ''}${other ? ` · ${other} other findings` : ''}`,
    '',
  ];
  if (hackDay.owners.length === 0 && hackDay.alertsWithoutRunbooks.length === 0)
    lines.push('Nothing to do: every page is reviewed, linked and reachable.', '');
  const where = (file: string, line: number) => {
    const edit = options.editUrl?.(file);
    return edit ? `[\`${file}:${line}\`](${edit})` : `\`${file}:${line}\``;
  };
  for (const section of hackDay.owners) {
    lines.push(`## ${escapeMarkdown(section.owner)} (${section.items.length})`, '');
    for (const item of section.items) {
      const title =
        item.url && options.pageUrl ? `[${escapeMarkdown(item.title)}](${options.pageUrl(item.url)})` : escapeMarkdown(item.title);
      lines.push(`- [ ] ${item.action} ${title}: ${escapeMarkdown(item.detail ?? item.message)} — ${where(item.file, item.line)}`);
    }
    lines.push('');
  }
  lines.push(...alertsMarkdown(hackDay.alertsWithoutRunbooks, where));
  for (const note of hackDay.notes) lines.push(`> ${note}`, '');
  // Owner names, titles, alert names and file names are the pages' text: printed to a terminal
  // or posted on a pull request, none may carry a control character.
  return lines.map(printable).join('\n');
}

/** "Alerts without runbooks": one list per owner label, each alert with its severity and rule. */
function alertsMarkdown(sections: AlertOwnerSection[], where: (file: string, line: number) => string): string[] {
  if (sections.length === 0) return [];
  const total = sections.reduce((sum, section) => sum + section.alerts.length, 0);
  const lines = [`## Alerts without runbooks (${total})`, ''];
  for (const section of sections) {
    lines.push(`### ${escapeMarkdown(section.owner)} (${section.alerts.length})`, '');
    for (const alert of section.alerts) {
      const severity = alert.severity === undefined ? 'no severity' : `severity: ${escapeMarkdown(alert.severity)}`;
      const paging = alert.findingSeverity === 'error' ? ', paging' : '';
      lines.push(
        `- [ ] Write a runbook for \`${alert.alert.replace(/`/g, '')}\` (${severity}${paging}) — ${where(alert.file, alert.line)}`,
      );
    }
    lines.push('');
  }
  return lines;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
