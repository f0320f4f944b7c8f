import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../app/domain/accounts/sign-in.server";
import { registerResident } from "../../app/domain/enrolment/register.server";
import { decideRegistration, myRegistrations, reapply, verificationQueue } from "../../app/domain/enrolment/verification.server";
import {
  FORMER_RESIDENT_NAME,
  confirmDeletion,
  deletionRequests,
  myPersonalData,
  requestDeletion,
} from "../../app/domain/enrolment/personal-data.server";
import {
  addRepresentative,
  createUnit,
  removeRepresentative,
  setUnitArchived,
  unitToEdit,
  unitsToManage,
  updateUnit,
} from "../../app/domain/enrolment/units-admin.server";
import { isDomainError } from "../../app/domain/errors";
import { unitDirectory } from "../../app/domain/units/directory.server";
import { addRollMember, createMeeting } from "../../app/domain/meetings/planning.server";
import { FakeClock } from "../../app/infra/clock";
import type { Db } from "../../app/infra/db.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import {
  actorOf,
  createCategories,
  createCommunity,
  createIssue,
  createMeeting as meetingFixture,
  createUser,
  unique,
} from "../helpers/fixtures";

const STRONG = "松木场 桂花 开了三次";
const roomy = { maxFailures: 50, windowMinutes: 15 };

