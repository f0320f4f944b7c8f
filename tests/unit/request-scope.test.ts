import { describe, expect, it } from "vitest";
import { enterRequestScope, forgetRequestMemos, requestMemo } from "../../app/web/request-scope.server";

describe("reads kept for one request", () => {
  it("shares one read between the copies of a request Remix gives each loader", async () => {
    const context = {};
    const original = new Request("http://yishi.local/");
    const copy = new Request("http://yishi.local/?index", original);
    enterRequestScope(original, context);
    enterRequestScope(copy, context);
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await requestMemo(original, "user", read)).toBe(1);
    expect(await requestMemo(copy, "user", read)).toBe(1);
    expect(reads).toBe(1);
  });

  it("reads again for another request, and after an action has changed things", async () => {
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    const first = new Request("http://yishi.local/");
    enterRequestScope(first, {});
    const second = new Request("http://yishi.local/");
    enterRequestScope(second, {});
    await requestMemo(first, "user", read);
    await requestMemo(second, "user", read);
    expect(reads).toBe(2);
    forgetRequestMemos(first);
    expect(await requestMemo(first, "user", read)).toBe(3);
  });

  it("keeps a request's memos on itself when no loader tied it to a context", async () => {
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    const lone = new Request("http://yishi.local/socket");
    await requestMemo(lone, "user", read);
    await requestMemo(lone, "user", read);
    expect(reads).toBe(1);
  });
});
