import { NAMESPACES } from "./config";

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
