import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  PageCache,
  bodyIn,
  cacheabilityOf,
  isNotModified,
  isSharedRead,
  preferredEncoding,
  variantKey,
} from "../../app/web/edge/page-cache.server";
import { PUBLIC_CACHE_CONTROL } from "../../app/web/public-page";

const page = (body: string, headers: Record<string, string> = { "Cache-Control": PUBLIC_CACHE_CONTROL }, status = 200) =>
  new Response(body, { status, headers: { "Content-Type": "text/html", ...headers } });

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("which requests and answers a shared copy may serve", () => {
  it("only anonymous GETs", () => {
    expect(isSharedRead("GET", {})).toBe(true);
    expect(isSharedRead("GET", { cookie: "yishi_lng=en; yishi_text=large" })).toBe(true);
    expect(isSharedRead("GET", { cookie: "yishi_lng=en; yishi_session=abc" })).toBe(false);
    expect(isSharedRead("GET", { authorization: "Bearer x" })).toBe(false);
    expect(isSharedRead("POST", {})).toBe(false);
    expect(isSharedRead("HEAD", {})).toBe(false);
  });

  it("only a 200 marked public with s-maxage that sets no cookie", () => {
    expect(cacheabilityOf(200, new Headers({ "Cache-Control": PUBLIC_CACHE_CONTROL }))).toEqual({ freshSeconds: 5, staleSeconds: 5 });
    expect(cacheabilityOf(404, new Headers({ "Cache-Control": PUBLIC_CACHE_CONTROL }))).toBeNull();
    expect(cacheabilityOf(200, new Headers({ "Cache-Control": "public, max-age=60" }))).toBeNull();
    expect(cacheabilityOf(200, new Headers({ "Cache-Control": "private, s-maxage=5" }))).toBeNull();
    expect(cacheabilityOf(200, new Headers({ "Cache-Control": PUBLIC_CACHE_CONTROL, "Set-Cookie": "a=b" }))).toBeNull();
    expect(cacheabilityOf(200, new Headers())).toBeNull();
  });

  it("a copy per address, language choice and text size; other cookies do not split copies", () => {
    const base = variantKey("http://x/c/a", { "accept-language": "zh-CN" });
    expect(variantKey("http://x/c/a", { "accept-language": "zh-CN", cookie: "other=1" })).toBe(base);
    expect(variantKey("http://x/c/a", { "accept-language": "en" })).not.toBe(base);
    expect(variantKey("http://x/c/a", { "accept-language": "zh-CN", cookie: "yishi_lng=en" })).not.toBe(base);
    expect(variantKey("http://x/c/a", { "accept-language": "zh-CN", cookie: "yishi_text=large" })).not.toBe(base);
    expect(variantKey("http://x/c/a?status=open", { "accept-language": "zh-CN" })).not.toBe(base);
  });

  it("brotli, then gzip, honouring q=0", () => {
    expect(preferredEncoding("gzip, deflate, br")).toBe("br");
    expect(preferredEncoding("gzip, br;q=0")).toBe("gzip");
    expect(preferredEncoding("deflate")).toBe("identity");
    expect(preferredEncoding(undefined)).toBe("identity");
    expect(preferredEncoding("*")).toBe("br");
  });
});

describe("PageCache", () => {
  it("renders once for many concurrent readers", async () => {
    const cache = new PageCache();
    let renders = 0;
    let finish: () => void = () => undefined;
    const rendered = new Promise<void>((resolve) => (finish = resolve));
    const render = async () => {
      renders++;
      await rendered;
      return page("<p>hello</p>");
    };
    // Every reader asks while the one render is still in progress.
    const readers = Promise.all(Array.from({ length: 20 }, () => cache.fetch("k", "", render)));
    finish();
    const results = await readers;
    expect(renders).toBe(1);
    for (const result of results) expect("page" in result && result.page.body.toString()).toBe("<p>hello</p>");
  });

  it("fresh, then stale while one reader re-renders, then gone", async () => {
    const time = clock();
    const cache = new PageCache({ now: time.now });
    let version = 1;
    const render = async () => page(`<p>v${version}</p>`);
    await cache.fetch("k", "", render);
    version = 2;
    time.advance(4_000);
    const fresh = await cache.fetch("k", "", render);
    expect("page" in fresh && [fresh.state, fresh.page.body.toString()]).toEqual(["fresh", "<p>v1</p>"]);
    time.advance(2_000);
    const stale = await cache.fetch("k", "", render);
    expect("page" in stale && [stale.state, stale.page.body.toString()]).toEqual(["stale", "<p>v1</p>"]);
    // The one background render replaces the copy; until then readers keep getting v1 without new renders.
    let renewed = stale;
    for (let turn = 0; turn < 100 && "page" in renewed && renewed.page.body.toString() === "<p>v1</p>"; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      renewed = await cache.fetch("k", "", render);
    }
    expect("page" in renewed && renewed.page.body.toString()).toBe("<p>v2</p>");
    version = 3;
    time.advance(11_000);
    const expired = await cache.fetch("k", "", render);
    expect("page" in expired && [expired.state, expired.page.body.toString()]).toEqual(["rendered", "<p>v3</p>"]);
  });

  it("hands back an answer it may not keep, and keeps nothing of it", async () => {
    const cache = new PageCache();
    const result = await cache.fetch("k", "", async () => page("nope", { "Cache-Control": "no-store" }, 404));
    expect("response" in result && result.response.status).toBe(404);
    expect(cache.size).toBe(0);
  });

  it("a render that began before clear() is not kept", async () => {
    const cache = new PageCache();
    let release: () => void = () => undefined;
    const pending = cache.fetch("k", "", () => new Promise<Response>((resolve) => (release = () => resolve(page("old")))));
    await Promise.resolve();
    cache.clear();
    release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it("the same content has the same tag across renders with different nonces; compressed once per encoding", async () => {
    const time = clock();
    const cache = new PageCache({ now: time.now });
    const first = await cache.fetch("k", "n1", async () => page('<script nonce="n1"></script>'));
    time.advance(20_000);
    const second = await cache.fetch("k", "n2", async () => page('<script nonce="n2"></script>'));
    if (!("page" in first) || !("page" in second)) throw new Error("expected copies");
    expect(second.page.etag).toBe(first.page.etag);
    expect(second.page.lastModified).toBe(first.page.lastModified);
    expect(isNotModified(second.page, { "if-none-match": first.page.etag })).toBe(true);
    expect(isNotModified(second.page, { "if-none-match": 'W/"other"' })).toBe(false);
    const br = bodyIn(second.page, "br");
    expect(bodyIn(second.page, "br")).toBe(br);
    expect(zlib.brotliDecompressSync(br).toString()).toBe('<script nonce="n2"></script>');
    expect(zlib.gunzipSync(bodyIn(second.page, "gzip")).toString()).toBe('<script nonce="n2"></script>');
  });
});
