import { fromChinaWallTime } from "../../infra/time";

/**
 * The 三定 rule (定时 定点 定主题) as a calendar rule, pure: when the occurrences of a joint-meeting series
 * fall. Every date is China wall time (Asia/Shanghai, UTC+8 all year), whatever zone the server runs in.
 *
 *   quarterly, first month of the quarter, first Thursday, 14:30 → 2027-01-07, 2027-04-01, 2027-07-01 …
 *   monthly, day 31, 09:00 → 31 Jan, 28 Feb (29 in a leap year), 31 Mar, 30 Apr …
 */
export const SERIES_FREQUENCIES = ["monthly", "quarterly"] as const;
export const SERIES_DAY_RULES = ["nth_weekday", "day_of_month"] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];
export type SeriesDayRule = (typeof SERIES_DAY_RULES)[number];

export interface SeriesRule {
  frequency: SeriesFrequency;
  /** Quarterly: which month of the quarter, 1–3. Monthly: 1. */
  monthInPeriod: number;
  dayRule: SeriesDayRule;
  /** nth_weekday: 1–4, or -1 for the last such weekday of the month. */
  ordinal?: number | null;
  /** nth_weekday: 1 (Monday) – 7 (Sunday). */
  weekday?: number | null;
  /** day_of_month: 1–31; a month without that day uses its last day. */
  dayOfMonth?: number | null;
  /** "HH:MM", China time. */
  time: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Days in a month (month 1–12), by the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The day of the month the rule picks in one month. */
export function dayInMonth(rule: SeriesRule, year: number, month: number): number {
  const last = daysInMonth(year, month);
  if (rule.dayRule === "day_of_month") return Math.min(Math.max(1, rule.dayOfMonth ?? 1), last);
  const weekday = rule.weekday ?? 1;
  const ordinal = rule.ordinal ?? 1;
  if (ordinal === -1) {
    const lastWeekday = isoWeekday(year, month, last);
    return last - ((lastWeekday - weekday + 7) % 7);
  }
  const firstWeekday = isoWeekday(year, month, 1);
  return 1 + ((weekday - firstWeekday + 7) % 7) + (ordinal - 1) * 7;
}

/** Whether a month is one the series meets in. */
export function meetsInMonth(rule: SeriesRule, month: number): boolean {
  if (rule.frequency === "monthly") return true;
  return (month - 1) % 3 === rule.monthInPeriod - 1;
}

/** The occurrence in a given month (the caller checks meetsInMonth). */
export function occurrenceIn(rule: SeriesRule, year: number, month: number): Date {
  const day = dayInMonth(rule, year, month);
  return fromChinaWallTime(`${year}-${pad(month)}-${pad(day)}T${rule.time}:00`);
}

/** The next `count` occurrences strictly after `after`, earliest first. */
export function occurrencesAfter(rule: SeriesRule, after: Date, count: number): Date[] {
  const china = new Date(after.getTime() + 8 * 3_600_000);
  let year = china.getUTCFullYear();
  let month = china.getUTCMonth() + 1;
  const found: Date[] = [];
  // At most 3 months pass between two occurrences: a bounded walk, whatever the rule.
  for (let step = 0; found.length < count && step < count * 3 + 3; step++) {
    if (meetsInMonth(rule, month)) {
      const at = occurrenceIn(rule, year, month);
      if (at.getTime() > after.getTime()) found.push(at);
    }
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return found;
}

/**
 * Which occurrences to create now: enough future ones to have `ahead` scheduled after `now`, never one at
 * or before the latest already created (so regenerating is idempotent and an occurrence moved by hand is
 * not created again).
 */
export function occurrencesToCreate(
  rule: SeriesRule,
  now: Date,
  latestCreated: Date | null,
  scheduledAfterNow: number,
  ahead: number,
): Date[] {
  const missing = ahead - scheduledAfterNow;
  if (missing <= 0) return [];
  const from = latestCreated && latestCreated > now ? latestCreated : now;
  return occurrencesAfter(rule, from, missing);
}
