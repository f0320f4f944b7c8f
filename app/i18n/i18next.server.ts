import { createCookie } from "@remix-run/node";
import type { i18n as I18n, TFunction } from "i18next";
import { createInstance } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import type { Language } from "./config";
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, i18nOptions, isLanguage } from "./config";
import { resources } from "./resources";

// Order: explicit choice (cookie), then the browser's Accept-Language, then Chinese.
export const languageCookie = createCookie("yishi_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nOptions, resources },
});

/**
 * One ready i18next instance per language for the whole process. Resources are bundled and never change,
 * and an instance is never switched to another language, so requests can share it: creating and
 * initialising one per request cost a measurable share of every page (issue #11).
 */
const instances = new Map<Language, Promise<I18n>>();

export function i18nextFor(language: Language): Promise<I18n> {
  let instance = instances.get(language);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, resources, lng: language })
      .then(() => created);
    instances.set(language, instance);
  }
  return instance;
}

/** The reader's language and a translate function fixed to it (and to `namespace`, if given). */
export async function translatorFor(request: Request, namespace?: string): Promise<{ language: Language; t: TFunction }> {
  const language = await localeOf(request);
  const i18n = await i18nextFor(language);
  return { language, t: i18n.getFixedT(language, namespace ?? null) };
}

export async function localeOf(request: Request): Promise<Language> {
  const locale = await i18nServer.getLocale(request);
  return isLanguage(locale) ? locale : DEFAULT_LANGUAGE;
}
