import crypto from "node:crypto";
import zlib from "node:zlib";
import { LRUCache } from "lru-cache";

/**
 * A shared cache for public pages inside the process (ADR 0018), as nginx's proxy cache would be in front
 * of it: only pages a route marked `public, s-maxage` (web/public-page.ts), only for requests without a
 * session, only answers that set no cookie. One render per page and reader variant per freshness window
 * however many readers ask (concurrent misses wait for the same render); after the window one reader
 * re-renders while the others get the copy for at most `stale-while-revalidate` seconds more. Each copy is
 * compressed once per encoding, and answered 304 to a reader who already has it.
 *
 * The copy keeps the CSP nonce it was rendered with, so every reader of one copy gets the same nonce. That
 * nonce is still unknown to anyone before the render: content stored or reflected into a page cannot carry
 * it, which is what the nonce is for.
 */
export interface PageCacheOptions {
  /** Most copies kept (least recently used go first). */
  maxEntries?: number;
  /** Most bytes of uncompressed pages kept. */
  maxBytes?: number;
  /** A page bigger than this is answered but never kept. */
  maxPageBytes?: number;
  now?: () => number;
}

export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  etag: string;
  lastModified: string;
  freshUntil: number;
  staleUntil: number;
  encoded: Map<Encoding, Buffer>;
}

type Encoding = "br" | "gzip" | "identity";

/** What a rendered answer says about being cached. */
export interface Cacheability {
  freshSeconds: number;
  staleSeconds: number;
}

/** Headers a copy never repeats: they describe one transfer, or are recomputed for every answer. */
const PER_ANSWER = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "date",
  "etag",
  "last-modified",
  "vary",
]);

export const SESSION_COOKIE = "yishi_session";
/** What a copy depends on, for caches in front of this one. */
export const CACHE_VARY = "Accept-Encoding, Accept-Language, Cookie";

/**
 * May this request be answered from a shared copy? Only plain reads with no session: a signed-in reader's
 * page shows their name, their rights and their unread count.
 */
export function isSharedRead(method: string, headers: { cookie?: string; authorization?: string }): boolean {
  if (method !== "GET") return false;
  if (headers.authorization) return false;
  return !hasCookie(headers.cookie, SESSION_COOKIE);
}

export function hasCookie(cookieHeader: string | undefined, name: string): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => part.trim().startsWith(`${name}=`));
}

function cookieValue(cookieHeader: string | undefined, name: string): string {
  if (!cookieHeader) return "";
  for (const part of cookieHeader.split(";")) {
    const trimmed = part.trim();
    if (trimmed.startsWith(`${name}=`)) return trimmed.slice(name.length + 1);
  }
  return "";
}

/**
 * The copy a reader gets depends on the address and on what chooses the page's language and text size:
 * the language cookie, else Accept-Language, and the text-size cookie. Nothing else of an anonymous
 * request reaches a public page.
 */
export function variantKey(url: string, headers: { cookie?: string; "accept-language"?: string }): string {
  const language = cookieValue(headers.cookie, "yishi_lng") || `al:${(headers["accept-language"] ?? "").slice(0, 100)}`;
  return `${url}\n${language}\n${cookieValue(headers.cookie, "yishi_text")}`;
}

/** `public, s-maxage=N[, stale-while-revalidate=M]` on a 200 that sets no cookie → how long to keep it. */
export function cacheabilityOf(status: number, headers: Headers): Cacheability | null {
  if (status !== 200 || headers.has("set-cookie")) return null;
  const control = headers.get("cache-control") ?? "";
  if (!/\bpublic\b/.test(control) || /\b(no-store|private|no-cache)\b/.test(control)) return null;
  const fresh = /\bs-maxage=(\d+)/.exec(control);
  if (!fresh) return null;
  const stale = /\bstale-while-revalidate=(\d+)/.exec(control);
  return { freshSeconds: Number(fresh[1]), staleSeconds: stale ? Number(stale[1]) : 0 };
}

/** br, then gzip, by the reader's Accept-Encoding (q=0 means no). */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  const offered = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
    if (name) offered.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const accepts = (name: string) => (offered.get(name) ?? offered.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return "identity";
}

/** Same content → same tag, across renders: the per-render nonce is left out of the hash. */
function etagOf(body: Buffer, nonce: string): string {
  const text = nonce ? body.toString("utf8").replaceAll(nonce, "") : body;
  return `W/"${crypto.createHash("sha1").update(text).digest("base64url")}"`;
}

