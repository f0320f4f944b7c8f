/** Dates as people in the community read them (Beijing time), in the page's language. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString(language === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  });
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString(language === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "long" });
}
