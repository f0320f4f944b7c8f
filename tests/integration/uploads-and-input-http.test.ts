import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { triageIssue } from "../../app/domain/issues/issue-actions.server";
import type { Actor } from "../../app/domain/permissions";
import { LocalDiskStorage, thumbnailKeyOf } from "../../app/infra/storage.server";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { createCommunity, createUser } from "../helpers/fixtures";
import { hasExif, headerOnlyPng, phonePhotoWithGps, pixelBombPng } from "../helpers/images";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe("photos and parameters over HTTP", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let uploadDir: string;
  let world: Awaited<ReturnType<typeof createCommunity>> & {
    category: { id: string };
    department: { id: string };
    reporter: Awaited<ReturnType<typeof createUser>>;
    neighbour: Awaited<ReturnType<typeof createUser>>;
    staff: Awaited<ReturnType<typeof createUser>>;
  };

  beforeAll(async () => {
    database = await freshSqlite();
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-uploads-"));
    server = await startServer(database.url, { UPLOAD_DIR: uploadDir });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
  });
  // Each test has a community of its own on the shared server: a reporter, a neighbour and staff.
  beforeEach(async () => {
    const base = await createCommunity(database.db);
    const category = await database.db.issueCategory.create({
      data: { communityId: base.community.id, key: "safety", nameZh: "安全隐患", nameEn: "Safety" },
    });
    const department = await database.db.unit.create({
      data: { streetId: base.street.id, nameZh: "街道城管科", nameEn: "Street Management", kind: "department", sectorGroup: "governance" },
    });
    world = {
      ...base,
      category,
      department,
      reporter: await createUser(database.db, { communityId: base.community.id, role: "resident" }),
      neighbour: await createUser(database.db, { communityId: base.community.id, role: "resident" }),
      staff: await createUser(database.db, { communityId: base.community.id, role: "community_staff" }),
    };
  });

  async function signIn(account: { username: string; password: string }): Promise<string> {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: account.username, password: account.password, redirectTo: "/" }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("yishi_session="));
    if (!cookie) throw new Error("sign-in failed");
    return `${cookie.split(";")[0]}; yishi_community=${encodeURIComponent(JSON.stringify(world.community.slug))}`;
  }

  function raiseForm(title: string, photos: { bytes: Uint8Array; name: string; type?: string }[]) {
    const form = new FormData();
    form.set("title", title);
    form.set("description", "楼道里电线裸露，小孩经过很危险。");
    form.set("categoryId", world.category.id);
    form.set("address", "3幢2单元");
    form.set("urgency", "high");
    for (const photo of photos)
      form.append("photos", new Blob([Buffer.from(photo.bytes)], { type: photo.type ?? "image/jpeg" }), photo.name);
    return form;
  }

  async function raise(cookie: string, form: FormData) {
    return fetch(`${server.url}/issues/new`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: cookie, "Accept-Language": "zh-CN" },
    });
  }

  async function photosOf(title: string) {
    const issue = await database.db.issue.findFirstOrThrow({
      where: { title, communityId: world.community.id },
      include: { attachments: true },
    });
    return { issue, keys: issue.attachments.map((a) => a.storageKey) };
  }

  const actor = (userId: string, role: "community_staff"): Actor => ({
    id: userId,
    streetAdminOfId: null,
    memberships: [{ communityId: world.community.id, streetId: world.street.id, role, isResidentRep: false, unitId: null, gridId: null }],
  });

  it('a phone photo with a GPS position is served without any EXIF, upright, with a small thumbnail; its file name may hold =;" and Chinese', async () => {
    const cookie = await signIn(world.reporter);
    const name = `家门口=危险;"中文"😀${"长".repeat(200)}.jpg`;
    const response = await raise(cookie, raiseForm("电线裸露", [{ bytes: await phonePhotoWithGps(1200, 600), name }]));
    expect(response.status).toBe(302);
    const { keys } = await photosOf("电线裸露");
    expect(keys).toHaveLength(1);

    const full = await fetch(`${server.url}/uploads/${keys[0]}`, { headers: { Cookie: cookie } });
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("image/jpeg");
    const fullBytes = new Uint8Array(await full.arrayBuffer());
    expect(await hasExif(fullBytes)).toBe(false);
    const fullMeta = await sharp(fullBytes).metadata();
    expect({ width: fullMeta.width, height: fullMeta.height }).toEqual({ width: 600, height: 1200 });

    const thumb = await fetch(`${server.url}/uploads/${thumbnailKeyOf(keys[0])}`, { headers: { Cookie: cookie } });
    expect(thumb.status).toBe(200);
    const thumbBytes = new Uint8Array(await thumb.arrayBuffer());
    expect(thumbBytes.byteLength).toBeLessThan(60 * 1024);
    expect(await hasExif(thumbBytes)).toBe(false);
  });

  it("photos of an issue not yet accepted: 404 for visitors and neighbours, private for its reporter and staff, public once accepted", async () => {
    const reporterCookie = await signIn(world.reporter);
    expect((await raise(reporterCookie, raiseForm("门禁坏了", [{ bytes: await phonePhotoWithGps(), name: "门禁.jpg" }]))).status).toBe(302);
    const { issue, keys } = await photosOf("门禁坏了");
    const urls = [`${server.url}/uploads/${keys[0]}`, `${server.url}/uploads/${thumbnailKeyOf(keys[0])}`];

    for (const url of urls) {
      expect((await fetch(url)).status).toBe(404);
      expect((await fetch(url, { headers: { Cookie: await signIn(world.neighbour) } })).status).toBe(404);
      for (const cookie of [reporterCookie, await signIn(world.staff)]) {
        const allowed = await fetch(url, { headers: { Cookie: cookie } });
        expect(allowed.status).toBe(200);
        expect(allowed.headers.get("cache-control")).toMatch(/^private/);
      }
    }
    // The issue page shows the neighbour no broken images either.
    const page = await fetch(`${server.url}/c/${world.community.slug}/issues/${issue.number}`);
    expect(await page.text()).not.toContain(keys[0].slice(0, -4));

    // Staff accept it from the issue page, as they would (the public page is then re-rendered at once).
    const accept = new FormData();
    accept.set("intent", "accept");
    accept.set("version", "0");
    const accepted = await fetch(`${server.url}/c/${world.community.slug}/issues/${issue.number}`, {
      method: "POST",
      redirect: "manual",
      body: accept,
      headers: { Cookie: await signIn(world.staff) },
    });
    expect(accepted.status).toBe(302);
    for (const url of urls) {
      const open = await fetch(url);
      expect(open.status).toBe(200);
      expect(open.headers.get("cache-control")).toMatch(/^public/);
    }
    const html = await (await fetch(`${server.url}/c/${world.community.slug}/issues/${issue.number}`)).text();
    expect(html).toContain(`src="/uploads/${thumbnailKeyOf(keys[0])}"`);
    expect(html).toContain(`href="/uploads/${keys[0]}"`);
  });

  it("a 30000×30000 PNG and a header-only PNG are refused with a translated reason, the typed text kept and nothing stored", async () => {
    const cookie = await signIn(world.reporter);
    const before = filesUnder(uploadDir);
    const cases = [
      { bytes: pixelBombPng(), name: "bomb.png", message: "“bomb.png”的像素太多" },
      { bytes: headerOnlyPng(), name: "empty.png", message: "“empty.png”已损坏或不完整" },
    ];
    for (const { bytes, name, message } of cases) {
      const response = await raise(cookie, raiseForm(`路灯不亮-${name}`, [{ bytes, name, type: "image/png" }]));
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain(`路灯不亮-${name}`);
      expect(html).toContain("楼道里电线裸露，小孩经过很危险。");
      expect(html).toContain("3幢2单元");
    }
    expect(filesUnder(uploadDir)).toEqual(before);
    expect(await database.db.issue.count({ where: { communityId: world.community.id, title: { startsWith: "路灯不亮-" } } })).toBe(0);
  });

  it("a multipart body that cannot be parsed is a translated 400, not a 500", async () => {
    const cookie = await signIn(world.reporter);
    const response = await fetch(`${server.url}/issues/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Accept-Language": "en", "Content-Type": "multipart/form-data; boundary=xyz" },
      body: '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\n\xff\xfe broken\r\n--xyz\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\nnot closed',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The form could not be read");
  });

  it("a title with a NUL is stored without it and its page renders it cleanly", async () => {
    const cookie = await signIn(world.reporter);
    expect((await raise(cookie, raiseForm("垃圾\u0000满了\u0007", []))).status).toBe(302);
    const issue = await database.db.issue.findFirstOrThrow({ where: { title: "垃圾满了", communityId: world.community.id } });
    const html = await (await fetch(`${server.url}/c/${world.community.slug}/issues/${issue.number}`)).text();
    expect(html).toContain("垃圾满了");
    expect(html.includes("\u0000") || html.includes("\u0007")).toBe(false);
  });

  it("unknown photo paths and traversal answer 404", async () => {
    for (const p of [
      `2026/11/${crypto.randomUUID()}.jpg`,
      `2026/11/${crypto.randomUUID()}.thumb.jpg`,
      "..%2F..%2Fetc%2Fpasswd",
      "2026/11/x.jpg",
      "%00",
    ]) {
      expect((await fetch(`${server.url}/uploads/${p}`)).status).toBe(404);
    }
  });

  it("an old photo stored as uploaded (with GPS, no thumbnail) is cleaned the first time it is asked for, under the same address", async () => {
    const storage = new LocalDiskStorage(uploadDir);
    const key = `2025/06/${crypto.randomUUID()}.jpg`;
    await storage.put(key, await phonePhotoWithGps(300, 100));
    expect((await raise(await signIn(world.reporter), raiseForm("旧照片", []))).status).toBe(302);
    const { issue } = await photosOf("旧照片");
    await triageIssue(database.db, new FakeClock(), actor(world.staff.user.id, "community_staff"), issue.id, {
      intent: "accept",
      version: 0,
    });
    await database.db.attachment.create({
      data: {
        storageKey: key,
        mime: "image/jpeg",
        bytes: 1000,
        width: 300,
        height: 100,
        uploaderId: world.reporter.user.id,
        issueId: issue.id,
      },
    });
    const [full, thumb] = await Promise.all([fetch(`${server.url}/uploads/${key}`), fetch(`${server.url}/uploads/${thumbnailKeyOf(key)}`)]);
    expect([full.status, thumb.status]).toEqual([200, 200]);
    const bytes = new Uint8Array(await full.arrayBuffer());
    expect(await hasExif(bytes)).toBe(false);
    expect(await hasExif((await storage.get(key)) ?? new Uint8Array())).toBe(false);
    expect((await sharp(bytes).metadata()).height).toBe(300);
    expect(await database.db.attachment.findUniqueOrThrow({ where: { storageKey: key } })).toMatchObject({ width: 100, height: 300 });
  });

  it("bad input in addresses and forms answers 400 or 404, never 500", async () => {
    const staffCookie = await signIn(world.staff);
    expect((await raise(await signIn(world.reporter), raiseForm("井盖松动", []))).status).toBe(302);
    const { issue } = await photosOf("井盖松动");
    const escalate = await fetch(`${server.url}/c/${world.community.slug}/issues/${issue.number}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: staffCookie, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "zh-CN" },
      body: new URLSearchParams({
        intent: "escalate",
        version: String(issue.version),
        unitId: world.department.id,
        dueDate: "2031-13-45",
        note: "请尽快",
      }),
    });
    expect(escalate.status).toBe(400);
    expect(await escalate.text()).toContain("请尽快");

    const table: [string, number][] = [
      ["/notifications?page=1e308", 400],
      ["/notifications?page=-1", 400],
      [`/c/${world.community.slug}/issues/99999999999999999999`, 404],
      [`/c/${world.community.slug}/issues/1e3`, 404],
      [`/c/${world.community.slug}/issues/%00`, 404],
      ["/c/%00/issues", 404],
      ["/meetings/%00", 404],
      ["/meetings/x%0Ay/decide", 404],
      ["/decisions/%00", 404],
      [`/meetings/${"x".repeat(80)}/minutes`, 404],
      ["/meetings/nosuchmeeting/minutes?revision=1e308", 400],
    ];
    for (const [url, status] of table) {
      const response = await fetch(`${server.url}${url}`, {
        redirect: "manual",
        headers: { Cookie: staffCookie, "Accept-Language": "zh-CN" },
      });
      expect([url, response.status]).toEqual([url, status]);
    }
    const bad = await fetch(`${server.url}/notifications?page=1e308`, { headers: { Cookie: staffCookie, "Accept-Language": "zh-CN" } });
    expect(await bad.text()).toContain("这个网址里有无法识别的内容");
  });

  it("the similar-issues hint answers a signed-out tab with nothing instead of sending it to the sign-in page", async () => {
    // A hint still in flight when its tab signs out must not navigate that tab (tests/e2e/shared-phone-drafts).
    const response = await fetch(`${server.url}/issues/similar?title=${encodeURIComponent("楼道堆物")}`, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ similar: [] });
  });
});
