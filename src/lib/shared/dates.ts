/** Dates as the knowledge base writes them: `YYYY-MM-DD`, UTC calendar days. */

/** A YYYY-MM-DD text as a UTC midnight date; undefined when it is not a real date (`2026-02-30`). */
export function parseIsoDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text) ? date : undefined;
}

/** True when `text` is a real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

/** Formats a date as YYYY-MM-DD. */
export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today as a UTC date: `KB_TODAY` when set (reproducible builds and tests), the clock otherwise. */
export function resolveToday(explicit?: string, env: NodeJS.ProcessEnv = process.env): Date {
  const text = explicit ?? env.KB_TODAY;
  if (text !== undefined && text !== '') {
    const date = parseIsoDate(text);
    if (!date) throw new Error(`Unexpected date \`${text}\`, expected YYYY-MM-DD (from ${explicit ? '--today' : 'KB_TODAY'})`);
    return date;
  }
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