async function refusal(promise: Promise<unknown>): Promise<{ kind: string; key: string; values: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { kind: error.kind, key: error.key, values: error.values };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A community with two grids, a worker for each, staff and a host; phones carry a random middle so worlds never share one. */
async function enrolWorld(db: Db) {
  const place = await createCommunity(db);
  const grid2 = await db.grid.create({
    data: { communityId: place.community.id, code: `B-${unique()}`, nameZh: "第二网格", nameEn: "Grid 2" },
  });
  const community = { ...place.community };
  const worker = await createUser(db, { communityId: community.id, role: "grid_worker", gridId: place.grid.id });
  const otherWorker = await createUser(db, { communityId: community.id, role: "grid_worker", gridId: grid2.id });
  const staff = await createUser(db, { communityId: community.id, role: "community_staff" });
  const host = await createUser(db, { communityId: community.id, role: "meeting_host" });
  const digits = String(Math.floor(Math.random() * 9000) + 1000);
  const phone = (n: number) => `138${digits}${String(n).padStart(4, "0")}`;
  return {
    community,
    grid: place.grid,
    grid2,
    worker: await actorOf(db, worker.user.id),
    otherWorker: await actorOf(db, otherWorker.user.id),
    staff: await actorOf(db, staff.user.id),
    host,
    phone,
    ip: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  };
}

type World = Awaited<ReturnType<typeof enrolWorld>>;

function registration(world: World, n: number, extra: Partial<Parameters<typeof registerResident>[3]> = {}) {
  return {
    name: "张桂英",
    phone: world.phone(n),
    building: "3号楼",
    entrance: "二单元",
    room: "301室",
    gridId: world.grid.id,
    password: STRONG,
    ip: world.ip,
    ...extra,
  };
}

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("self-registration and verification on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.drop());

  it("a resident registers with a phone, is signed in at once, waits in the grid worker's queue and nobody else's", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await enrolWorld(db);
    const session = await registerResident(db, clock, roomy, registration(world, 1));
    const user = await db.user.findUniqueOrThrow({ where: { id: session.userId } });
    expect(user).toMatchObject({ username: world.phone(1), phone: world.phone(1), displayName: "张桂英", needsActivation: false });
    expect(await db.session.count({ where: { id: session.sessionId, userId: user.id } })).toBe(1);
    expect(await db.residentRecord.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      communityId: world.community.id,
      gridId: world.grid.id,
      building: "3",
      entrance: "2",
      room: "301",
      source: "self",
      verification: "pending",
    });
    // The person can sign in with their phone and password.
    await signIn(db, clock, roomy, { username: world.phone(1), password: STRONG, ip: world.ip });

    const queue = await verificationQueue(db, world.worker, world.community);
    expect(queue.map((e) => e.name)).toEqual(["张桂英"]);
    expect(queue[0]).toMatchObject({ phone: world.phone(1), address: { building: "3", entrance: "2", room: "301" } });
    expect(await verificationQueue(db, world.otherWorker, world.community)).toEqual([]);
    expect((await verificationQueue(db, world.staff, world.community)).length).toBe(1);
    const resident = await actorOf(db, user.id);
    expect((await refusal(verificationQueue(db, resident, world.community))).kind).toBe("forbidden");
    expect(await db.notification.count({ where: { userId: world.worker.id, type: "registration_waiting" } })).toBe(1);
    expect(await db.notification.count({ where: { userId: world.otherWorker.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "person.registered", entityId: user.id } })).toBe(1);
  });

  it("a phone that already has an account is refused with the same words whether it registered, was imported or activated", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await enrolWorld(db);
    await registerResident(db, clock, roomy, registration(world, 2));
    const again = await refusal(registerResident(db, clock, roomy, registration(world, 2, { name: "别人" })));
    expect(again).toMatchObject({ kind: "invalid", key: "enrol:errors.phone_taken", values: { field: "phone" } });
    // Imported from the roll, not yet activated: same answer.
    await createUser(db, { communityId: world.community.id, role: "resident", phone: world.phone(3), username: world.phone(3) });
    expect(await refusal(registerResident(db, clock, roomy, registration(world, 3)))).toMatchObject({ key: "enrol:errors.phone_taken" });
    // Written as +86 with spaces, it is still the same phone.
    const spaced = `+86 ${world.phone(2).slice(0, 3)} ${world.phone(2).slice(3, 7)} ${world.phone(2).slice(7)}`;
    expect(await refusal(registerResident(db, clock, roomy, registration(world, 2, { phone: spaced })))).toMatchObject({
      key: "enrol:errors.phone_taken",
    });
    expect(await db.user.count({ where: { phone: world.phone(2) } })).toBe(1);
  });

  it("registrations from one address are limited like sign-ins, and a mistyped form does not count", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await enrolWorld(db);
    const tight = { maxFailures: 2, windowMinutes: 15 };
    // A weak password or a landline is refused before anything is counted.
    for (let i = 0; i < 3; i++)
      expect(await refusal(registerResident(db, clock, tight, registration(world, 10, { password: "12345678" })))).toMatchObject({
        values: { field: "password" },
      });
    expect(await refusal(registerResident(db, clock, tight, registration(world, 10, { phone: "0571 8888 1234" })))).toMatchObject({
      key: "enrol:errors.mobile_only",
    });
    await registerResident(db, clock, tight, registration(world, 11));
    await registerResident(db, clock, tight, registration(world, 12));
    expect(await refusal(registerResident(db, clock, tight, registration(world, 13)))).toMatchObject({ kind: "rate_limited" });
    expect(await db.user.count({ where: { phone: world.phone(13) } })).toBe(0);
    // Another address is not affected.
    await registerResident(db, clock, tight, registration(world, 14, { ip: `${world.ip}1` }));
  });

  it("the grid worker verifies at the door; a decline tells the person why and they can correct and apply again", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await enrolWorld(db);
    const a = await registerResident(db, clock, roomy, registration(world, 20));
    const b = await registerResident(db, clock, roomy, registration(world, 21, { name: "李建国", room: "302" }));
    const recordA = await db.residentRecord.findFirstOrThrow({ where: { userId: a.userId } });
    const recordB = await db.residentRecord.findFirstOrThrow({ where: { userId: b.userId } });

    expect(
      (await refusal(decideRegistration(db, clock, world.otherWorker, { recordId: recordA.id, outcome: "approved", method: "in_person" })))
        .kind,
    ).toBe("forbidden");
    await decideRegistration(db, clock, world.worker, {
      recordId: recordA.id,
      outcome: "approved",
      method: "in_person",
      note: "看了身份证",
    });
    expect(await db.residentRecord.findUniqueOrThrow({ where: { id: recordA.id } })).toMatchObject({
      verification: "verified",
      verifiedById: world.worker.id,
    });
    expect(await db.residentVerification.findFirstOrThrow({ where: { recordId: recordA.id } })).toMatchObject({
      outcome: "approved",
      method: "in_person",
      note: "看了身份证",
      checkedById: world.worker.id,
    });
    expect(await db.notification.count({ where: { userId: a.userId, type: "registration_approved" } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "person.registration_approved", entityId: a.userId } })).toBe(1);
    // Deciding twice: the second checker is told it was already done.
    expect(
      await refusal(
        decideRegistration(db, clock, world.staff, { recordId: recordA.id, outcome: "declined", method: "phone_call", reason: "x" }),
      ),
    ).toMatchObject({ kind: "conflict", key: "enrol:errors.already_decided" });

    await decideRegistration(db, clock, world.staff, {
      recordId: recordB.id,
      outcome: "declined",
      method: "phone_call",
      reason: "302 室没有这个人",
    });
    const declined = await db.notification.findFirstOrThrow({ where: { userId: b.userId, type: "registration_declined" } });
    expect(JSON.parse(declined.data)).toEqual({ reason: "302 室没有这个人" });
    const personB = await actorOf(db, b.userId);
    expect((await myRegistrations(db, personB))[0]).toMatchObject({ verification: "declined", declineReason: "302 室没有这个人" });

    await reapply(db, clock, personB, { recordId: recordB.id, building: "3", entrance: "2", room: "303", gridId: world.grid2.id });
    expect(await db.residentRecord.findUniqueOrThrow({ where: { id: recordB.id } })).toMatchObject({
      verification: "pending",
      room: "303",
      gridId: world.grid2.id,
      declineReason: null,
    });
    // Now in the other grid's queue, with the earlier decline shown.
    const queue = await verificationQueue(db, world.otherWorker, world.community);
    expect(queue[0]).toMatchObject({ name: "李建国", previousDecline: { reason: "302 室没有这个人" } });
    expect(await verificationQueue(db, world.worker, world.community)).toEqual([]);
    // Someone else cannot re-apply for them.
    expect(
      (
        await refusal(
          reapply(db, clock, world.worker, { recordId: recordB.id, building: "3", entrance: "", room: "1", gridId: world.grid.id }),
        )
      ).kind,
    ).toBe("not_found");
  });

  it("an unverified resident is kept off the voting roll: left out of the standing roll, refused as a voter, allowed to attend", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await enrolWorld(db);
    const session = await registerResident(db, clock, roomy, registration(world, 30, { name: "王秀兰" }));
    // Staff had already marked her a resident representative: still no vote until her address is confirmed.
    await db.membership.updateMany({ where: { userId: session.userId }, data: { isResidentRep: true } });
    const rep = await createUser(db, { communityId: world.community.id, role: "resident", isResidentRep: true });

    const meeting = await createMeeting(db, clock, world.staff, {
      communityId: world.community.id,
      title: "加装电梯议事会",
      form: "roundtable",
      startsAt: new Date(Date.now() + 86_400_000),
      place: "社区议事厅",
      hostId: world.host.user.id,
      quorumRule: "more_than_half",
      speakerMinutes: 3,
      addStandingRoll: true,
    });
    const roll = await db.participant.findMany({ where: { meetingId: meeting.id } });
    expect(roll.map((p) => p.userId)).toContain(rep.user.id);
    expect(roll.map((p) => p.userId)).not.toContain(session.userId);

    const refused = await refusal(
      addRollMember(db, clock, world.staff, meeting.id, { userId: session.userId, role: "resident_rep", canVote: true }),
    );
    expect(refused).toMatchObject({ kind: "invalid", key: "enrol:errors.unverified_voter", values: { name: "王秀兰" } });
    await addRollMember(db, clock, world.staff, meeting.id, { userId: session.userId, role: "observer", canVote: false });
    expect(await db.participant.findFirstOrThrow({ where: { meetingId: meeting.id, userId: session.userId } })).toMatchObject({
      canVote: false,
    });

    // Once verified, she can vote at the next meeting.
    const record = await db.residentRecord.findFirstOrThrow({ where: { userId: session.userId } });
    await decideRegistration(db, clock, world.worker, { recordId: record.id, outcome: "approved", method: "in_person" });
    const next = await createMeeting(db, clock, world.staff, {
      communityId: world.community.id,
      title: "下一次议事会",
      form: "roundtable",
      startsAt: new Date(Date.now() + 2 * 86_400_000),
      place: "社区议事厅",
      hostId: world.host.user.id,
      quorumRule: "more_than_half",
      speakerMinutes: 3,
      addStandingRoll: true,
    });
    expect(await db.participant.findFirst({ where: { meetingId: next.id, userId: session.userId } })).toMatchObject({ canVote: true });
  });

  it("a resident downloads their data, asks to be deleted, and staff confirm: who they were is gone, what they did still counts", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await enrolWorld(db);
    const session = await registerResident(db, clock, roomy, registration(world, 40, { name: "赵德明" }));
    const person = await actorOf(db, session.userId);
    const categories = await createCategories(db, world.community.id);
    const issue = await createIssue(db, {
      communityId: world.community.id,
      categoryId: categories.parking.id,
      reporterId: person.id,
      title: "楼下乱停车",
    });
    const { meeting } = await meetingFixture(db, {
      communityId: world.community.id,
      hostId: world.host.user.id,
      createdById: world.staff.id,
      title: "停车议事会",
      status: "ended",
      roll: [{ userId: person.id, name: "赵德明", role: "observer", canVote: false, checkedInAt: new Date() }],
    });

    const data = await myPersonalData(db, person);
    expect(data.account).toMatchObject({ displayName: "赵德明", phone: world.phone(40) });
    expect(data.addresses[0]).toMatchObject({ building: "3", room: "301", verification: "pending" });
    expect(data.issues.map((i) => i.title)).toEqual(["楼下乱停车"]);
    expect(data.meetings.map((m) => m.meeting)).toEqual(["停车议事会"]);

    await requestDeletion(db, clock, person, { reason: "搬家了" });
    expect((await refusal(requestDeletion(db, clock, person, {}))).key).toBe("enrol:errors.deletion_already_requested");
    const waiting = await deletionRequests(db, world.staff, world.community);
    expect(waiting.map((r) => r.name)).toEqual(["赵德明"]);
    expect((await refusal(deletionRequests(db, world.worker, world.community))).kind).toBe("forbidden");
    expect((await refusal(confirmDeletion(db, clock, world.worker, waiting[0].id))).kind).toBe("forbidden");

    const { endedSessionIds } = await confirmDeletion(db, clock, world.staff, waiting[0].id);
    expect(endedSessionIds).toContain(session.sessionId);
    const user = await db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(user).toMatchObject({ displayName: FORMER_RESIDENT_NAME, phone: null, passwordHash: "" });
    expect(user.username).not.toContain(world.phone(40));
    expect(user.disabledAt).not.toBeNull();
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.residentRecord.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.accountDeletionRequest.findUniqueOrThrow({ where: { id: waiting[0].id } })).toMatchObject({
      status: "done",
      reason: null,
    });
    // Still counted: the issue keeps its reporter, the meeting its (renamed) participant.
    expect(await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).toMatchObject({ reporterId: person.id, title: "楼下乱停车" });
    expect(await db.participant.findFirstOrThrow({ where: { meetingId: meeting.id, userId: person.id } })).toMatchObject({
      name: FORMER_RESIDENT_NAME,
    });
    expect(await db.auditLog.count({ where: { action: "person.deleted", entityId: person.id } })).toBe(1);
    // The phone may register again (someone else may own the number now).
    await registerResident(db, clock, roomy, registration(world, 40, { name: "新住户", ip: `${world.ip}9` }));
  });

  it("staff create a unit, add and remove its representative, edit and archive it; the directory hides it, the record stays", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await enrolWorld(db);
    const area = await db.area.create({ data: { streetId: world.community.streetId, nameZh: "北片", nameEn: "North" } });
    const community = {
      id: world.community.id,
      slug: world.community.slug,
      nameZh: world.community.nameZh,
      nameEn: world.community.nameEn,
      streetId: world.community.streetId,
    };
    const { id } = await createUnit(db, clock, world.staff, community, {
      nameZh: "松木场幼儿园",
      kind: "school",
      sectorGroup: "culture",
      areaId: area.id,
    });
    expect(await db.unit.findUniqueOrThrow({ where: { id } })).toMatchObject({
      nameEn: "松木场幼儿园",
      communityId: community.id,
      areaId: area.id,
    });
    expect(
      (await refusal(createUnit(db, clock, world.worker, community, { nameZh: "x", kind: "other", sectorGroup: "economy" }))).kind,
    ).toBe("forbidden");

    const teacher = await createUser(db, { communityId: community.id, role: "resident", displayName: "刘老师" });
    expect((await unitToEdit(db, world.staff, id)).candidates.map((c) => c.name)).toContain("刘老师");
    await addRepresentative(db, clock, world.staff, id, teacher.user.id);
    expect((await refusal(addRepresentative(db, clock, world.staff, id, teacher.user.id))).key).toBe("enrol:errors.already_representative");
    const edit = await unitToEdit(db, world.staff, id);
    expect(edit.reps.map((r) => r.name)).toEqual(["刘老师"]);
    expect((await actorOf(db, teacher.user.id)).memberships.find((m) => m.role === "unit_rep")?.unitId).toBe(id);

    await updateUnit(db, clock, world.staff, id, {
      nameZh: "松木场实验幼儿园",
      nameEn: "Songmuchang Kindergarten",
      kind: "school",
      sectorGroup: "livelihood",
    });
    expect(await db.unit.findUniqueOrThrow({ where: { id } })).toMatchObject({
      nameZh: "松木场实验幼儿园",
      areaId: null,
      sectorGroup: "livelihood",
    });

    await setUnitArchived(db, clock, world.staff, id, true);
    expect((await unitDirectory(db, community.streetId)).map((u) => u.id)).not.toContain(id);
    expect((await unitsToManage(db, world.staff, community)).units.map((u) => u.id)).not.toContain(id);
    expect((await unitsToManage(db, world.staff, community, { archived: true })).units.map((u) => u.id)).toContain(id);
    expect(await db.membership.count({ where: { unitId: id } })).toBe(1);
    await removeRepresentative(db, clock, world.staff, id, edit.reps[0].membershipId);
    expect(await db.membership.count({ where: { unitId: id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityType: "Unit", entityId: id } })).toBe(5);
  });
});
