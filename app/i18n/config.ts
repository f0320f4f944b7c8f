import enCommon from "./locales/en/common.json";
import enFigures from "./locales/en/figures.json";
import enIssues from "./locales/en/issues.json";
import enMeetings from "./locales/en/meetings.json";
import enMinutes from "./locales/en/minutes.json";
import zhCommon from "./locales/zh-CN/common.json";
import zhFigures from "./locales/zh-CN/figures.json";
import zhIssues from "./locales/zh-CN/issues.json";
import zhMeetings from "./locales/zh-CN/meetings.json";
import zhMinutes from "./locales/zh-CN/minutes.json";

export const SUPPORTED_LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";
export const DEFAULT_NAMESPACE = "common";
/** One namespace per area of the product, each in its own file per language. */
export const NAMESPACES = ["common", "issues", "meetings", "minutes", "figures"] as const;

/** Both languages are bundled: together they are small, and no request waits for a backend. */
export const resources = {
  "zh-CN": { common: zhCommon, issues: zhIssues, meetings: zhMeetings, minutes: zhMinutes, figures: zhFigures },
  en: { common: enCommon, issues: enIssues, meetings: enMeetings, minutes: enMinutes, figures: enFigures },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: DEFAULT_NAMESPACE,
  ns: [...NAMESPACES],
  resources,
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;

/** Picks the zh or en variant of a bilingual database field. */
export function localized(language: string, zh: string, en: string): string {
  return language === "en" ? en : zh;
}
