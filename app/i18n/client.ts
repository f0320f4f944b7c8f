import type { BackendModule } from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { NAMESPACES } from "./config";

/** Each language's namespace is its own small chunk, fetched when a page needs it. */
const files = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json");

export const translationBackend: BackendModule = resourcesToBackend((language: string, namespace: string) => {
  const load = files[`./locales/${language}/${namespace}.json`];
  return load ? load() : Promise.reject(new Error(`no translations for ${language}/${namespace}`));
});

interface RouteModuleLike {
  handle?: unknown;
}

/**
 * The namespaces the matched routes declare in `handle.i18n` (root declares what the frame uses). A page
 * route that declares nothing gets every namespace, so a new page works before anyone lists its namespaces.
 */
export function namespacesFor(routeModules: Record<string, RouteModuleLike | undefined>): string[] {
  const wanted = new Set<string>();
  for (const [id, module] of Object.entries(routeModules)) {
    const declared = (module?.handle as { i18n?: unknown } | undefined)?.i18n;
    if (Array.isArray(declared)) for (const ns of declared) wanted.add(String(ns));
    else if (id !== "root") return [...NAMESPACES];
  }
  return [...wanted];
}
