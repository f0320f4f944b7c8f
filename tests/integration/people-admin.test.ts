import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../app/domain/accounts/sign-in.server";
import { auditExport, auditTrail } from "../../app/domain/audit-trail/trail.server";
import { mergePeople } from "../../app/domain/people/merge.server";
import { deactivatePerson, grantRole, reactivatePerson, revokeRole } from "../../app/domain/people/person-admin.server";
import { FakeClock } from "../../app/infra/clock";
import type { Db } from "../../app/infra/db.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import {
  actorOf,
  createCategories,
  createCommunity,
  createIssue,
  createMeeting,
  createNotification,
  createUser,
  unique,
} from "../helpers/fixtures";
import type { TestSocket } from "../helpers/live-meeting";
import { liveRoom } from "../helpers/live-room";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

const limits = { maxFailures: 50, windowMinutes: 15 };
const ip = "127.0.0.1";

/** A community with two staff members, a resident and a street admin; each test builds its own. */
async function adminWorld(db: Db) {
  const place = await createCommunity(db);
  const community = place.community;
  const staff = await createUser(db, { communityId: community.id, role: "community_staff", displayName: "周敏" });
  const colleague = await createUser(db, { communityId: community.id, role: "community_staff", displayName: "吴芳" });
  const resident = await createUser(db, { communityId: community.id, role: "resident", displayName: "陈阿姨" });
  const streetAdmin = await createUser(db, { streetAdminOfId: place.street.id, displayName: "街道管理员" });
  return {
    ...place,
    community,
    staff,
    colleague,
    resident,
    streetAdmin,
    actor: (person: { user: { id: string } }) => actorOf(db, person.user.id),
  };
}

