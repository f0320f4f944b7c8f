import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { completeBlocks, openMinutes, publishMinutes, saveDraft, sendForReview, signOff } from "../../app/domain/minutes/minutes.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { createEndedMeeting } from "../helpers/meeting-record";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key);

type Node = { type: string; children?: Node[]; removed?: boolean; data?: Record<string, unknown>; [field: string]: unknown };
type Doc = { root: Node };

const LOCKED = new Set(["vote-result", "attendance", "decision"]);

function edit(content: string, change: (children: Node[]) => Node[]): string {
  const doc = JSON.parse(content) as Doc;
  doc.root.children = change(doc.root.children ?? []);
  return JSON.stringify(doc);
}
const without = (type: string) => (children: Node[]) => children.filter((node) => node.type !== type);
const doubled = (type: string) => (children: Node[]) => [...children, ...children.filter((node) => node.type === type)];
const markedRemoved = (type: string) => (children: Node[]) =>
  children.map((node) => (node.type === type ? { ...node, removed: true } : node));
const lockedTypes = (content: string) =>
  ((JSON.parse(content) as Doc).root.children ?? [])
    .filter((node) => LOCKED.has(node.type))
    .map((n) => `${n.type}${n.removed ? ":removed" : ""}`);

for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`complete minutes on ${provider}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await fresh();
    });
    afterAll(async () => database?.drop());

    async function draft() {
      const world = await createEndedMeeting(database.db);
      const minutes = await openMinutes(database.db, new FakeClock(), world.actors.staff, world.meeting.id, t, "zh-CN");
      expect(lockedTypes(minutes.content)).toEqual(["attendance", "vote-result", "decision"]);
      return { world, minutes };
    }

    for (const type of ["vote-result", "decision", "attendance"]) {
      it(`refuses a save that silently drops the ${type} block, naming it, and keeps the stored draft`, async () => {
        const { world, minutes } = await draft();
        const request = { minutesId: minutes.id, baseRevision: 1, content: edit(minutes.content, without(type)) };
        await expect(saveDraft(database.db, new FakeClock(), world.actors.staff, request)).rejects.toMatchObject({
          key: "minutes:errors.blocks_lost",
          report: { missing: [expect.objectContaining({ type })], duplicated: [] },
        });
        const stored = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
        expect(stored.revision).toBe(1);
        expect(stored.content).toBe(minutes.content);
      });

      it(`refuses a save that holds the ${type} block twice`, async () => {
        const { world, minutes } = await draft();
        const request = { minutesId: minutes.id, baseRevision: 1, content: edit(minutes.content, doubled(type)) };
        await expect(saveDraft(database.db, new FakeClock(), world.actors.staff, request)).rejects.toMatchObject({
          key: "minutes:errors.blocks_lost",
          report: { duplicated: [expect.objectContaining({ type })] },
        });
      });

      it(`saves the ${type} block removed on purpose, logs who removed it, and refuses sign-off and publishing until it is back`, async () => {
        const { world, minutes } = await draft();
        const clock = new FakeClock();
        const saved = await saveDraft(database.db, clock, world.actors.staff, {
          minutesId: minutes.id,
          baseRevision: 1,
          content: edit(minutes.content, markedRemoved(type)),
        });
        expect(saved.revision).toBe(2);
        const removal = await database.db.auditLog.findFirst({ where: { entityId: minutes.id, action: "minutes.block-removed" } });
        expect(removal?.actorId).toBe(world.actors.staff.id);
        expect(removal?.data).toContain(type);

        await sendForReview(database.db, clock, world.actors.staff, minutes.id);
        await expect(signOff(database.db, clock, world.actors.host, { minutesId: minutes.id, revision: 2 })).rejects.toMatchObject({
          key: "minutes:errors.blocks_incomplete",
          report: { removed: [expect.objectContaining({ type })] },
        });
        expect((await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } })).status).toBe("review");

        // Dropping the removed block altogether is refused too: a removal stays on the record.
        const dropped = { minutesId: minutes.id, baseRevision: 2, content: edit(minutes.content, without(type)) };
        await expect(saveDraft(database.db, clock, world.actors.staff, dropped)).rejects.toMatchObject({
          key: "minutes:errors.blocks_lost",
        });

        await completeBlocks(database.db, clock, world.actors.staff, { minutesId: minutes.id, baseRevision: 2 }, "补回");
        const completed = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
        expect(lockedTypes(completed.content)).toEqual(["attendance", "vote-result", "decision"]);
        expect(await database.db.auditLog.count({ where: { entityId: minutes.id, action: "minutes.block-restored" } })).toBe(1);
        await signOff(database.db, clock, world.actors.host, { minutesId: minutes.id, revision: completed.revision });
        const published = await publishMinutes(database.db, clock, world.actors.staff, { minutesId: minutes.id });
        expect(published?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      });
    }

    it("refuses to publish signed minutes that lack a decision recorded after sign-off, and hashes nothing", async () => {
      const { world, minutes } = await draft();
      const clock = new FakeClock();
      await sendForReview(database.db, clock, world.actors.staff, minutes.id);
      await signOff(database.db, clock, world.actors.host, { minutesId: minutes.id, revision: 1 });
      const late = await database.db.decision.create({
        data: { meetingId: world.meeting.id, text: "会后补记的决议：东门夜间落锁。", createdById: world.users.host.user.id },
      });
      await expect(publishMinutes(database.db, clock, world.actors.staff, { minutesId: minutes.id })).rejects.toMatchObject({
        key: "minutes:errors.blocks_incomplete",
        report: { missing: [expect.objectContaining({ type: "decision", id: late.id })] },
      });
      const stored = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
      expect(stored.status).toBe("signed");
      expect(stored.contentHash).toBeNull();
      expect(await database.db.decision.findUniqueOrThrow({ where: { id: world.decision.id } })).toMatchObject({ status: "draft" });

      // Autosave of a draft written before the decision existed still works; sign-off waits for the block.
      const saved = await saveDraft(database.db, clock, world.actors.staff, {
        minutesId: minutes.id,
        baseRevision: 1,
        content: edit(minutes.content, (children) => [
          ...children,
          { type: "paragraph", version: 1, children: [{ type: "text", version: 1, text: "补充" }] },
        ]),
      });
      expect(saved).toMatchObject({ revision: 2, status: "review" });
      await completeBlocks(database.db, clock, world.actors.staff, { minutesId: minutes.id, baseRevision: 2 }, "补回的会议记录内容");
      const completed = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
      expect(completed.content).toContain("会后补记的决议");
      expect(completed.content).toContain("补回的会议记录内容");
    });
  });
}

describe("minutes completeness and the edit lock over HTTP", () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function signIn(username: string, password: string) {
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password, redirectTo: "/" }),
    });
    return (login.headers.getSetCookie().find((c) => c.startsWith("yishi_session=")) ?? "").split(";")[0];
  }
  const post = (path: string, form: Record<string, string>, cookie: string, language = "zh-CN") =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "Accept-Language": language },
      body: new URLSearchParams(form),
    });

  it("names the missing vote in the reader's language when a save drops it", async () => {
    const world = await createEndedMeeting(database.db);
    const staff = await signIn(world.users.staff.username, world.users.staff.password);
    const base = `/meetings/${world.meeting.id}/minutes`;
    expect((await post(base, { intent: "create" }, staff)).status).toBe(302);
    const minutes = await database.db.minutes.findUniqueOrThrow({ where: { meetingId: world.meeting.id } });
    const content = edit(minutes.content, without("vote-result"));
    const zh = await post(`${base}/autosave`, { intent: "save", minutesId: minutes.id, baseRevision: "1", content }, staff);
    expect(zh.status).toBe(400);
    expect((await zh.json()).error).toContain(`缺少表决结果“${world.poll.question}”`);
    const en = await post(
      `${base}/autosave`,
      { intent: "save", minutesId: minutes.id, baseRevision: "1", content: edit(minutes.content, doubled("decision")) },
      staff,
      "en",
    );
    expect(en.status).toBe(400);
    expect((await en.json()).error).toContain("more than once: the decision");
  });

  it("lets only people who may edit the minutes take the edit lock, and opening the page takes nothing", async () => {
    const world = await createEndedMeeting(database.db);
    const other = await createEndedMeeting(database.db);
    const staff = await signIn(world.users.staff.username, world.users.staff.password);
    const base = `/meetings/${world.meeting.id}/minutes`;
    expect((await post(base, { intent: "create" }, staff)).status).toBe(302);
    const minutes = await database.db.minutes.findUniqueOrThrow({ where: { meetingId: world.meeting.id } });
    await database.db.minutes.update({ where: { id: minutes.id }, data: { editingById: null, editingUntil: null } });

    // Staff of another community, a resident of this one and a visitor are refused, and nothing is claimed.
    const foreignStaff = await signIn(other.users.staff.username, other.users.staff.password);
    const resident = await signIn(world.users.resident.username, world.users.resident.password);
    for (const [cookie, status] of [
      [foreignStaff, 403],
      [resident, 403],
      ["", 401],
    ] as const) {
      const response = await post(`${base}/autosave`, { intent: "heartbeat", minutesId: minutes.id }, cookie);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ ok: false });
    }
    // The same through another meeting's address: the lock is checked against the minutes' own community.
    expect(
      (await post(`/meetings/${other.meeting.id}/minutes/autosave`, { intent: "heartbeat", minutesId: minutes.id }, foreignStaff)).status,
    ).toBe(403);
    expect(await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } })).toMatchObject({ editingById: null });

    // Reading the workspace claims nothing; the editor's heartbeat does.
    const page = await fetch(`${server.url}${base}`, { headers: { Cookie: staff } });
    expect(page.status).toBe(200);
    expect(await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } })).toMatchObject({ editingById: null });
    const beat = await post(`${base}/autosave`, { intent: "heartbeat", minutesId: minutes.id }, staff);
    expect(await beat.json()).toMatchObject({ ok: true, holderId: null });
    expect(await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } })).toMatchObject({
      editingById: world.users.staff.user.id,
    });

    // A colleague opening the page is told who is editing, without taking the lock over.
    const colleague = await database.db.user.create({
      data: {
        username: `staff2-${minutes.id.slice(-6)}`,
        displayName: "第二位工作人员",
        passwordHash: world.users.staff.user.passwordHash,
      },
    });
    await database.db.membership.create({ data: { userId: colleague.id, communityId: world.community.id, role: "community_staff" } });
    const second = await signIn(colleague.username, world.users.staff.password);
    const seen = await fetch(`${server.url}${base}`, { headers: { Cookie: second, "Accept-Language": "zh-CN" } });
    expect(await seen.text()).toContain(`${world.users.staff.user.displayName} 正在编辑这份纪要`);
    expect(await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } })).toMatchObject({
      editingById: world.users.staff.user.id,
    });
  });
});
