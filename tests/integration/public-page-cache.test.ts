import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PUBLIC_PAGE_FRESH_SECONDS, PUBLIC_PAGE_STALE_SECONDS } from "../../app/web/public-page";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { createCategories, createCommunity, createIssue, createUser } from "../helpers/fixtures";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";
import { createSession } from "../helpers/sessions";

/** The secret the test server signs cookies with (helpers/server.ts). */
const SESSION_SECRET = "integration-test-secret-0123456789";

/** The public-page cache (ADR 0018) from outside: what anonymous readers, signed-in readers and caches in front see. */
describe("public pages for anonymous readers are cached briefly, and a change is seen", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let world: Awaited<ReturnType<typeof createCommunity>> & { categoryId: string; reporterId: string };

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });
  beforeEach(async () => {
    const base = await createCommunity(database.db);
    const categories = await createCategories(database.db, base.community.id);
    const reporter = await createUser(database.db, { communityId: base.community.id, role: "resident" });
    world = { ...base, categoryId: Object.values(categories)[0].id, reporterId: reporter.user.id };
  });

  const browser = { "Accept-Language": "zh-CN,zh;q=0.9", "Accept-Encoding": "gzip, deflate, br" };
  const listUrl = () => `${server.url}/c/${world.community.slug}/issues`;
  const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { ...browser, ...headers } });

  it("a second anonymous reader gets the same copy with validators, shared-cache headers and a matching nonce; 304 carries no CSP", async () => {
    const first = await get(listUrl());
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    const second = await get(listUrl());
    const secondBody = await second.text();
    expect(second.headers.get("x-yishi-cache")).toBe("fresh");
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("content-encoding")).toBe("br");
    expect(secondBody).toBe(firstBody);
    expect(second.headers.get("cache-control")).toMatch(/public/);
    expect(second.headers.get("cache-control")).toMatch(new RegExp(`s-maxage=${PUBLIC_PAGE_FRESH_SECONDS}`));
    expect(second.headers.get("cache-control")).toMatch(/stale-while-revalidate/);
    expect(second.headers.get("vary")).toMatch(/Accept-Language/);
    expect(second.headers.get("vary")).toMatch(/Cookie/);
    expect(second.headers.get("last-modified")).toBeTruthy();
    // Every script the copy carries runs under the CSP header sent with that copy.
    const nonce = /'nonce-([^']+)'/.exec(second.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(secondBody).toContain(`nonce="${nonce}"`);

    const revalidated = await get(listUrl(), { "If-None-Match": second.headers.get("etag")! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
    expect(revalidated.headers.get("etag")).toBe(second.headers.get("etag"));
  });

  it("each language has its own copy", async () => {
    const zh = await (await get(listUrl())).text();
    const en = await (await get(listUrl(), { "Accept-Language": "en-GB,en;q=0.9" })).text();
    const zhAgain = await (await get(listUrl())).text();
    expect(zh).toContain('lang="zh-CN"');
    expect(en).toContain('lang="en"');
    expect(zhAgain).toContain('lang="zh-CN"');
    const byCookie = await (await get(listUrl(), { Cookie: "yishi_lng=en" })).text();
    expect(byCookie).toContain('lang="en"');
  });

  it("a signed-in reader is never served a shared copy and is told no one else may keep theirs", async () => {
    await get(listUrl());
    const staff = await createUser(database.db, { communityId: world.community.id, role: "community_staff" });
    const session = await createSession(database.db, staff.user.id, SESSION_SECRET);
    const page = await get(listUrl(), { Cookie: session.header });
    expect(page.status).toBe(200);
    expect(page.headers.get("x-yishi-cache")).toBeNull();
    expect(page.headers.get("cache-control")).toBe("private, no-cache");
    expect(await page.text()).toContain(staff.user.displayName);
  });

  it("an issue accepted through this server is on the public list at the next read", async () => {
    const issue = await createIssue(database.db, {
      communityId: world.community.id,
      categoryId: world.categoryId,
      reporterId: world.reporterId,
      title: "路灯不亮",
    });
    const acceptedList = `${listUrl()}?status=accepted`;
    expect(await (await get(acceptedList)).text()).not.toContain("路灯不亮");
    expect((await get(acceptedList)).headers.get("x-yishi-cache")).toBe("fresh");

    const staff = await createUser(database.db, { communityId: world.community.id, role: "community_staff" });
    const session = await createSession(database.db, staff.user.id, SESSION_SECRET);
    const form = new FormData();
    form.set("intent", "accept");
    form.set("version", String(issue.version));
    const accepted = await fetch(`${server.url}/c/${world.community.slug}/issues/${issue.number}`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: session.header, Origin: server.url },
    });
    expect(accepted.status).toBe(302);
    expect(await (await get(acceptedList)).text()).toContain("路灯不亮");
  });

  it("a change made elsewhere (another process, a script) is seen within the stated staleness", async () => {
    const issue = await createIssue(database.db, {
      communityId: world.community.id,
      categoryId: world.categoryId,
      reporterId: world.reporterId,
      title: "垃圾桶满了",
      status: "accepted",
    });
    expect(await (await get(listUrl())).text()).toContain("垃圾桶满了");
    const changedAt = Date.now();
    await database.db.issue.update({ where: { id: issue.id }, data: { title: "垃圾桶已清理" } });
    let seenAfter = Infinity;
    while (Date.now() - changedAt < (PUBLIC_PAGE_FRESH_SECONDS + PUBLIC_PAGE_STALE_SECONDS + 3) * 1000) {
      if ((await (await get(listUrl())).text()).includes("垃圾桶已清理")) {
        seenAfter = Date.now() - changedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(seenAfter).toBeLessThanOrEqual((PUBLIC_PAGE_FRESH_SECONDS + PUBLIC_PAGE_STALE_SECONDS) * 1000 + 500);
  }, 30_000);

  it("a client-side navigation's .data is cached like its page; an unknown page is not cached", async () => {
    const url = `${listUrl()}.data`;
    await get(url);
    const again = await get(url);
    expect(again.headers.get("x-yishi-cache")).toBe("fresh");
    expect(again.headers.get("content-type")).toMatch(/text\/x-script/);

    const missing = await get(`${server.url}/c/${world.community.slug}/issues/999999`);
    expect(missing.status).toBe(404);
    const missingAgain = await get(`${server.url}/c/${world.community.slug}/issues/999999`);
    expect(missingAgain.headers.get("x-yishi-cache")).toBe("bypass");
    expect(missingAgain.headers.get("cache-control") ?? "").not.toMatch(/public/);
  });

  it("static files: the favicon for an hour, hashed assets for a year and immutable; a page address is never taken for a file", async () => {
    const favicon = await get(`${server.url}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");
    const html = await (await get(listUrl())).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const script = await get(`${server.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await get(`${server.url}/favicon.svg/extra`)).status).toBe(404);
  });
});
