import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock, HOUR } from "../../app/infra/clock";
import { LocalDiskStorage } from "../../app/infra/storage.server";
import type { DomainError } from "../../app/domain/errors";
import {
  certificate,
  claimPost,
  confirmDutyHours,
  createPost,
  signInDuty,
  signOutDuty,
  unitVolunteeringRecord,
  withdrawDuty,
} from "../../app/domain/volunteering/duties.server";
import { decideRegistration, registerAsVolunteer } from "../../app/domain/volunteering/registrations.server";
import { photoForVisitor } from "../../app/domain/uploads/serve-photo.server";
import { parseUploadPath } from "../../app/infra/storage.server";
import {
  claimWish,
  confirmWish,
  flagUnclaimedWishes,
  fulfilWish,
  postWish,
  reviewWish,
  wishPage,
  wishWallPage,
} from "../../app/domain/wishes/wishes.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createUnit, createUser } from "../helpers/fixtures";
import { phonePhotoWithGps } from "../helpers/images";

/** What a refused call was refused with: its kind and translation key. */
async function refusal(promise: Promise<unknown>): Promise<{ kind: string; key: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as DomainError;
    return { kind: e.kind, key: e.key };
  }
  throw new Error("expected a refusal");
}

/**
 * Issue #13: 双报到 volunteering and 微心愿. Two people claiming the last slot or the same wish at the same
 * moment: exactly one wins. A duty signed in twice counts once. Only the community office confirms hours.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`volunteering and wishes on ${provider}`, () => {
    let database: TestDatabase;
    let uploadDir: string;
    beforeAll(async () => {
      database = await fresh();
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-wishes-"));
    });
    afterAll(async () => {
      await database?.drop();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    });

    async function world() {
      const db = database.db;
      const clock = new FakeClock(new Date("2026-11-20T09:00:00+08:00"));
      const place = await createCommunity(db);
      const community = { ...place.community };
      const property = await createUnit(db, {
        streetId: place.street.id,
        kind: "company",
        sectorGroup: "livelihood",
        nameZh: "北山物业",
        nameEn: "Beishan Property",
      });
      const staff = await createUser(db, { communityId: community.id, role: "community_staff", displayName: "陈晓燕" });
      const staff2 = await createUser(db, { communityId: community.id, role: "community_staff", displayName: "林芳" });
      const grid = await createUser(db, { communityId: community.id, role: "grid_worker", gridId: place.grid.id, displayName: "张丽萍" });
      const rep = await createUser(db, { communityId: community.id, role: "unit_rep", unitId: property.id, displayName: "刘志强" });
      const volunteers = await Promise.all(
        ["陈国华", "杨桂芳", "徐志刚"].map((displayName) => createUser(db, { communityId: community.id, role: "resident", displayName })),
      );
      const resident = await createUser(db, { communityId: community.id, role: "resident", displayName: "王秀英" });
      const actor = (person: { user: { id: string } }) => actorOf(db, person.user.id);
      const staffActor = await actor(staff);
      // Everyone registers where they live and the office confirms them.
      for (const person of [...volunteers, rep]) {
        const who = await actor(person);
        await registerAsVolunteer(db, clock, { ...who }, community, {
          kind: person === rep ? "unit_employee" : "party_member",
          unitId: person === rep ? property.id : undefined,
          building: "3幢",
        });
        const row = await db.volunteerRegistration.findFirstOrThrow({ where: { userId: person.user.id }, select: { id: true } });
        await decideRegistration(db, clock, staffActor, row.id, { confirm: true });
      }
      return { db, clock, community, place, property, staff, staff2, grid, rep, volunteers, resident, actor, staffActor };
    }

    it("two volunteers claiming the last slot of a post at the same moment: exactly one gets it", async () => {
      const { db, clock, community, volunteers, actor, staffActor } = await world();
      const post = await createPost(db, clock, staffActor, community, {
        kind: "patrol",
        titleZh: "夜间平安巡逻",
        place: "警务室",
        startsAt: new Date(clock.now().getTime() + DAY),
        endsAt: new Date(clock.now().getTime() + DAY + 2 * HOUR),
        slots: 2,
      });
      await claimPost(db, clock, await actor(volunteers[0]!), post.id);
      const [a, b] = await Promise.all([actor(volunteers[1]!), actor(volunteers[2]!)]);
      const results = await Promise.allSettled([claimPost(db, clock, a, post.id), claimPost(db, clock, b, post.id)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((loser.reason as DomainError).key).toBe("volunteering:errors.post_full");
      const row = await db.volunteerPost.findUniqueOrThrow({ where: { id: post.id }, select: { taken: true } });
      expect(row.taken).toBe(2);
      expect(await db.volunteerDuty.count({ where: { postId: post.id, status: "claimed" } })).toBe(2);
    });

    it("the same person claiming twice (two tabs) holds one slot; withdrawing frees it for someone else", async () => {
      const { db, clock, community, volunteers, actor, staffActor } = await world();
      const post = await createPost(db, clock, staffActor, community, {
        kind: "publicity",
        titleZh: "反诈宣传",
        place: "服务中心",
        startsAt: new Date(clock.now().getTime() + DAY),
        endsAt: new Date(clock.now().getTime() + DAY + 2 * HOUR),
        slots: 1,
      });
      const me = await actor(volunteers[0]!);
      const results = await Promise.allSettled([claimPost(db, clock, me, post.id), claimPost(db, clock, me, post.id)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((await db.volunteerPost.findUniqueOrThrow({ where: { id: post.id } })).taken).toBe(1);
      const duty = await db.volunteerDuty.findFirstOrThrow({ where: { postId: post.id, userId: me.id } });
      await withdrawDuty(db, clock, me, duty.id);
      await claimPost(db, clock, await actor(volunteers[1]!), post.id);
      expect((await db.volunteerPost.findUniqueOrThrow({ where: { id: post.id } })).taken).toBe(1);
    });

    it("a duty signed in twice counts once; the QR code or staff sign a volunteer in; only the office confirms hours", async () => {
      const { db, clock, community, volunteers, rep, staff, staff2, actor, staffActor } = await world();
      const post = await createPost(db, clock, staffActor, community, {
        kind: "sanitation",
        titleZh: "垃圾分类督导",
        place: "3幢分类点",
        startsAt: new Date(clock.now().getTime() + HOUR),
        endsAt: new Date(clock.now().getTime() + 3 * HOUR),
        slots: 3,
      });
      const code = (await db.volunteerPost.findUniqueOrThrow({ where: { id: post.id } })).checkInCode;
      const me = await actor(volunteers[0]!);
      const repActor = await actor(rep);
      const { dutyId } = await claimPost(db, clock, me, post.id);
      const { dutyId: repDuty } = await claimPost(db, clock, repActor, post.id);

      expect(await refusal(signInDuty(db, clock, me, dutyId, "WRONG123"))).toMatchObject({ key: "volunteering:errors.wrong_code" });
      expect(await refusal(signInDuty(db, clock, me, dutyId, null))).toMatchObject({ key: "volunteering:errors.wrong_code" });
      // The right code the evening before is not a sign-in: the duty has not begun.
      clock.advance(-DAY);
      expect(await refusal(signInDuty(db, clock, me, dutyId, code))).toMatchObject({ key: "volunteering:errors.sign_in_closed" });
      clock.advance(DAY + HOUR);
      const twice = await Promise.allSettled([
        signInDuty(db, clock, me, dutyId, code),
        signInDuty(db, clock, me, dutyId, code.toLowerCase()),
      ]);
      expect(twice.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await refusal(signInDuty(db, clock, me, dutyId, code))).toMatchObject({
        kind: "conflict",
        key: "volunteering:errors.already_signed_in",
      });
      // Staff sign the unit's employee in at the desk, without the code.
      await signInDuty(db, clock, staffActor, repDuty, null);

      clock.advance(2 * HOUR + 10 * 60_000);
      const { notified } = await signOutDuty(db, clock, me, dutyId);
      expect(notified.sort()).toEqual([staff.user.id, staff2.user.id].sort());
      await signOutDuty(db, clock, repActor, repDuty);

      // Neither the volunteer, nor their unit's representative, nor another volunteer confirms hours.
      expect(await refusal(confirmDutyHours(db, clock, me, dutyId, {}))).toMatchObject({ kind: "forbidden" });
      expect(await refusal(confirmDutyHours(db, clock, repActor, dutyId, {}))).toMatchObject({ kind: "forbidden" });
      expect(await refusal(confirmDutyHours(db, clock, await actor(volunteers[1]!), dutyId, {}))).toMatchObject({ kind: "forbidden" });

      const confirmed = await confirmDutyHours(db, clock, staffActor, dutyId, {});
      expect(confirmed.notified).toEqual([me.id]);
      expect(await refusal(confirmDutyHours(db, clock, await actor(staff2), dutyId, {}))).toMatchObject({
        key: "volunteering:errors.hours_already_confirmed",
      });
      await confirmDutyHours(db, clock, staffActor, repDuty, { minutes: 90 });
      const duty = await db.volunteerDuty.findUniqueOrThrow({ where: { id: dutyId } });
      expect(duty.minutes).toBe(120);

      const record = await unitVolunteeringRecord(
        db,
        (await db.volunteerRegistration.findFirstOrThrow({ where: { userId: rep.user.id } })).unitId!,
      );
      expect(record.volunteerMinutes).toBe(90);

      const mine = await certificate(db, { ...me, displayName: "陈国华" }, 2026);
      expect(mine.totalMinutes).toBe(120);
      expect(mine.duties).toHaveLength(1);
      expect((await certificate(db, { ...me, displayName: "陈国华" }, 2027)).totalMinutes).toBe(0);
      expect(await db.auditLog.count({ where: { entityType: "VolunteerDuty", entityId: dutyId } })).toBe(4);
    });

    it("staff cannot confirm their own hours, and someone not registered cannot claim a post", async () => {
      const { db, clock, community, resident, actor, staffActor } = await world();
      const post = await createPost(db, clock, staffActor, community, {
        kind: "elderly_visit",
        titleZh: "走访独居老人",
        place: "1幢",
        startsAt: new Date(clock.now().getTime() + HOUR),
        endsAt: new Date(clock.now().getTime() + 3 * HOUR),
        slots: 2,
      });
      expect(await refusal(claimPost(db, clock, await actor(resident), post.id))).toMatchObject({
        key: "volunteering:errors.register_first",
      });
      await registerAsVolunteer(db, clock, staffActor, community, { kind: "resident", building: "2" });
      const reg = await db.volunteerRegistration.findFirstOrThrow({ where: { userId: staffActor.id } });
      await decideRegistration(db, clock, staffActor, reg.id, { confirm: true });
      const { dutyId } = await claimPost(db, clock, staffActor, post.id);
      await signInDuty(db, clock, staffActor, dutyId, null);
      clock.advance(HOUR);
      await signOutDuty(db, clock, staffActor, dutyId);
      expect(await refusal(confirmDutyHours(db, clock, staffActor, dutyId, {}))).toMatchObject({
        key: "volunteering:errors.not_own_hours",
      });
    });

    it("a grid worker's wish for a resident: approved, claimed by exactly one of two, fulfilled with a photo, confirmed with thanks", async () => {
      const { db, clock, community, grid, rep, property, volunteers, staff, resident, actor, staffActor } = await world();
      const gridActor = { ...(await actor(grid)), displayName: "张丽萍" };
      const { id, notified: toStaff } = await postWish(db, clock, gridActor, community, {
        title: "一根带小凳子的拐杖",
        category: "item",
        valueCap: 150,
        publicName: "张阿姨",
        building: "3幢",
      });
      expect(toStaff).toContain(staff.user.id);
      // Not on the wall before review; a stranger cannot open it.
      expect((await wishWallPage(db, clock, null, community.slug)).wall.map((w) => w.id)).not.toContain(id);
      await expect(wishPage(db, null, id)).rejects.toMatchObject({ kind: "not_found" });
      expect(await refusal(reviewWish(db, clock, gridActor, id, { approve: true }))).toMatchObject({ kind: "forbidden" });

      const approved = await reviewWish(db, clock, staffActor, id, { approve: true });
      expect(approved.notified).toEqual([grid.user.id]);
      const wall = await wishWallPage(db, clock, null, community.slug);
      const shown = wall.wall.find((w) => w.id === id)!;
      expect(shown).toMatchObject({ publicName: "张阿姨", building: "3" });
      expect(JSON.stringify(wall)).not.toMatch(/wisherId|postedById|张丽萍/);

      // A volunteer and the property company's representative claim at once: one wins, the other is told.
      const [volunteer, repActor] = await Promise.all([actor(volunteers[0]!), actor(rep)]);
      const results = await Promise.allSettled([
        claimWish(db, clock, volunteer, id, null),
        claimWish(db, clock, repActor, id, property.id),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as DomainError).key).toBe(
        "volunteering:errors.wish_taken",
      );
      const winner = results[0]!.status === "fulfilled" ? volunteer : repActor;
      const loser = winner === volunteer ? repActor : volunteer;

      const photo = { field: "photos", filename: "done.jpg", bytes: await phonePhotoWithGps(600, 400), tooLarge: false };
      const storage = new LocalDiskStorage(uploadDir);
      expect(await refusal(fulfilWish(db, clock, storage, loser, id, {}, [photo]))).toMatchObject({ kind: "forbidden" });
      expect(await refusal(fulfilWish(db, clock, storage, winner, id, {}, []))).toMatchObject({
        key: "volunteering:errors.photo_required",
      });
      const fulfilled = await fulfilWish(db, clock, storage, winner, id, { note: "送上门了" }, [photo]);
      expect(fulfilled.notified).toEqual([grid.user.id]);

      // The photo shows a home: those close to the wish and staff see it, a passer-by does not.
      const { storageKey } = await db.wishPhoto.findFirstOrThrow({ where: { wishId: id } });
      const pathOf = parseUploadPath(storageKey)!;
      expect(await photoForVisitor(db, storage, async () => null, pathOf)).toBeNull();
      expect(await photoForVisitor(db, storage, async () => actor(resident), pathOf)).toBeNull();
      expect(await photoForVisitor(db, storage, async () => gridActor, pathOf)).toMatchObject({ isPublic: false });

      expect(await refusal(confirmWish(db, clock, winner, id, {}))).toMatchObject({ kind: "forbidden" });
      const confirmed = await confirmWish(db, clock, gridActor, id, { thanks: "谢谢！" });
      expect(confirmed.notified).toContain(winner.id);
      // The same step never notifies twice.
      expect(await db.notification.count({ where: { userId: grid.user.id, type: "wish_fulfilled" } })).toBe(1);
      if (winner === repActor) expect((await unitVolunteeringRecord(db, property.id)).wishesFulfilled).toBe(1);
    });

    it("a resident's own wish may not show her full name; unclaimed wishes are flagged once for staff", async () => {
      const { db, clock, community, resident, staff, staff2, actor, staffActor } = await world();
      const me = { ...(await actor(resident)), displayName: "王秀英" };
      expect(
        await refusal(postWish(db, clock, me, community, { title: "修晾衣架", category: "repair", publicName: "王秀英", building: "1" })),
      ).toMatchObject({ key: "volunteering:errors.public_name_is_full_name" });
      expect(
        await refusal(
          postWish(db, clock, me, community, { title: "修晾衣架", category: "repair", publicName: "王阿姨", building: "1幢2单元301" }),
        ),
      ).toMatchObject({ key: "volunteering:errors.building_only" });
      const { id } = await postWish(db, clock, me, community, {
        title: "修晾衣架",
        category: "repair",
        publicName: "王阿姨",
        building: "1",
      });
      await reviewWish(db, clock, staffActor, id, { approve: true });

      clock.advance(6 * DAY);
      expect((await flagUnclaimedWishes(db, clock)).notified).toEqual([]);
      clock.advance(DAY);
      const first = await flagUnclaimedWishes(db, clock);
      expect(first.notified.sort()).toEqual([staff.user.id, staff2.user.id].sort());
      clock.advance(HOUR);
      expect((await flagUnclaimedWishes(db, clock)).notified).toEqual([]);
      const queue = (await wishWallPage(db, clock, staffActor, community.slug)).queue;
      expect(queue.find((w) => w.id === id)?.staleSince).toBeTruthy();
    });
  });
}
