import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { idempotencyKey } from "../helpers/live-meeting";
import { liveRoom } from "../helpers/live-room";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

/**
 * The meetings pages' forms as a browser without JavaScript posts them: every refusal comes back as the one
 * form answer (web/forms.ts) with the status of its reason, and the no-JS ballot counts exactly like the
 * socket's (the same castBallot use case).
 */
describe("meetings forms over HTTP", () => {
  let database: TestDatabase;
  let server: RunningServer;
  const room = (voters: number) => liveRoom(database.db, server.url, { voters });

  function post(path: string, cookie: string, fields: [string, string][]) {
    return fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded", "accept-language": "zh-CN" },
      body: new URLSearchParams(fields),
    });
  }

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("records a decision once: a second one is refused with 409 and its reason, a bad action-item row with 400 on that row", async () => {
    const { world } = await room(1);
    const decide = `/meetings/${world.meetingId}/decide`;
    const first = await post(decide, world.staff.cookie, [
      ["agendaItemId", world.agendaItemId],
      ["text", "同意增设充电桩。"],
    ]);
    expect(first.status).toBe(200);
    expect(await database.db.decision.count({ where: { agendaItemId: world.agendaItemId } })).toBe(1);

    const second = await post(decide, world.staff.cookie, [
      ["agendaItemId", world.agendaItemId],
      ["text", "再记一次。"],
    ]);
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("该议程已有决议。");

    const row = await post(decide, world.staff.cookie, [
      ["agendaItemId", world.agendaItemId],
      ["text", "有任务的决议"],
      ["actionItems.0.unitId", "unit-1"],
      ["actionItems.0.description", ""],
      ["actionItems.0.dueAt", "2031-02-30"],
    ]);
    expect(row.status).toBe(400);
    expect(await row.text()).toContain("actionItems.0.description");
    expect(await database.db.decision.count({ where: { agendaItemId: world.agendaItemId } })).toBe(1);

    const resident = await post(decide, world.voters[0].cookie, [
      ["agendaItemId", world.agendaItemId],
      ["text", "居民不能记录决议"],
    ]);
    expect(resident.status).toBe(403);
  });

  it("counts a ballot posted without JavaScript once, and answers a second ballot with 409 and its reason", async () => {
    const { world, join, openPoll } = await room(1);
    const pollId = await openPoll(await join(world.host.cookie));
    const code = (await database.db.meeting.findUniqueOrThrow({ where: { id: world.meetingId } })).code;
    const ballot = (key: string) =>
      post(`/m/${code}`, world.voters[0].cookie, [
        ["intent", "vote"],
        ["pollId", pollId],
        ["choice", "yes"],
        ["idempotencyKey", key],
      ]);
    const key = idempotencyKey();
    const cast = await ballot(key);
    expect(cast.status).toBe(302);
    expect(cast.headers.get("location")).toBe(`/m/${code}`);
    // The same form sent again (a reload after a lost answer) is answered with the first result.
    expect((await ballot(key)).status).toBe(302);
    const again = await ballot(idempotencyKey());
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("这一票已经投过了。");
    expect(await database.db.voteRecord.count({ where: { pollId } })).toBe(1);

    const outsider = await post(`/m/${code}`, world.outsider.cookie, [
      ["intent", "vote"],
      ["pollId", pollId],
      ["choice", "yes"],
      ["idempotencyKey", idempotencyKey()],
    ]);
    expect(outsider.status).toBe(403);
  });

  it("refuses an intent the meeting page does not know with 400, and a resident's planning with 403", async () => {
    const { world } = await room(1);
    const page = `/meetings/${world.meetingId}`;
    const unknown = await post(page, world.staff.cookie, [["intent", "drop-table"]]);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("无法读取这个表单，请刷新页面后再试。");
    const resident = await post(page, world.voters[0].cookie, [
      ["intent", "add-item"],
      ["title", "居民加的议程"],
    ]);
    expect(resident.status).toBe(403);
    expect(await database.db.agendaItem.count({ where: { meetingId: world.meetingId } })).toBe(1);
  });

  it("answers a join code that names no meeting with 404 and gives the code back", async () => {
    const response = await post("/join", "", [["code", "zzzz-9999"]]);
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).toContain("没有这个会议码，请核对。");
    expect(page).toContain('value="zzzz-9999"');
  });

  it("serves the calendar file to people who may follow the meeting only", async () => {
    const { world } = await room(1);
    const other = await room(1);
    const ics = `/meetings/${world.meetingId}/calendar.ics`;
    const own = await fetch(`${server.url}${ics}`, { headers: { cookie: world.voters[0].cookie } });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("SUMMARY:测试议事会");
    const stranger = await fetch(`${server.url}${ics}`, { headers: { cookie: other.world.voters[0].cookie } });
    expect(stranger.status).toBe(403);
    const missing = await fetch(`${server.url}/meetings/no-such-meeting/calendar.ics`, { headers: { cookie: world.voters[0].cookie } });
    expect(missing.status).toBe(404);
  });
});
