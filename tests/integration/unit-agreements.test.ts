import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import {
  agreementsOfUnit,
  linkCommitment,
  recordAgreement,
  runAgreementReminderSweep,
  updateAgreement,
} from "../../app/domain/units/agreements.server";
import { unitPage } from "../../app/domain/units/unit-page.server";
import { AgreementCreateSchema, AgreementUpdateSchema } from "../../app/schemas/agreements";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createUnit, createUser } from "../helpers/fixtures";

/**
 * Issue #13: cooperation agreements (共建协议). Staff record an agreement with a unit; everyone reads its term
 * and commitments, only staff and the unit's representatives its signatories; a commitment links to a joint
 * project of that unit only; 30 days before it ends, staff and the unit's representatives are reminded once.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`cooperation agreements on ${provider}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await fresh();
    });
    afterAll(async () => {
      await database?.drop();
    });

    async function world() {
      const db = database.db;
      const place = await createCommunity(db);
      const base = { streetId: place.street.id, communityId: place.community.id };
      const school = await createUnit(db, {
        ...base,
        kind: "school",
        sectorGroup: "culture",
        nameZh: "第十四中学",
        nameEn: "No. 14 High School",
      });
      const police = await createUnit(db, {
        ...base,
        kind: "police",
        sectorGroup: "governance",
        nameZh: "北山派出所",
        nameEn: "Beishan Police",
      });
      const staff = await createUser(db, { communityId: place.community.id, role: "community_staff" });
      const schoolRep = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: school.id });
      const policeRep = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: police.id });
      const resident = await createUser(db, { communityId: place.community.id, role: "resident" });
      const schoolProject = await db.jointProject.create({
        data: {
          communityId: place.community.id,
          titleZh: "操场错时开放",
          titleEn: "Playground open hours",
          units: { create: [{ unitId: school.id }] },
        },
      });
      const policeProject = await db.jointProject.create({
        data: {
          communityId: place.community.id,
          titleZh: "反诈宣传",
          titleEn: "Anti-fraud talks",
          units: { create: [{ unitId: police.id }] },
        },
      });
      return {
        db,
        place,
        school,
        police,
        schoolProject,
        policeProject,
        staff: await actorOf(db, staff.user.id),
        schoolRep: await actorOf(db, schoolRep.user.id),
        policeRep: await actorOf(db, policeRep.user.id),
        resident: await actorOf(db, resident.user.id),
        // Monday 7 December 2026, 10:00 in Beishan.
        clock: new FakeClock(new Date("2026-12-07T10:00:00+08:00")),
      };
    }

    const form = (overrides: Record<string, string> = {}) =>
      AgreementCreateSchema.parse({
        intent: "create",
        title: "2026年度校社共建协议",
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        commitments: "周末错时开放操场\n共建青少年志愿服务队",
        communitySignatory: "王书记",
        communityRole: "社区党委书记",
        unitSignatory: "李校长",
        unitRole: "校长",
        ...overrides,
      });

    it("staff record an agreement; residents and unit representatives may not", async () => {
      const w = await world();
      const agreement = await recordAgreement(w.db, w.clock, w.staff, w.school.id, form());
      expect(agreement.communityId).toBe(w.place.community.id);
      const audit = await w.db.auditLog.findMany({ where: { entityId: agreement.id } });
      expect(audit.map((row) => row.action)).toEqual(["agreement.create"]);
      await expect(recordAgreement(w.db, w.clock, w.resident, w.school.id, form())).rejects.toMatchObject({ kind: "forbidden" });
      await expect(recordAgreement(w.db, w.clock, w.schoolRep, w.school.id, form())).rejects.toMatchObject({ kind: "forbidden" });
      await expect(recordAgreement(w.db, w.clock, null, w.school.id, form())).rejects.toMatchObject({ kind: "unauthenticated" });
      await expect(recordAgreement(w.db, w.clock, w.staff, "no-such-unit", form())).rejects.toMatchObject({ kind: "not_found" });
      expect(await w.db.unitAgreement.count({ where: { unitId: w.school.id } })).toBe(1);
      // A unit of the whole street signs with the community of the staff who record it; another street's staff may not.
      const bureau = await createUnit(w.db, {
        streetId: w.place.street.id,
        kind: "department",
        sectorGroup: "governance",
        nameZh: "区住建局",
        nameEn: "Housing Bureau",
      });
      const streetWide = await recordAgreement(w.db, w.clock, w.staff, bureau.id, form());
      expect(streetWide.communityId).toBe(w.place.community.id);
      const elsewhere = await createCommunity(w.db);
      const otherStaff = await createUser(w.db, { communityId: elsewhere.community.id, role: "community_staff" });
      await expect(recordAgreement(w.db, w.clock, await actorOf(w.db, otherStaff.user.id), bureau.id, form())).rejects.toMatchObject({
        kind: "forbidden",
      });
      await expect(recordAgreement(w.db, w.clock, await actorOf(w.db, otherStaff.user.id), w.school.id, form())).rejects.toMatchObject({
        kind: "forbidden",
      });
    });

    it("shows terms and commitments to everyone, signatories to staff and the unit's representatives only", async () => {
      const w = await world();
      await recordAgreement(w.db, w.clock, w.staff, w.school.id, form());
      const unit = { id: w.school.id, streetId: w.place.street.id, communityId: w.place.community.id };
      const anonymous = await agreementsOfUnit(w.db, w.clock, null, unit);
      expect(anonymous.agreements[0]).toMatchObject({
        title: "2026年度校社共建协议",
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        status: "ending_soon",
        signatories: null,
      });
      expect(anonymous.agreements[0]!.commitments.map((c) => c.text)).toEqual(["周末错时开放操场", "共建青少年志愿服务队"]);
      expect((await agreementsOfUnit(w.db, w.clock, w.resident, unit)).agreements[0]!.signatories).toBeNull();
      expect((await agreementsOfUnit(w.db, w.clock, w.policeRep, unit)).agreements[0]!.signatories).toBeNull();
      expect((await agreementsOfUnit(w.db, w.clock, w.schoolRep, unit)).agreements[0]!.signatories).toEqual({
        community: { name: "王书记", role: "社区党委书记" },
        unit: { name: "李校长", role: "校长" },
      });
      const staffView = await unitPage(w.db, w.clock, w.staff, w.school.id);
      expect(staffView.canManageAgreements).toBe(true);
      expect(staffView.agreements[0]!.signatories?.unit.name).toBe("李校长");
    });

    it("links a commitment to a joint project of that unit only", async () => {
      const w = await world();
      const agreement = await recordAgreement(w.db, w.clock, w.staff, w.school.id, form());
      const [first] = await w.db.agreementCommitment.findMany({ where: { agreementId: agreement.id }, orderBy: { position: "asc" } });
      await expect(
        linkCommitment(w.db, w.clock, w.staff, w.school.id, { intent: "link", commitmentId: first!.id, projectId: w.policeProject.id }),
      ).rejects.toMatchObject({ kind: "conflict", key: "units:agreements.errors.project_not_of_unit" });
      await expect(
        linkCommitment(w.db, w.clock, w.schoolRep, w.school.id, { intent: "link", commitmentId: first!.id, projectId: w.schoolProject.id }),
      ).rejects.toMatchObject({ kind: "forbidden" });
      // Another unit's page cannot reach this unit's commitment.
      await expect(
        linkCommitment(w.db, w.clock, w.staff, w.police.id, { intent: "link", commitmentId: first!.id, projectId: w.policeProject.id }),
      ).rejects.toMatchObject({ kind: "not_found" });
      await linkCommitment(w.db, w.clock, w.staff, w.school.id, { intent: "link", commitmentId: first!.id, projectId: w.schoolProject.id });
      const unit = { id: w.school.id, streetId: w.place.street.id, communityId: w.place.community.id };
      const view = await agreementsOfUnit(w.db, w.clock, null, unit);
      expect(view.agreements[0]!.commitments[0]!.project).toMatchObject({ id: w.schoolProject.id, titleZh: "操场错时开放" });
      expect(view.agreements[0]!.commitments[1]!.project).toBeNull();
      await linkCommitment(w.db, w.clock, w.staff, w.school.id, { intent: "link", commitmentId: first!.id, projectId: undefined });
      expect((await w.db.agreementCommitment.findUnique({ where: { id: first!.id } }))!.jointProjectId).toBeNull();
      const actions = (await w.db.auditLog.findMany({ where: { entityId: agreement.id }, orderBy: { createdAt: "asc" } })).map(
        (r) => r.action,
      );
      expect(actions).toEqual(expect.arrayContaining(["agreement.create", "agreement.link", "agreement.unlink"]));
    });

    it("reminds staff and the unit's representatives once, only within 30 days of the end", async () => {
      const w = await world();
      // Ends 4 February 2027: 59 days away on 7 December.
      const agreement = await recordAgreement(w.db, w.clock, w.staff, w.school.id, form({ startsOn: "2026-02-05", endsOn: "2027-02-04" }));
      const reminders = () =>
        w.db.notification.findMany({ where: { type: "agreement_ending", dedupeKey: `agreement_ending:${agreement.id}` } });
      await runAgreementReminderSweep(w.db, w.clock);
      expect(await reminders()).toHaveLength(0);
      // 5 January 2027: 30 days before its last day.
      w.clock.advance(29 * DAY);
      const first = await runAgreementReminderSweep(w.db, w.clock);
      const sent = await reminders();
      expect(new Set(sent.map((n) => n.userId))).toEqual(new Set([w.staff.id, w.schoolRep.id]));
      expect(first.notified).toEqual(expect.arrayContaining([w.staff.id, w.schoolRep.id]));
      expect(JSON.parse(sent[0]!.data)).toMatchObject({ title: "2026年度校社共建协议", endsOn: "2027-02-04" });
      expect((await w.db.unitAgreement.findUnique({ where: { id: agreement.id } }))!.remindedAt).not.toBeNull();
      w.clock.advance(DAY);
      const again = await runAgreementReminderSweep(w.db, w.clock);
      expect(again.notified).not.toContain(w.staff.id);
      expect(await reminders()).toHaveLength(2);

      // Renewed for a year: the new term clears the reminder, and only staff may renew.
      const renewal = AgreementUpdateSchema.parse({
        intent: "update",
        agreementId: agreement.id,
        title: "2027年度校社共建协议",
        startsOn: "2027-02-05",
        endsOn: "2028-02-04",
        communitySignatory: "王书记",
        communityRole: "社区党委书记",
        unitSignatory: "李校长",
        unitRole: "校长",
      });
      await expect(updateAgreement(w.db, w.clock, w.schoolRep, w.school.id, renewal)).rejects.toMatchObject({ kind: "forbidden" });
      await expect(updateAgreement(w.db, w.clock, w.staff, w.police.id, renewal)).rejects.toMatchObject({ kind: "not_found" });
      await updateAgreement(w.db, w.clock, w.staff, w.school.id, renewal);
      const renewed = await w.db.unitAgreement.findUniqueOrThrow({ where: { id: agreement.id } });
      expect(renewed).toMatchObject({ title: "2027年度校社共建协议", remindedAt: null });
      const audit = await w.db.auditLog.findMany({ where: { entityId: agreement.id, action: "agreement.update" } });
      expect(audit).toHaveLength(1);
    });
  });
}
