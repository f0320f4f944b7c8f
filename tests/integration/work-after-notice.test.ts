import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { answerObjection, fileObjection, finalizeDueDecisions, publishDecision } from "../../app/domain/decisions/decisions.server";
import { chinaDateString } from "../../app/infra/time";
import { addActionItem, claimActionItem, postProgress } from "../../app/domain/issues/issue-actions.server";
import { LocalDiskStorage } from "../../app/infra/storage.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createUser } from "../helpers/fixtures";
import { createEndedMeeting } from "../helpers/meeting-record";

/** Issue #8 item 12 (ADR 0011): a council decision's public notice comes before any work on the issue. */

for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`work after public notice on ${provider}`, () => {
    let database: TestDatabase;
    let uploadDir: string;
    beforeAll(async () => {
      database = await fresh();
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-notice-"));
    });
    afterAll(async () => {
      await database?.drop();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    });

    it("a unit cannot claim or report on work until the decision's notice ended with every objection answered", async () => {
      const db = database.db;
      const world = await createEndedMeeting(db);
      const clock = new FakeClock(new Date("2026-11-21T09:00:00+08:00"));
      const company = await db.unit.create({
        data: {
          streetId: world.street.id,
          communityId: world.community.id,
          nameZh: "北山物业",
          nameEn: "Beishan Property",
          kind: "company",
          sectorGroup: "livelihood",
        },
      });
      const rep = await createUser(db, { communityId: world.community.id, role: "unit_rep", unitId: company.id });
      const repActor = await actorOf(db, rep.user.id);
      const storage = new LocalDiskStorage(uploadDir);
      const statusOf = async () => (await db.issue.findUniqueOrThrow({ where: { id: world.issue.id } })).status;

      // The decision recorded in the meeting names the work, but the issue does not start on it.
      const { actionItemId } = await addActionItem(db, clock, world.actors.staff, world.issue.id, {
        unitId: company.id,
        description: "安装充电桩",
        dueDate: chinaDateString(new Date(clock.now().getTime() + 30 * DAY)),
      });
      expect(await statusOf()).toBe("decided");
      await expect(claimActionItem(db, clock, repActor, actionItemId)).rejects.toMatchObject({
        key: "issues:errors.work_waits_for_publication",
      });

      // On notice: refused with the date work may start, photos or not.
      await publishDecision(db, clock, world.actors.staff, { decisionId: world.decision.id, noticeDays: 5 });
      await expect(claimActionItem(db, clock, repActor, actionItemId)).rejects.toMatchObject({
        key: "issues:errors.work_waits_for_notice",
        values: { until: "2026-11-26 09:00" },
      });
      await expect(
        postProgress(db, clock, storage, repActor, actionItemId, { text: "先开工", percent: 10, done: false }, []),
      ).rejects.toMatchObject({ key: "issues:errors.work_waits_for_notice" });
      expect(await db.actionItem.findUniqueOrThrow({ where: { id: actionItemId } })).toMatchObject({ status: "open", percent: 0 });
      expect(await statusOf()).toBe("decided");

      // A resident objects; after the window the objection still waits for its answer, and so does the work.
      clock.advance(DAY);
      const objection = await fileObjection(db, clock, world.actors.resident, {
        decisionId: world.decision.id,
        reason: "充电桩离儿童游乐区太近。",
      });
      clock.advance(5 * DAY);
      await finalizeDueDecisions(db, clock);
      await expect(claimActionItem(db, clock, repActor, actionItemId)).rejects.toMatchObject({
        key: "issues:errors.work_waits_for_answers",
        values: { count: 1 },
      });
      expect(await statusOf()).toBe("decided");

      // Answered in public: the decision is final, the issue is in progress, the unit may start.
      await answerObjection(db, clock, world.actors.staff, { objectionId: objection.id, answer: "已调整位置，距离游乐区 15 米以上。" });
      expect(await statusOf()).toBe("in_progress");
      await claimActionItem(db, clock, repActor, actionItemId);
      expect((await db.actionItem.findUniqueOrThrow({ where: { id: actionItemId } })).status).toBe("claimed");
    });
  });
}
