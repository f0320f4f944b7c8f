/**
 * The communities' time: China Standard Time (UTC+8, no daylight saving), whatever zone the server or the
 * browser is in, so a page rendered on the server and hydrated in the browser says the same thing.
 * Every date shown, every "end of the day" and every date picked in a form goes through here.
 *
 * Intl formatters are costly to build (tens of microseconds each) and pages format dozens of dates, so
 * each (language, style) formatter is built once per process.
 */
export const TIME_ZONE = "Asia/Shanghai";
export const UTC_OFFSET = "+08:00";
const OFFSET_MS = 8 * 3_600_000;

type Language = "zh-CN" | "en";
const localeOf = (language: string): string => (language === "en" ? "en-GB" : "zh-CN");
const languageOf = (language: string): Language => (language === "en" ? "en" : "zh-CN");

type Options = Intl.DateTimeFormatOptions;
const day = (l: Language): Options => ({ year: "numeric", month: l === "en" ? "short" : "numeric", day: "numeric" });
const clock: Options = { hour: "2-digit", minute: "2-digit", hour12: false };

const STYLES = {
  /** 2026/11/22 · 22 Nov 2026 */
  date: (l: Language): Options => day(l),
  /** 2026/11/22 19:30 */
  dateTime: (l: Language): Options => ({ ...day(l), ...clock }),
  /** 2026/11/22周日 · Sun, 22 Nov 2026 */
  weekdayDate: (l: Language): Options => ({ ...day(l), weekday: "short" }),
  /** 2026/11/22周日 19:30 */
  weekdayDateTime: (l: Language): Options => ({ ...day(l), ...clock, weekday: "short" }),
  /** 2026年11月22日 19:30 · 22 Nov 2026, 19:30 (documents: minutes, decisions) */
  documentDateTime: () => ({ dateStyle: "medium", timeStyle: "short" }),
  /** 2026年11月22日 · 22 November 2026 */
  longDate: () => ({ dateStyle: "long" }),
  /** 2026年11月22日 19:30 */
  longDateTime: () => ({ dateStyle: "long", timeStyle: "short" }),
  /** 2026/11/22 · 22/11/2026 */
  shortDate: () => ({}),
  /** 2026/11/22 19:30:05 · 22/11/2026, 19:30:05 */
  shortDateTime: () => ({ year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" }),
  /** 19:32:05 (a receipt's time of day) */
  timeOfDay: () => ({ hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }),
} satisfies Record<string, (l: Language) => Options>;
export type DateStyle = keyof typeof STYLES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string, style: DateStyle): Intl.DateTimeFormat {
  const l = languageOf(language);
  const key = `${l}|${String(style)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeOf(l), { timeZone: TIME_ZONE, ...STYLES[style](l) });
    dateFormats.set(key, format);
  }
  return format;
}

/** An instant as people in the community read it, in the page's language. `null` reads "—". */
export function formatInstant(value: string | number | Date | null | undefined, language: string, style: DateStyle): string {
  if (value === null || value === undefined || value === "") return "—";
  return dateFormat(language, style).format(typeof value === "string" ? new Date(value) : value);
}

/** The tracker's dates: day, and by default the time; meetings add the weekday (people plan evenings by it). */
export function formatDateTime(value: string | Date, language: string, withTime = true, withWeekday = false): string {
  const style: DateStyle = withWeekday ? (withTime ? "weekdayDateTime" : "weekdayDate") : withTime ? "dateTime" : "date";
  return formatInstant(value, language, style);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${languageOf(language)}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), options);
    numberFormats.set(key, format);
  }
  return format;
}

/** 3.5 · 12 — a count of days or the like, at most one decimal. */
export function formatNumber(value: number, language: string): string {
  return numberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

/** 0.92 → "92%". */
export function formatPercent(fraction: number, language: string): string {
  return numberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

/** The calendar date in China of an instant, as yyyy-mm-dd (for date inputs and day arithmetic). */
export function chinaDateString(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant as "yyyy-mm-dd hh:mm" in China, unambiguous in both languages (e.g. "work may start after …"). */
export function chinaDateTimeString(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** A date picked in a form ("2026-12-01") means the end of that day in China: "due on the 1st" is not late at 08:00. */
export function endOfChinaDay(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59.999${UTC_OFFSET}`);
}

/** `<input type="datetime-local">` gives wall time without a zone: it is China's wall time. */
export function fromChinaWallTime(value: string): Date {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}${UTC_OFFSET}`);
}
