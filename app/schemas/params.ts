import { z } from "zod";

/*
 * Shapes of what arrives in a URL (path segments, query strings) and in date fields. Every value is a
 * string first, checked by pattern before it is turned into anything else, so "1e308", "0x10", " 7" or a
 * 20-digit number never reach the database as a number it cannot store.
 */

/** Largest value a 32-bit `Int` column holds (SQLite and PostgreSQL alike). */
export const MAX_INT_COLUMN = 2_147_483_647;

/** A record id (cuid or a readable seed key): letters, digits, `_` and `-`. */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A community's slug in its address. */
export const slug = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/** A meeting's join code. */
export const joinCode = z.string().regex(/^[A-Za-z0-9]{4,12}$/);

/** A whole number written in plain digits, from 1 up to what an Int column holds. */
export const positiveInteger = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_INT_COLUMN));

/** A page number in a query string: absent means the first page; beyond `max` is out of range. */
export const pageNumber = (max = 10_000) =>
  z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .transform((value) => value ?? 1);

/** True when `value` names a day that exists in the calendar (no 2031-13-45, no 2031-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || year > 2199) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A `YYYY-MM-DD` day as date inputs send it, refused with `message` (a translation key) when it does not exist. */
export const calendarDate = (message: string) => z.string({ error: message }).refine(isCalendarDate, message);

/** A record id chosen in a form (a select or a hidden field); `message` when it is missing or malformed. */
export const idField = (message: string) => z.string({ error: message }).regex(/^[A-Za-z0-9_-]{1,64}$/, message);
