import type { HeadersFunction } from "@remix-run/node";

/**
 * How stale a public page may be for an anonymous reader (ADR 0018). A shared cache (this process's page
 * cache, nginx, a CDN) may answer from a copy for FRESH seconds, then for STALE more seconds while one
 * request fetches a new copy. A change made through this process is seen at once (its writes empty the
 * process's cache); one made through another process is seen within FRESH + STALE seconds.
 */
export const PUBLIC_PAGE_FRESH_SECONDS = 5;
export const PUBLIC_PAGE_STALE_SECONDS = 5;

export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${PUBLIC_PAGE_FRESH_SECONDS}, stale-while-revalidate=${PUBLIC_PAGE_STALE_SECONDS}`;

/**
 * The `headers` of a page anyone may read, the same for every anonymous reader in one language and text
 * size. Browsers revalidate every time (max-age=0, answered 304 while unchanged); shared caches may keep
 * it briefly. The edge turns this into `private` for a request that carries a session, so a signed-in
 * page is never stored by anyone but its reader; an error page is never cached.
 */
export const publicPageHeaders: HeadersFunction = ({ errorHeaders }) =>
  errorHeaders ? { "Cache-Control": "no-store" } : { "Cache-Control": PUBLIC_CACHE_CONTROL };
