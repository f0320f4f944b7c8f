import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { openMinutes, publishMinutes, sendForReview, signOff } from "../../app/domain/minutes/minutes.server";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { createEndedMeeting } from "../helpers/meeting-record";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

describe("minutes over HTTP", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let world: Awaited<ReturnType<typeof createEndedMeeting>>;
  let staffCookie = "";

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });
  // Each test has an ended meeting of its own, and its staff signed in.
  beforeEach(async () => {
    world = await createEndedMeeting(database.db);
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: world.users.staff.username, password: world.users.staff.password, redirectTo: "/" }),
    });
    staffCookie = (login.headers.getSetCookie().find((c) => c.startsWith("yishi_session=")) ?? "").split(";")[0];
    expect(staffCookie).not.toBe("");
  });

  /** The meeting's minutes as staff draft them from the record on the workspace page. */
  async function draftOverHttp() {
    expect((await post(`/meetings/${world.meeting.id}/minutes`, { intent: "create" })).status).toBe(302);
    return database.db.minutes.findUniqueOrThrow({ where: { meetingId: world.meeting.id } });
  }

  /** Drafted, sent for review, signed by the host and published, through the minutes use cases. */
  async function publishedMinutes() {
    const clock = new FakeClock();
    const minutes = await openMinutes(database.db, clock, world.actors.staff, world.meeting.id, (key) => key, "zh-CN");
    await sendForReview(database.db, clock, world.actors.staff, minutes.id);
    await signOff(database.db, clock, world.actors.host, { minutesId: minutes.id, revision: minutes.revision });
    return publishMinutes(database.db, clock, world.actors.staff, { minutesId: minutes.id });
  }

  const post = (path: string, form: Record<string, string>, cookie = staffCookie) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "Accept-Language": "zh-CN" },
      body: new URLSearchParams(form),
    });

  it("drafts from the meeting, autosaves, and refuses tampered, unknown and stale documents with translated errors", async () => {
    const base = `/meetings/${world.meeting.id}/minutes`;
    const minutes = await draftOverHttp();
    const doc = JSON.parse(minutes.content) as { root: { children: unknown[] } };

    const tampered = minutes.content.replace('"total":2', '"total":200');
    const refused = await post(`${base}/autosave`, { intent: "save", minutesId: minutes.id, baseRevision: "1", content: tampered });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ ok: false, kind: "invalid", error: expect.stringContaining("锁定内容") });

    const scripted = JSON.stringify({ root: { ...doc.root, children: [{ type: "html", version: 1, html: "<script>alert(1)</script>" }] } });
    const unknown = await post(`${base}/autosave`, { intent: "save", minutesId: minutes.id, baseRevision: "1", content: scripted });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toContain("不支持的内容类型");

    doc.root.children.push({ type: "paragraph", version: 1, children: [{ type: "text", version: 1, text: "补充说明" }] });
    const saved = await post(`${base}/autosave`, {
      intent: "save",
      minutesId: minutes.id,
      baseRevision: "1",
      content: JSON.stringify(doc),
    });
    expect(await saved.json()).toMatchObject({ ok: true, revision: 2 });

    doc.root.children.push({ type: "paragraph", version: 1, children: [{ type: "text", version: 1, text: "另一位同事的修改" }] });
    const stale = await post(`${base}/autosave`, {
      intent: "save",
      minutesId: minutes.id,
      baseRevision: "1",
      content: JSON.stringify(doc),
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toContain("第 2 版");

    const anonymous = await post(
      `${base}/autosave`,
      { intent: "save", minutesId: minutes.id, baseRevision: "2", content: JSON.stringify(doc) },
      "",
    );
    expect(anonymous.status).toBe(401);
    const stored = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
    expect(stored.revision).toBe(2);
    expect(stored.content).toContain("补充说明");
    expect(stored.content).not.toContain("另一位同事的修改");
  });

  it("serves the published minutes as HTML with the hash and a CSP header, and as a DOCX attachment", async () => {
    const publicPath = `/c/${world.community.slug}/meetings/${world.meeting.id}/minutes`;
    const minutes = await draftOverHttp();
    expect((await fetch(`${server.url}${publicPath}`)).status).toBe(404);
    const clock = new FakeClock();
    await sendForReview(database.db, clock, world.actors.staff, minutes.id);
    await signOff(database.db, clock, world.actors.host, { minutesId: minutes.id, revision: minutes.revision });
    const published = await publishMinutes(database.db, clock, world.actors.staff, { minutesId: minutes.id });

    const page = await fetch(`${server.url}${publicPath}`, { headers: { "Accept-Language": "zh-CN" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    const html = await page.text();
    expect(html).toContain(published?.contentHash as string);
    expect(html).toContain("表决结果：是否同意在东门增设 10 个充电桩？");
    const body = html.slice(html.indexOf('id="minutes-body"'), html.indexOf("</article>"));
    expect(body).not.toMatch(/<script|\son\w+=/i);

    const docx = await fetch(`${server.url}${publicPath}/docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(docx.headers.get("content-disposition")).toMatch(
      /^attachment; filename="minutes-\d{4}-\d{2}-\d{2}\.docx"; filename\*=UTF-8''%E5%8D%81/,
    );
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("shows the published decision publicly and lets nobody object without signing in", async () => {
    // Publishing the minutes puts the meeting's decision on public notice.
    await publishedMinutes();
    const decisionPath = `/c/${world.community.slug}/decisions/${world.decision.id}`;
    const page = await fetch(`${server.url}${decisionPath}`, { headers: { "Accept-Language": "zh-CN" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(world.decision.text);
    expect(html).toContain("需先做消防评估，再分两期建设。");
    expect(html).toContain(`/c/${world.community.slug}/issues/${world.issue.number}`);
    const anonymous = await post(decisionPath, { intent: "object", reason: "我反对这个方案。" }, "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
    expect(await database.db.objection.count({ where: { decisionId: world.decision.id } })).toBe(0);
  });
});
