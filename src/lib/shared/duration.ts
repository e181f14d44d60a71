import { z } from 'zod';

const DURATION = /^(\d+)\s*([dwmy])$/;

/** A review interval such as `90d`, `6w`, `6m` or `1y`. */
export const durationSchema = z
  .string()
  .regex(DURATION, 'Expected a duration like `90d`, `6w`, `6m` or `1y`')
  // `0d` would make every page overdue the day it is reviewed.
  .refine((text) => (parseDuration(text)?.amount ?? 1) > 0, 'Expected a duration longer than zero, like `90d`');

export type Duration = { amount: number; unit: 'd' | 'w' | 'm' | 'y' };

/** Parses `90d`/`6w`/`6m`/`1y`; returns undefined for anything else. */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return { amount: Number(match[1]), unit: match[2] as Duration['unit'] };
}

/** Adds a duration to a UTC calendar date; months and years keep the day of month where it exists. */
export function addDuration(date: Date, duration: Duration): Date {
  const result = new Date(date.getTime());
  switch (duration.unit) {
    case 'd':
      result.setUTCDate(result.getUTCDate() + duration.amount);
      break;
    case 'w':
      result.setUTCDate(result.getUTCDate() + duration.amount * 7);
      break;
    case 'm':
      addMonthsClamped(result, duration.amount);
      break;
    case 'y':
      addMonthsClamped(result, duration.amount * 12);
      break;
  }
  return result;
}

function addMonthsClamped(date: Date, months: number): void {
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
}
