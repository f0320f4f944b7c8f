import type { BackendModule } from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";

/** Each language's namespace is its own small chunk, fetched when a page needs it. */
const files = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json");

export const translationBackend: BackendModule = resourcesToBackend((language: string, namespace: string) => {
  const load = files[`./locales/${language}/${namespace}.json`];
  return load ? load() : Promise.reject(new Error(`no translations for ${language}/${namespace}`));
});
