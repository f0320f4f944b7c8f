const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The link target to emit, or null when the link must not become a link. Only absolute http, https and
 * mailto URLs pass; the URL is parsed the way browsers parse it (so "java\tscript:" and leading spaces are
 * judged as the browser would see them) and re-serialised, never passed through as typed.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}
