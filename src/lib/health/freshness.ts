import type { KbConfig } from '../shared/config.js';
import { parseIsoDate, formatIsoDate } from '../shared/dates.js';
import { addDuration, parseDuration } from '../shared/duration.js';

// Re-exported for the presenters that show review dates.
export { formatIsoDate, parseIsoDate, resolveToday } from '../shared/dates.js';
import type { Collection } from '../content/schema.js';

/** How current a page is: `fresh`, `due-soon` (inside the window before its due date), `stale` (past due). */
export type FreshnessState = 'fresh' | 'due-soon' | 'stale' | 'unknown';

export interface Freshness {
  state: FreshnessState;
  /** YYYY-MM-DD, as written in the frontmatter. */
  lastReviewed?: string;
  /** YYYY-MM-DD the next review is due. */
  dueDate?: string;
  /** The interval that applies: the page's `review-every` or its collection's default. */
  interval: string;
  /** Days from today to the due date; negative once overdue. */
  daysUntilDue?: number;
  /** Days since the last review. */
  daysSinceReview?: number;
}

const DAY = 86_400_000;

/** The date a page is next due for review: last review plus its interval. */
export function reviewDueDate(lastReviewed: string, interval: string): Date | undefined {
  const date = parseIsoDate(lastReviewed);
  const duration = parseDuration(interval);
  return date && duration ? addDuration(date, duration) : undefined;
}

/** Freshness of a page from its frontmatter, its collection's defaults and "today". */
export function freshnessOf(
  page: { collection: Collection; lastReviewed?: string; reviewEvery?: string },
  config: KbConfig,
  today: Date,
): Freshness {
  const interval = page.reviewEvery ?? config.review[page.collection];
  const reviewed = page.lastReviewed ? parseIsoDate(page.lastReviewed) : undefined;
  const due = page.lastReviewed ? reviewDueDate(page.lastReviewed, interval) : undefined;
  if (!reviewed || !due) return { state: 'unknown', lastReviewed: page.lastReviewed, interval };
  const daysUntilDue = Math.round((due.getTime() - today.getTime()) / DAY);
  const soonWindow = parseDuration(config.review.dueSoonWindow);
  const soonStart = soonWindow ? addDuration(today, soonWindow) : today;
  const state: FreshnessState = daysUntilDue < 0 ? 'stale' : due.getTime() <= soonStart.getTime() ? 'due-soon' : 'fresh';
  return {
    state,
    lastReviewed: page.lastReviewed,
    dueDate: formatIsoDate(due),
    interval,
    daysUntilDue,
    daysSinceReview: Math.round((today.getTime() - reviewed.getTime()) / DAY),
  };
}

/** Human wording for a span of days: "today", "3 days", "5 weeks", "4 months", "2 years". */
export function describeDays(days: number): string {
  const abs = Math.abs(days);
  if (abs === 0) return 'today';
  if (abs < 14) return `${abs} day${abs === 1 ? '' : 's'}`;
  if (abs < 60) return `${Math.round(abs / 7)} weeks`;
  if (abs < 730) return `${Math.round(abs / 30.44)} months`;
  return `${Math.round(abs / 365.25)} years`;
}

/** Badge text shown on pages and in search results, neutral in tone. */
export const FRESHNESS_LABELS: Record<FreshnessState, string> = {
  fresh: 'Reviewed',
  'due-soon': 'Review due soon',
  stale: 'Review overdue',
  unknown: 'Not reviewed',
};

/** Short badge text and details for a page, the same wording everywhere it is shown. */
export function freshnessSummary(freshness: Freshness): { label: string; detail: string } {
  const label = FRESHNESS_LABELS[freshness.state];
  if (freshness.state === 'unknown' || freshness.daysSinceReview === undefined) return { label, detail: 'No valid last-reviewed date' };
  const ago = freshness.daysSinceReview === 0 ? 'today' : `${describeDays(freshness.daysSinceReview)} ago`;
  const due = freshness.state === 'stale' ? `was due ${freshness.dueDate}` : `next review due ${freshness.dueDate}`;
  return { label, detail: `Last reviewed ${freshness.lastReviewed} (${ago}); ${due}` };
}
