/**
 * Dates in the communities' own time zone (China Standard Time), whatever the server's or browser's
 * zone is, so the server-rendered page and the hydrated one agree.
 */
export function formatDateTime(value: string | Date, language: string, withTime = true, withWeekday = false): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: language === "en" ? "short" : "numeric",
    day: "numeric",
    ...(withWeekday ? { weekday: "short" as const } : {}),
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
  }).format(date);
}

export function formatDays(days: number, language: string): string {
  return new Intl.NumberFormat(language === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 1 }).format(days);
}
