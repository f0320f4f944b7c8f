/** Dates as people in the community read them: China time, in the page's language. */
export function formatWhen(value: string | Date, language: string, withTime = true): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: language === "en" ? "short" : "numeric",
    day: "numeric",
    weekday: "short",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
  }).format(date);
}

export const STATUS_TONE: Record<string, string> = {
  planned: "bg-sky-100 text-sky-900",
  live: "bg-green-100 text-green-900",
  ended: "bg-stone-200 text-stone-800",
};
