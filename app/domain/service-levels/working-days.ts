// chinese-days is CommonJS: Node's ESM loader (the production build) cannot take named exports from it.
import chineseDays from "chinese-days";
import { DAY, HOUR } from "../../infra/clock";
import { chinaDateString, endOfChinaDay } from "../../infra/time";

/**
 * Deadlines counted the way 12345 hotlines and street offices count them: in working days of the official
 * Chinese calendar (public holidays off, 调休 make-up Saturdays and Sundays on, from the maintained
 * `chinese-days` tables), minus local closures staff add (a typhoon day, a community office move), or in
 * plain hours for urgent steps. Pure, so pages, the sweep and tests give the same answer.
 */
export const LEVEL_UNITS = ["working_days", "hours"] as const;
export type LevelUnit = (typeof LEVEL_UNITS)[number];

/** Is this China calendar date (yyyy-mm-dd) a working day, given the local closures (yyyy-mm-dd)? */
export function isWorkingDay(date: string, closures: ReadonlySet<string> = new Set()): boolean {
  return !closures.has(date) && chineseDays.isWorkday(date);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/**
 * The end (23:59:59 China time) of the `days`-th working day after the day of `start`; the start day itself
 * does not count ("within 3 working days of being raised"). Zero days: the end of the start day.
 */
export function addWorkingDays(start: Date, days: number, closures: ReadonlySet<string> = new Set()): Date {
  let date = chinaDateString(start);
  let counted = 0;
  // Bounded: even a long closure list cannot hold the loop (a year of days is far beyond any service level).
  for (let guard = 0; counted < days && guard < 366 * 3; guard++) {
    date = nextDate(date);
    if (isWorkingDay(date, closures)) counted++;
  }
  return endOfChinaDay(date);
}

export function deadlineAfter(start: Date, amount: number, unit: LevelUnit, closures: ReadonlySet<string> = new Set()): Date {
  return unit === "hours" ? new Date(start.getTime() + amount * HOUR) : addWorkingDays(start, amount, closures);
}

/**
 * How much time is left before `deadline`, in the unit of the level: the working days after today up to the
 * deadline's day (0: due today), or whole hours. When late, how many working days (or hours) past it.
 */
export function timeLeft(
  now: Date,
  deadline: Date,
  unit: LevelUnit,
  closures: ReadonlySet<string> = new Set(),
): { amount: number; unit: LevelUnit; overdue: boolean } {
  const overdue = now.getTime() > deadline.getTime();
  if (unit === "hours") {
    const hours = (deadline.getTime() - now.getTime()) / HOUR;
    return { amount: overdue ? -Math.ceil(-hours) : Math.floor(hours), unit, overdue };
  }
  const [from, to] = overdue ? [deadline, now] : [now, deadline];
  let date = chinaDateString(from);
  const last = chinaDateString(to);
  let count = 0;
  for (let guard = 0; date < last && guard < 366 * 3; guard++) {
    date = nextDate(date);
    if (isWorkingDay(date, closures)) count++;
  }
  return { amount: overdue ? -Math.max(count, 1) : count, unit, overdue };
}
