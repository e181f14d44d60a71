import { describeDays, type FreshnessState } from './freshness.js';
import type { HealthReport, PageHealth } from './engine.js';
import type { Finding } from './findings.js';
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

/** The hack-day to-do list: counts per `/health` section and per-owner items, worst first. */
export interface HackDayReport {
  today: string;
  /** The same section counts `/health`, the home page and `check` show, for the items in this report. */
  sections: Record<HealthSection, number>;
  pages: number;
  owners: OwnerSection[];
  notes: string[];
}

const NO_OWNER = '(no owner)';

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
 * Every finding becomes a checklist item under the owner of its page, ordered by the priority
 * its rule declares; `owner` keeps one team's list. No finding is dropped: a rule without a
 * place in the checklist cannot be declared.
 */
export function buildHackDayReport(report: HealthReport, options: { owner?: string } = {}): HackDayReport {
  const pagesByFile = new Map<string, PageHealth>(report.pages.map((page) => [page.file, page]));
  const sectionsByOwner = new Map<string, ReportItem[]>();
  const sections = Object.fromEntries(Object.keys(report.sections).map((key) => [key, 0])) as Record<HealthSection, number>;
  for (const finding of report.findings) {
    const page = pagesByFile.get(finding.file);
    const owner = page?.owner ?? NO_OWNER;
    if (options.owner !== undefined && owner !== options.owner) continue;
    const rule = ruleById(finding.rule);
    sections[rule?.section ?? 'content'] += 1;
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
  return { today: report.today, sections, pages, owners, notes: report.notes };
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
    title: page?.title ?? finding.file,
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
    `${hackDay.pages} pages · **${s.review}** overdue for review · **${s.links}** broken links · **${s.orphans}** orphan pages · ${s['due-soon']} due soon${other ? ` · ${other} other findings` : ''}`,
    '',
  ];
  if (hackDay.owners.length === 0) lines.push('Nothing to do: every page is reviewed, linked and reachable.', '');
  for (const section of hackDay.owners) {
    lines.push(`## ${escapeMarkdown(section.owner)} (${section.items.length})`, '');
    for (const item of section.items) {
      const title =
        item.url && options.pageUrl ? `[${escapeMarkdown(item.title)}](${options.pageUrl(item.url)})` : escapeMarkdown(item.title);
      const edit = options.editUrl?.(item.file);
      const where = edit ? `[\`${item.file}:${item.line}\`](${edit})` : `\`${item.file}:${item.line}\``;
      lines.push(`- [ ] ${item.action} ${title}: ${escapeMarkdown(item.detail ?? item.message)} — ${where}`);
    }
    lines.push('');
  }
  for (const note of hackDay.notes) lines.push(`> ${note}`, '');
  return lines.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
