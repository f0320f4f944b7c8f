export const SUPPORTED_LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";
export const DEFAULT_NAMESPACE = "common";
/** One namespace per area of the product, each in its own file per language. */
export const NAMESPACES = [
  "common",
  "issues",
  "meetings",
  "minutes",
  "units",
  "people",
  "figures",
  "volunteering",
  "enrol",
  "admin",
  "opendata",
] as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: DEFAULT_NAMESPACE,
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;

/** Picks the zh or en variant of a bilingual database field. */
export function localized(language: string, zh: string, en: string): string {
  return language === "en" ? en : zh;
}