async function sessionFor(db: Db, userId: string): Promise<string> {
  const id = `s-${unique()}${unique()}`;
  await db.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 86_400_000) } });
  return id;
}

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("administering people on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.drop());

  it("staff give a grid-worker role; taking it ends the person's sessions; both show in the audit trail", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await adminWorld(db);
    const staff = await world.actor(world.staff);
    await grantRole(db, clock, staff, {
      personId: world.resident.user.id,
      communityId: world.community.id,
      role: "grid_worker",
      gridId: world.grid.id,
    });
    const membership = await db.membership.findFirstOrThrow({ where: { userId: world.resident.user.id, role: "grid_worker" } });
    expect(membership.gridId).toBe(world.grid.id);
    await expect(
      grantRole(db, clock, staff, {
        personId: world.resident.user.id,
        communityId: world.community.id,
        role: "grid_worker",
        gridId: world.grid.id,
      }),
    ).rejects.toMatchObject({ key: "admin:errors.role_already_held" });

    const sessionId = await sessionFor(db, world.resident.user.id);
    const { endedSessionIds } = await revokeRole(db, clock, staff, {
      personId: world.resident.user.id,
      membershipId: membership.id,
      part: "role",
    });
    expect(endedSessionIds).toEqual([sessionId]);
    expect(await db.session.count({ where: { userId: world.resident.user.id } })).toBe(0);

    const trail = await auditTrail(db, staff, world.community, { subject: world.resident.user.id });
    expect(trail.rows.map((r) => [r.action, r.data.role, r.actor?.id])).toEqual([
      ["person.role_taken", "grid_worker", world.staff.user.id],
      ["person.role_granted", "grid_worker", world.staff.user.id],
    ]);
    expect(trail.rows[0]!.link).toBe(`/people/${world.resident.user.id}`);
  });

  it("a deactivated person is refused at sign-in with the reason, only when their password is right; reactivation lets them in", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await adminWorld(db);
    const staff = await world.actor(world.staff);
    const sessionId = await sessionFor(db, world.resident.user.id);
    const { endedSessionIds } = await deactivatePerson(db, clock, staff, world.resident.user.id);
    expect(endedSessionIds).toEqual([sessionId]);

    const attempt = (password: string) => signIn(db, clock, limits, { username: world.resident.username, password, ip });
    await expect(attempt(world.resident.password)).rejects.toMatchObject({ kind: "forbidden", key: "admin:errors.account_deactivated" });
    await expect(attempt("not the password")).rejects.toMatchObject({ key: "errors.signin.invalid" });

    await reactivatePerson(db, clock, staff, world.resident.user.id);
    await expect(attempt(world.resident.password)).resolves.toMatchObject({ userId: world.resident.user.id });
  });

  it("the last active staff member can neither take their own staff role nor deactivate themselves, and nobody else can either", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await adminWorld(db);
    const staff = await world.actor(world.staff);
    const colleagueRole = await db.membership.findFirstOrThrow({ where: { userId: world.colleague.user.id, role: "community_staff" } });
    // With a colleague, one staff member may go.
    await revokeRole(db, clock, staff, { personId: world.colleague.user.id, membershipId: colleagueRole.id, part: "role" });

    const ownRole = await db.membership.findFirstOrThrow({ where: { userId: world.staff.user.id, role: "community_staff" } });
    await expect(
      revokeRole(db, clock, staff, { personId: world.staff.user.id, membershipId: ownRole.id, part: "role" }),
    ).rejects.toMatchObject({
      kind: "conflict",
      key: "admin:errors.last_staff",
    });
    await expect(deactivatePerson(db, clock, staff, world.staff.user.id)).rejects.toMatchObject({
      key: "admin:errors.last_staff_deactivate",
    });
    const admin = await world.actor(world.streetAdmin);
    await expect(
      revokeRole(db, clock, admin, { personId: world.staff.user.id, membershipId: ownRole.id, part: "role" }),
    ).rejects.toMatchObject({
      key: "admin:errors.last_staff",
    });

    // A deactivated colleague does not count as someone who can run the community.
    const second = await createUser(db, { communityId: world.community.id, role: "community_staff" });
    await deactivatePerson(db, clock, admin, second.user.id);
    await expect(
      revokeRole(db, clock, admin, { personId: world.staff.user.id, membershipId: ownRole.id, part: "role" }),
    ).rejects.toMatchObject({
      key: "admin:errors.last_staff",
    });
    expect(await db.membership.count({ where: { id: ownRole.id } })).toBe(1);
  });

  it("staff cannot change people of another community; the street admin can, in every community of the street", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await adminWorld(db);
    const other = await createCommunity(db, { street: world.street });
    const stranger = await createUser(db, { communityId: other.community.id, role: "resident" });
    const staff = await world.actor(world.staff);
    await expect(
      grantRole(db, clock, staff, { personId: stranger.user.id, communityId: other.community.id, role: "expert" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(deactivatePerson(db, clock, staff, stranger.user.id)).rejects.toMatchObject({ kind: "not_found" });
    const admin = await world.actor(world.streetAdmin);
    await grantRole(db, clock, admin, { personId: stranger.user.id, communityId: other.community.id, role: "expert" });
    expect(await db.membership.count({ where: { userId: stranger.user.id, role: "expert" } })).toBe(1);
  });

  it("merging moves roles, issues raised, comments, notifications, meeting places and votes to the survivor; the other record can only point there", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await adminWorld(db);
    const staff = await world.actor(world.staff);
    const duplicate = await createUser(db, {
      communityId: world.community.id,
      role: "resident",
      displayName: "陈阿姨",
      isResidentRep: true,
    });
    await db.membership.create({
      data: { userId: duplicate.user.id, communityId: world.community.id, role: "grid_worker", gridId: world.grid.id },
    });
    const categories = await createCategories(db, world.community.id);
    const issue = await createIssue(db, {
      communityId: world.community.id,
      categoryId: categories.environment.id,
      reporterId: duplicate.user.id,
      title: "路灯坏了",
    });
    await createNotification(db, { userId: duplicate.user.id, type: "issue.accepted", data: { number: 1 } });
    const meeting = await createMeeting(db, {
      communityId: world.community.id,
      hostId: world.staff.user.id,
      createdById: world.staff.user.id,
      title: "三月议事会",
      status: "ended",
      roll: [{ userId: duplicate.user.id, name: "陈阿姨", role: "resident_rep", canVote: true }],
      agenda: [{ title: "加装电梯" }],
    });
    const participant = await db.participant.findFirstOrThrow({ where: { meetingId: meeting.meeting.id, userId: duplicate.user.id } });
    await db.comment.create({ data: { agendaItemId: meeting.agendaItems[0]!.id, authorId: duplicate.user.id, body: "支持" } });
    const poll = await db.poll.create({
      data: {
        meetingId: meeting.meeting.id,
        question: "是否同意？",
        kind: "yes_no_abstain",
        ballotMode: "named",
        passRule: "majority_cast",
        status: "closed",
        createdById: world.staff.user.id,
      },
    });
    await db.voteRecord.create({
      data: { pollId: poll.id, voterId: duplicate.user.id, castById: duplicate.user.id, idempotencyKey: unique() },
    });
    const oldSession = await sessionFor(db, duplicate.user.id);

    const { endedSessionIds } = await mergePeople(db, clock, staff, { survivorId: world.resident.user.id, mergedId: duplicate.user.id });
    expect(endedSessionIds).toEqual([oldSession]);
    const survivor = world.resident.user.id;
    expect(
      await db.membership.findMany({ where: { userId: survivor }, orderBy: { role: "asc" }, select: { role: true, isResidentRep: true } }),
    ).toEqual([
      { role: "grid_worker", isResidentRep: false },
      { role: "resident", isResidentRep: true },
    ]);
    expect(await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).toMatchObject({ reporterId: survivor });
    expect(await db.issueFollower.count({ where: { issueId: issue.id, userId: survivor } })).toBe(1);
    expect(await db.notification.count({ where: { userId: survivor } })).toBe(1);
    expect(await db.participant.findUniqueOrThrow({ where: { id: participant.id } })).toMatchObject({ userId: survivor });
    expect(await db.comment.count({ where: { authorId: survivor } })).toBe(1);
    expect(await db.voteRecord.count({ where: { pollId: poll.id, voterId: survivor } })).toBe(1);
    expect(await db.user.findUniqueOrThrow({ where: { id: duplicate.user.id } })).toMatchObject({
      mergedIntoId: survivor,
      disabledAt: expect.any(Date),
    });
    expect(await db.membership.count({ where: { userId: duplicate.user.id } })).toBe(0);

    // Its owner, signing in with the old record's password, is told which account to use.
    await expect(signIn(db, clock, limits, { username: duplicate.username, password: duplicate.password, ip })).rejects.toMatchObject({
      key: "admin:errors.account_merged",
      values: { username: world.resident.username },
    });
    const [row] = (await auditTrail(db, staff, world.community, { subject: survivor })).rows;
    expect(row).toMatchObject({ action: "person.merged", data: { mergedId: duplicate.user.id } });
  });

  it("refuses to merge two records that both voted in the same poll, naming the poll, and changes nothing", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await adminWorld(db);
    const staff = await world.actor(world.staff);
    const duplicate = await createUser(db, { communityId: world.community.id, role: "resident" });
    const meeting = await createMeeting(db, {
      communityId: world.community.id,
      hostId: world.staff.user.id,
      createdById: world.staff.user.id,
      title: "四月议事会",
      status: "ended",
    });
    const poll = await db.poll.create({
      data: {
        meetingId: meeting.meeting.id,
        question: "是否同意增设充电桩？",
        kind: "yes_no_abstain",
        ballotMode: "secret",
        passRule: "majority_cast",
        status: "closed",
        createdById: world.staff.user.id,
      },
    });
    for (const voter of [world.resident, duplicate])
      await db.voteRecord.create({ data: { pollId: poll.id, voterId: voter.user.id, castById: voter.user.id, idempotencyKey: unique() } });
    await expect(mergePeople(db, clock, staff, { survivorId: world.resident.user.id, mergedId: duplicate.user.id })).rejects.toMatchObject({
      kind: "conflict",
      key: "admin:errors.merge_both_voted",
      values: { poll: "是否同意增设充电桩？" },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: duplicate.user.id } })).toMatchObject({ mergedIntoId: null, disabledAt: null });
    expect(await db.membership.count({ where: { userId: duplicate.user.id } })).toBe(1);
  });

  it("filters the trail by person, record type and China-time dates; staff see their community, the street admin the street", async () => {
    const { db } = database;
    const world = await adminWorld(db);
    const other = await createCommunity(db, { street: world.street });
    const write = (actorId: string, communityId: string, action: string, entityType: string, at: string) =>
      db.auditLog.create({ data: { actorId, communityId, action, entityType, entityId: unique(), createdAt: new Date(at) } });
    // 23:30 on 1 March in China is 15:30 UTC: it belongs to 1 March, not 2 March.
    await write(world.staff.user.id, world.community.id, "issue.accept", "Issue", "2026-03-01T15:30:00Z");
    await write(world.staff.user.id, world.community.id, "meeting.create", "Meeting", "2026-03-02T02:00:00Z");
    await write(world.colleague.user.id, world.community.id, "issue.reject", "Issue", "2026-03-05T02:00:00Z");
    await write(world.colleague.user.id, other.community.id, "issue.accept", "Issue", "2026-03-05T03:00:00Z");

    const staff = await world.actor(world.staff);
    const all = await auditTrail(db, staff, world.community, {});
    expect(all.total).toBe(3);
    expect(all.types).toEqual(["Issue", "Meeting"]);
    expect(all.actors.map((a) => a.id).sort()).toEqual([world.staff.user.id, world.colleague.user.id].sort());
    expect((await auditTrail(db, staff, world.community, { actor: world.colleague.user.id })).rows.map((r) => r.action)).toEqual([
      "issue.reject",
    ]);
    expect((await auditTrail(db, staff, world.community, { type: "Issue" })).total).toBe(2);
    expect((await auditTrail(db, staff, world.community, { from: "2026-03-01", to: "2026-03-01" })).rows.map((r) => r.action)).toEqual([
      "issue.accept",
    ]);
    expect((await auditTrail(db, staff, world.community, { from: "2026-03-02", to: "2026-03-04" })).rows.map((r) => r.action)).toEqual([
      "meeting.create",
    ]);

    const admin = await world.actor(world.streetAdmin);
    const street = await auditTrail(db, admin, world.community, {});
    expect(street.total).toBe(4);
    expect(street.street).toBe(true);
    expect((await auditExport(db, admin, world.community, { type: "Issue" })).length).toBe(3);

    const resident = await world.actor(world.resident);
    await expect(auditTrail(db, resident, world.community, {})).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("people administration over HTTP and sockets", () => {
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

  const post = (path: string, cookie: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });

  it("taking a role from someone in a live meeting disconnects their open socket at once, with the reason", async () => {
    const room = await liveRoom(database.db, server.url, { voters: 1 });
    const voter = room.world.voters[0]!;
    const socket: TestSocket = await room.join(voter.cookie);
    const ended = new Promise<{ reason: string }>((resolve) => {
      let reason = "";
      socket.once("session:ended", (payload) => (reason = payload.reason));
      socket.once("disconnect", () => resolve({ reason }));
    });
    const membership = await database.db.membership.findFirstOrThrow({
      where: { userId: voter.userId, communityId: room.world.communityId },
    });
    const response = await post(`/people/${voter.userId}`, room.world.staff.cookie, {
      intent: "revoke",
      membershipId: membership.id,
      part: "role",
    });
    expect(response.status).toBe(200);
    expect((await ended).reason).toBe("errors.realtime.session_ended");
    expect(await database.db.session.count({ where: { userId: voter.userId } })).toBe(0);
  });

  it("refuses, with the translated reason on the page, to take the last staff role of a community", async () => {
    const room = await liveRoom(database.db, server.url, { voters: 1 });
    const staffRole = await database.db.membership.findFirstOrThrow({
      where: { userId: room.world.staff.userId, role: "community_staff" },
    });
    const response = await post(`/people/${room.world.staff.userId}`, room.world.staff.cookie, {
      intent: "revoke",
      membershipId: staffRole.id,
      part: "role",
    });
    expect(response.status).toBe(409);
    const body = await response.text();
    expect(body).toContain("这是本社区最后一位在岗的工作人员");
  });

  it("downloads the audit trail as CSV with a byte-order mark and Chinese text Excel can open", async () => {
    const room = await liveRoom(database.db, server.url, { voters: 1 });
    const voter = room.world.voters[0]!;
    await post(`/people/${voter.userId}`, room.world.staff.cookie, {
      intent: "grant",
      communityId: room.world.communityId,
      role: "expert",
    });
    const response = await fetch(`${server.url}/audit.csv?type=user`, { headers: { Cookie: room.world.staff.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("操作人");
    expect(text).toContain("授予角色“智库专家”");
    expect(text).toContain("person.role_granted");
  });
});
