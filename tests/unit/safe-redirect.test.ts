import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/web/safe-redirect";

describe("where a person lands after signing in or switching language", () => {
  it.each([
    ["/meetings", "/meetings"],
    ["/c/songmuchang/issues?status=open#list", "/c/songmuchang/issues?status=open#list"],
    ["/issues/new?title=楼道堆物", "/issues/new?title=%E6%A5%BC%E9%81%93%E5%A0%86%E7%89%A9"],
    ["/c/松木场", "/c/%E6%9D%BE%E6%9C%A8%E5%9C%BA"],
    ["/issues/new?title=%E6%A5%BC", "/issues/new?title=%E6%A5%BC"],
    ["/a/../meetings", "/meetings"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
  ])("stays on the site for %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    ["a tab between the slashes", "/\t/localhost:8999/phish"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return and line feed", "/\r\n/evil.example"],
    ["a protocol-relative address", "//evil.example"],
    ["a backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a dot segment that collapses to //", "/.//evil.example"],
    ["a full address", "https://evil.example/"],
    ["a javascript: address", "javascript:alert(1)"],
    ["a relative path", "meetings"],
    ["a leading space", " //evil.example"],
    ["an empty value", ""],
    ["a very long value", `/${"a".repeat(5_000)}`],
  ])("goes home for %s", (_label, input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it("goes to the fallback when nothing usable was sent", () => {
    expect(safeRedirect(null, "/notifications")).toBe("/notifications");
    expect(safeRedirect(undefined)).toBe("/");
  });

  it("never yields a value that leaves the site or breaks a Location header, whatever is sent", () => {
    const base = "http://yishi.invalid";
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.string().map((s) => `/${s}`),
          fc.constantFrom("/", "\\", "\t", "\n", "%", ".", "/").chain((c) => fc.string().map((s) => `/${c}${s}`)),
        ),
        (input) => {
          const out = safeRedirect(input);
          expect(out.startsWith("/")).toBe(true);
          expect(out.startsWith("//")).toBe(false);
          expect(/^[\x21-\x7e]*$/.test(out)).toBe(true);
          expect(new URL(out, base).origin).toBe(base);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
