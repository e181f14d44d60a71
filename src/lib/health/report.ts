import { RULES, type Finding } from './findings.js';
import { describeDays, type FreshnessState } from './freshness.js';
import type { HealthReport, PageHealth } from './engine.js';

/** One thing to do on hack day. */
export interface ReportItem {
  rule: Finding['rule'];
  file: string;
  line: number;
  title: string;
  /** Site URL of the page, without base. */
  url?: string;
  message: string;
  hint?: string;
  /** Days past due (stale pages); used for ordering. */
  daysOverdue?: number;
  /** Short wording for review items, where the action already says "Review". */
  detail?: string;
}

export interface OwnerSection {
  owner: string;
  items: ReportItem[];
}

/** The hack-day to-do list: counts and per-owner items, worst first. */
export interface HackDayReport {
  today: string;
  counts: { overdue: number; dueSoon: number; danglingLinks: number; orphans: number; otherErrors: number; pages: number };
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
  for (const page of pages.filter((p) => p.status !== 'draft' && states.includes(p.freshness.state)).sort(byDueDate)) {
    const owner = page.owner ?? NO_OWNER;
    groups.set(owner, [...(groups.get(owner) ?? []), page]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
// Ordering inside an owner's list: what misleads readers today first.
const PRIORITY: Partial<Record<Finding['rule'], number>> = {
  [RULES.stalePage]: 0,
  [RULES.neverReviewed]: 0,
  [RULES.danglingLink]: 1,
  [RULES.supersededByMissing]: 1,
  [RULES.orphanPage]: 2,
  [RULES.deprecatedLink]: 3,
  [RULES.reviewDueSoon]: 4,
};

/** Groups what needs doing by owning team; `owner` keeps one team's list. */
export function buildHackDayReport(report: HealthReport, options: { owner?: string } = {}): HackDayReport {
  const pagesByFile = new Map<string, PageHealth>(report.pages.map((page) => [page.file, page]));
  const sections = new Map<string, ReportItem[]>();
  const counts = {
    overdue: 0,
    dueSoon: 0,
    danglingLinks: 0,
    orphans: 0,
    otherErrors: 0,
    pages: report.pages.filter((p) => p.status !== 'draft').length,
  };
  for (const finding of report.findings) {
    const page = pagesByFile.get(finding.file);
    const owner = page?.owner ?? NO_OWNER;
    if (options.owner !== undefined && owner !== options.owner) continue;
    if (finding.rule === RULES.stalePage || finding.rule === RULES.neverReviewed) counts.overdue += 1;
    else if (finding.rule === RULES.reviewDueSoon) counts.dueSoon += 1;
    else if (finding.rule === RULES.danglingLink) counts.danglingLinks += 1;
    else if (finding.rule === RULES.orphanPage) counts.orphans += 1;
    else if (finding.severity === 'error') counts.otherErrors += 1;
    else if (!(finding.rule in PRIORITY)) continue;
    const overdue =
      finding.rule === RULES.stalePage && page?.freshness.daysUntilDue !== undefined ? -page.freshness.daysUntilDue : undefined;
    const items = sections.get(owner) ?? [];
    const fresh = page?.freshness;
    const detail =
      finding.rule === RULES.stalePage && fresh && overdue !== undefined
        ? `overdue by ${describeDays(overdue)} (last reviewed ${fresh.lastReviewed}, due ${fresh.dueDate})`
        : finding.rule === RULES.reviewDueSoon && fresh
          ? `due in ${describeDays(fresh.daysUntilDue ?? 0)} (${fresh.dueDate})`
          : undefined;
    items.push({
      rule: finding.rule,
      file: finding.file,
      line: finding.line,
      title: page?.title ?? finding.file,
      url: page?.url,
      message: finding.message,
      hint: finding.hint,
      daysOverdue: overdue,
      detail,
    });
    sections.set(owner, items);
  }
  const owners = [...sections.entries()]
    .map(([owner, items]) => ({
      owner,
      items: items.sort(
        (a, b) =>
          (PRIORITY[a.rule] ?? 5) - (PRIORITY[b.rule] ?? 5) ||
          (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) ||
          a.file.localeCompare(b.file) ||
          a.line - b.line,
      ),
    }))
    .sort((a, b) => b.items.length - a.items.length || a.owner.localeCompare(b.owner));
  return { today: report.today, counts, owners, notes: report.notes };
}

const ACTIONS: Partial<Record<Finding['rule'], string>> = {
  [RULES.stalePage]: 'Review',
  [RULES.neverReviewed]: 'Review',
  [RULES.reviewDueSoon]: 'Review soon',
  [RULES.danglingLink]: 'Fix link in',
  [RULES.orphanPage]: 'Link to',
  [RULES.deprecatedLink]: 'Update link in',
  [RULES.supersededByMissing]: 'Fix `superseded-by` in',
};

/**
 * The report as a Markdown checklist for a GitHub job summary or an issue body.
 * `editUrl` turns a file into its edit link, `pageUrl` a site URL into an absolute one.
 */
export function formatHackDayMarkdown(
  hackDay: HackDayReport,
  options: { editUrl?: (file: string) => string | undefined; pageUrl?: (url: string) => string } = {},
): string {
  const { counts } = hackDay;
  const lines = [
    `# Documentation hack day: ${hackDay.today}`,
    '',
    `${counts.pages} pages · **${counts.overdue}** overdue for review · **${counts.danglingLinks}** broken links · **${counts.orphans}** orphan pages · ${counts.dueSoon} due soon${counts.otherErrors ? ` · ${counts.otherErrors} other errors` : ''}`,
    '',
  ];
  if (hackDay.owners.length === 0) lines.push('Nothing to do: every page is reviewed, linked and reachable.', '');
  for (const section of hackDay.owners) {
    lines.push(`## ${section.owner} (${section.items.length})`, '');
    for (const item of section.items) {
      const action = ACTIONS[item.rule] ?? 'Fix';
      const title =
        item.url && options.pageUrl ? `[${escapeMarkdown(item.title)}](${options.pageUrl(item.url)})` : escapeMarkdown(item.title);
      const edit = options.editUrl?.(item.file);
      const where = edit ? `[\`${item.file}:${item.line}\`](${edit})` : `\`${item.file}:${item.line}\``;
      lines.push(`- [ ] ${action} ${title}: ${item.detail ?? item.message} — ${where}`);
    }
    lines.push('');
  }
  for (const note of hackDay.notes) lines.push(`> ${note}`, '');
  return lines.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