export class PageCache {
  private readonly copies: LRUCache<string, CachedPage>;
  private readonly rendering = new Map<string, Promise<CachedPage | null>>();
  private readonly maxPageBytes: number;
  private readonly now: () => number;
  /** Bumped by clear(): a render that began before a write must not store what it read. */
  private generation = 0;

  constructor(options: PageCacheOptions = {}) {
    this.maxPageBytes = options.maxPageBytes ?? 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.copies = new LRUCache<string, CachedPage>({
      max: options.maxEntries ?? 2_000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (page) => page.body.length + 256,
    });
  }

  get size(): number {
    return this.copies.size;
  }

  /** Drops every copy (this process wrote something a page may show). */
  clear(): void {
    this.generation++;
    this.copies.clear();
    this.rendering.clear();
  }

  /**
   * The copy for `key`, rendering it when there is none. `render` returns the rendered Response; when it is
   * not cacheable the caller gets it back to send as it is (and readers who waited for it render their own).
   */
  async fetch(
    key: string,
    nonce: string,
    render: () => Promise<Response>,
  ): Promise<{ page: CachedPage; state: "fresh" | "stale" | "rendered" } | { response: Response }> {
    const now = this.now();
    const copy = this.copies.get(key);
    if (copy && now < copy.freshUntil) return { page: copy, state: "fresh" };
    if (copy && now < copy.staleUntil) {
      if (!this.rendering.has(key)) void this.renderOnce(key, nonce, render, copy).catch(() => undefined);
      return { page: copy, state: "stale" };
    }
    const inProgress = this.rendering.get(key);
    if (inProgress) {
      const page = await inProgress.catch(() => null);
      if (page) return { page, state: "fresh" };
      return { response: await render() };
    }
    let own: Response | null = null;
    const page = await this.renderOnce(key, nonce, render, copy, (response) => (own = response));
    if (page) return { page, state: "rendered" };
    return { response: own ?? (await render()) };
  }

  private renderOnce(
    key: string,
    nonce: string,
    render: () => Promise<Response>,
    previous: CachedPage | undefined,
    keepUncacheable?: (response: Response) => void,
  ): Promise<CachedPage | null> {
    const generation = this.generation;
    const work = (async () => {
      const response = await render();
      const cacheability = cacheabilityOf(response.status, response.headers);
      if (!cacheability) {
        if (keepUncacheable) keepUncacheable(response);
        else await response.body?.cancel();
        return null;
      }
      const body = Buffer.from(await response.arrayBuffer());
      const page = this.pageOf(response, body, nonce, cacheability, previous);
      if (body.length <= this.maxPageBytes && generation === this.generation) this.copies.set(key, page);
      return page;
    })();
    this.rendering.set(key, work);
    return work.finally(() => {
      if (this.rendering.get(key) === work) this.rendering.delete(key);
    });
  }

  private pageOf(response: Response, body: Buffer, nonce: string, cacheability: Cacheability, previous?: CachedPage): CachedPage {
    const now = this.now();
    const etag = etagOf(body, nonce);
    const headers: [string, string][] = [];
    for (const [name, value] of response.headers.entries()) if (!PER_ANSWER.has(name.toLowerCase())) headers.push([name, value]);
    return {
      status: response.status,
      headers,
      body,
      etag,
      // Unchanged content keeps the time it first appeared, so If-Modified-Since still matches.
      lastModified: previous?.etag === etag ? previous.lastModified : new Date(now).toUTCString(),
      freshUntil: now + cacheability.freshSeconds * 1000,
      staleUntil: now + (cacheability.freshSeconds + cacheability.staleSeconds) * 1000,
      encoded: new Map(),
    };
  }
}

/** The body of a copy in one encoding, compressed on first use and kept with the copy. */
export function bodyIn(page: CachedPage, encoding: Encoding): Buffer {
  if (encoding === "identity") return page.body;
  let encoded = page.encoded.get(encoding);
  if (!encoded) {
    encoded =
      encoding === "br"
        ? zlib.brotliCompressSync(page.body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            },
          })
        : zlib.gzipSync(page.body, { level: 9 });
    page.encoded.set(encoding, encoded);
  }
  return encoded;
}

/** Does the reader already hold this copy (If-None-Match, else If-Modified-Since)? */
export function isNotModified(page: CachedPage, headers: { "if-none-match"?: string; "if-modified-since"?: string }): boolean {
  const tags = headers["if-none-match"];
  if (tags) return tags.split(",").some((tag) => tag.trim() === page.etag || tag.trim() === "*");
  const since = headers["if-modified-since"];
  if (!since) return false;
  const sinceTime = Date.parse(since);
  return Number.isFinite(sinceTime) && Date.parse(page.lastModified) <= sinceTime;
}
