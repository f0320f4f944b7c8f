import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  BODY_LIMITS,
  BodyLimit,
  BodyTooLargeError,
  bodyKindFor,
  declaredLengthExceeds,
  formatLimit,
} from "../../app/web/edge/body-limits.server";
import { violationsIn } from "../../app/web/edge/csp-reports.server";
import { routeLabel } from "../../app/web/edge/metrics.server";
import { checkOrigin, publicOriginOf } from "../../app/web/edge/same-origin.server";

describe("which writes count as coming from this site", () => {
  const own = { publicOrigin: null };
  const configured = { publicOrigin: publicOriginOf("https://yishi.example.cn/some/path") };

  it.each([
    ["this site's own page", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }, true],
    ["a person typing the address", { host: "127.0.0.1:3000", "sec-fetch-site": "none" }, true],
    ["a program without browser headers", { host: "127.0.0.1:3000" }, true],
    ["a page on another port", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:8999" }, false],
    ["a same-site page the browser marks", { host: "127.0.0.1:3000", "sec-fetch-site": "same-site" }, false],
    ["another website", { host: "127.0.0.1:3000", "sec-fetch-site": "cross-site", origin: "https://evil.example" }, false],
    ["an opaque origin (sandboxed frame)", { host: "127.0.0.1:3000", origin: "null" }, false],
    ["a garbled Origin", { host: "127.0.0.1:3000", origin: "::::" }, false],
  ])("without PUBLIC_URL: %s", (_label, headers, allowed) => {
    expect(checkOrigin(headers, own).allowed).toBe(allowed);
  });

  it("with PUBLIC_URL, only its origin counts, whatever Host says", () => {
    expect(checkOrigin({ host: "10.0.0.5:3000", origin: "https://yishi.example.cn" }, configured).allowed).toBe(true);
    expect(checkOrigin({ host: "10.0.0.5:3000", origin: "http://10.0.0.5:3000" }, configured).allowed).toBe(false);
    expect(checkOrigin({ host: "yishi.example.cn", origin: "http://yishi.example.cn" }, configured).allowed).toBe(false);
  });
});

describe("how much a request may send", () => {
  it.each([
    ["/join", "form"],
    ["/login.data", "form"],
    ["/issues/new", "photos"],
    ["/issues/new.data", "photos"],
    ["/c/songmuchang/issues/12", "photos"],
    ["/meetings/abc/minutes", "minutes"],
    ["/meetings/abc/minutes/autosave", "minutes"],
    ["/csp-report", "cspReport"],
  ])("%s takes a %s body", (path, kind) => {
    expect(bodyKindFor(path)).toBe(kind);
  });

  it("lets six 8 MB photos through but not the whole heap", () => {
    expect(BODY_LIMITS.photos).toBeGreaterThanOrEqual(6 * 8 * 1024 * 1024);
    expect(BODY_LIMITS.photos).toBeLessThan(64 * 1024 * 1024);
    expect(formatLimit(BODY_LIMITS.form)).toBe("256 KB");
  });

  it("refuses a declared length over the limit and ignores a missing or garbled one", () => {
    expect(declaredLengthExceeds("262145", BODY_LIMITS.form)).toBe(true);
    expect(declaredLengthExceeds("262144", BODY_LIMITS.form)).toBe(false);
    expect(declaredLengthExceeds(undefined, BODY_LIMITS.form)).toBe(false);
    expect(declaredLengthExceeds("lots", BODY_LIMITS.form)).toBe(false);
  });

  it("passes a body up to the limit and fails the stream one byte over it", async () => {
    const sink = () => new Writable({ write: (_c, _e, done) => done() });
    await expect(pipeline(Readable.from([Buffer.alloc(600), Buffer.alloc(400)]), new BodyLimit(1_000), sink())).resolves.toBeUndefined();
    const limiter = new BodyLimit(1_000);
    await expect(pipeline(Readable.from([Buffer.alloc(600), Buffer.alloc(401)]), limiter, sink())).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect(limiter.exceeded).toBe(true);
  });
});

describe("what operators see", () => {
  it.each([
    ["/c/songmuchang/issues/12", 200, "/c/:community/issues/:id"],
    ["/meetings/cm9x2abc0000/minutes", 200, "/meetings/:id/minutes"],
    ["/m/AB12CD", 200, "/m/:code"],
    ["/issues/new.data", 200, "/issues/new"],
    ["/assets/root-Abc123.js", 200, "/assets/*"],
    ["/anything/at/all", 404, "(unmatched)"],
  ])("%s (%i) is timed as %s", (path, status, label) => {
    expect(routeLabel(path, status)).toBe(label);
  });

  it("reads both report formats and keeps no query strings", () => {
    const legacy = violationsIn({
      "csp-report": {
        "document-uri": "https://y.example/m/AB12?code=1",
        "blocked-uri": "https://cdn.example/x.js#f",
        "violated-directive": "script-src",
      },
    });
    expect(legacy).toEqual([
      {
        documentUri: "https://y.example/m/AB12",
        blockedUri: "https://cdn.example/x.js",
        directive: "script-src",
        disposition: undefined,
        sourceFile: undefined,
        line: undefined,
      },
    ]);
    const modern = violationsIn([
      {
        type: "csp-violation",
        url: "https://y.example/",
        body: { blockedURL: "inline", effectiveDirective: "script-src-elem", lineNumber: 3 },
      },
      { type: "deprecation" },
    ]);
    expect(modern).toHaveLength(1);
    expect(modern[0]).toMatchObject({ blockedUri: "inline", directive: "script-src-elem", line: 3 });
    expect(violationsIn("nonsense")).toEqual([]);
    expect(violationsIn(Array.from({ length: 100 }, () => ({ "csp-report": {} })))).toHaveLength(20);
  });
});
