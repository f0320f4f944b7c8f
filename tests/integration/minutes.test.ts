import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { answerObjection, fileObjection, finalizeDueDecisions, publishDecision } from "../../app/domain/decisions/decisions.server";
import { contentHash } from "../../app/domain/minutes/content-hash";
import {
  addReviewComment,
  openMinutes,
  publishMinutes,
  restoreVersion,
  saveDraft,
  sendForReview,
  signOff,
  startCorrection,
} from "../../app/domain/minutes/minutes.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { createEndedMeeting } from "../helpers/meeting-record";

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key);

type Doc = { root: { children: Array<Record<string, unknown>> } };

function withParagraph(content: string, words: string): string {
  const doc = JSON.parse(content) as Doc;
  doc.root.children.push({ type: "paragraph", version: 1, children: [{ type: "text", version: 1, text: words, format: 0 }] });
  return JSON.stringify(doc);
}

for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`minutes and decisions on ${provider}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await fresh();
    });
    afterAll(async () => database?.drop());

    it("drafts the minutes from the meeting with the locked attendance, vote and decision blocks", async () => {
      const world = await createEndedMeeting(database.db);
      const minutes = await openMinutes(database.db, new FakeClock(), world.actors.staff, world.meeting.id, t, "zh-CN");
      const types = [...minutes.content.matchAll(/"type":"([a-z-]+)"/g)].map((m) => m[1]);
      expect(types).toEqual(expect.arrayContaining(["attendance", "vote-result", "decision", "heading", "list"]));
      expect(minutes.content).toContain("需先做消防评估");
      expect(minutes.revision).toBe(1);
      // Opening again reads the same row.
      const again = await openMinutes(database.db, new FakeClock(), world.actors.staff, world.meeting.id, t, "zh-CN");
      expect(again.id).toBe(minutes.id);
    });

    it("refuses a draft whose locked vote block was altered, and keeps the stored draft as it was", async () => {
      const world = await createEndedMeeting(database.db);
      const minutes = await openMinutes(database.db, new FakeClock(), world.actors.staff, world.meeting.id, t, "zh-CN");
      const tampered = minutes.content.replace(
        '"key":"yes","label":"赞成","manual":0,"total":2',
        '"key":"yes","label":"赞成","manual":0,"total":20',
      );
      expect(tampered).not.toBe(minutes.content);
      await expect(
        saveDraft(database.db, new FakeClock(), world.actors.staff, { minutesId: minutes.id, baseRevision: 1, content: tampered }),
      ).rejects.toMatchObject({
        key: "minutes:errors.locked_block_altered",
        values: { block: "vote-result" },
      });
      const stored = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
      expect(stored.revision).toBe(1);
      expect(stored.content).toBe(minutes.content);
    });

    it("refuses unknown node types and malformed JSON with a clear error", async () => {
      const world = await createEndedMeeting(database.db);
      const minutes = await openMinutes(database.db, new FakeClock(), world.actors.staff, world.meeting.id, t, "zh-CN");
      const scripted = minutes.content.replace('"type":"quote"', '"type":"script"').replace('"type":"heading"', '"type":"html"');
      await expect(
        saveDraft(database.db, new FakeClock(), world.actors.staff, { minutesId: minutes.id, baseRevision: 1, content: scripted }),
      ).rejects.toMatchObject({
        key: "minutes:errors.unknown_node_type",
      });
      await expect(
        saveDraft(database.db, new FakeClock(), world.actors.staff, { minutesId: minutes.id, baseRevision: 1, content: "{not json" }),
      ).rejects.toMatchObject({
        key: "minutes:errors.document_malformed",
      });
    });

    it("warns instead of overwriting when two staff save from the same revision", async () => {
      const world = await createEndedMeeting(database.db);
      const minutes = await openMinutes(database.db, new FakeClock(), world.actors.staff, world.meeting.id, t, "zh-CN");
      await saveDraft(database.db, new FakeClock(), world.actors.staff, {
        minutesId: minutes.id,
        baseRevision: 1,
        content: withParagraph(minutes.content, "第一位"),
      });
      await expect(
        saveDraft(database.db, new FakeClock(), world.actors.staff, {
          minutesId: minutes.id,
          baseRevision: 1,
          content: withParagraph(minutes.content, "第二位"),
        }),
      ).rejects.toMatchObject({ kind: "conflict", key: "minutes:errors.edit_conflict" });
      const stored = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
      expect(stored.content).toContain("第一位");
      expect(stored.content).not.toContain("第二位");
    });

    it("restores an earlier version as a new revision, keeping the history", async () => {
      const world = await createEndedMeeting(database.db);
      const clock = new FakeClock();
      const minutes = await openMinutes(database.db, clock, world.actors.staff, world.meeting.id, t, "zh-CN");
      clock.advance(DAY);
      await saveDraft(database.db, clock, world.actors.staff, {
        minutesId: minutes.id,
        baseRevision: 1,
        content: withParagraph(minutes.content, "后来加的一句"),
      });
      const versions = await database.db.minutesVersion.findMany({ where: { minutesId: minutes.id }, orderBy: { revision: "asc" } });
      expect(versions.map((v) => v.revision)).toEqual([1, 2]);
      const restored = await restoreVersion(database.db, clock, world.actors.staff, {
        minutesId: minutes.id,
        versionId: versions[0].id,
        baseRevision: 2,
      });
      expect(restored.revision).toBe(3);
      const stored = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
      expect(stored.content).toBe(minutes.content);
      const history = await database.db.minutesVersion.findMany({ where: { minutesId: minutes.id }, orderBy: { revision: "asc" } });
      expect(history.map((v) => v.note)).toEqual(["draft-from-meeting", "autosave", "restored:1"]);
      expect(history.every((v) => v.authorId === world.users.staff.user.id)).toBe(true);
    });

    it("goes through review, sign-off and publish; publishing twice is idempotent and the hash is fixed", async () => {
      const world = await createEndedMeeting(database.db);
      const clock = new FakeClock();
      const minutes = await openMinutes(database.db, clock, world.actors.staff, world.meeting.id, t, "zh-CN");
      await expect(publishMinutes(database.db, clock, world.actors.staff, { minutesId: minutes.id })).rejects.toMatchObject({
        key: "minutes:errors.not_signed",
      });
      await sendForReview(database.db, clock, world.actors.staff, minutes.id);
      await addReviewComment(database.db, clock, world.actors.resident, { minutesId: minutes.id, body: "第二段王阿姨的发言请补全。" });
      await expect(signOff(database.db, clock, world.actors.staff, { minutesId: minutes.id, revision: 1 })).rejects.toMatchObject({
        kind: "forbidden",
      });
      await signOff(database.db, clock, world.actors.host, { minutesId: minutes.id, revision: 1 });

      const first = await publishMinutes(database.db, clock, world.actors.staff, { minutesId: minutes.id });
      clock.advance(DAY);
      const second = await publishMinutes(database.db, clock, world.actors.staff, { minutesId: minutes.id });
      expect(first?.status).toBe("published");
      expect(second?.publishedAt?.getTime()).toBe(first?.publishedAt?.getTime());
      expect(second?.contentHash).toBe(first?.contentHash);
      expect(first?.contentHash).toBe(contentHash(JSON.parse(minutes.content)));
      expect(await database.db.auditLog.count({ where: { entityId: minutes.id, action: "minutes.published" } })).toBe(1);

      // The meeting's decision went on public notice once, and the resident was told.
      const decision = await database.db.decision.findUniqueOrThrow({ where: { id: world.decision.id } });
      expect(decision.status).toBe("notice");
      expect(await database.db.notification.count({ where: { userId: world.users.resident.user.id, type: "decision_published" } })).toBe(1);

      // Published minutes cannot be changed; a correction is a new linked row.
      await expect(
        saveDraft(database.db, clock, world.actors.staff, { minutesId: minutes.id, baseRevision: 1, content: minutes.content }),
      ).rejects.toMatchObject({
        key: "minutes:errors.already_published",
      });
      const correction = await startCorrection(database.db, clock, world.actors.staff, { minutesId: minutes.id, note: "更正主持人姓名" });
      expect(correction.correctionOfId).toBe(minutes.id);
      expect(correction.status).toBe("draft");
      // The correction goes through the same review and sign-off; the original stays published as it was.
      await saveDraft(database.db, clock, world.actors.staff, {
        minutesId: correction.id,
        baseRevision: 1,
        content: withParagraph(correction.content, "更正：主持人为李卫东。"),
      });
      await sendForReview(database.db, clock, world.actors.staff, correction.id);
      await signOff(database.db, clock, world.actors.host, { minutesId: correction.id, revision: 2 });
      const corrected = await publishMinutes(database.db, clock, world.actors.staff, { minutesId: correction.id });
      expect(corrected?.status).toBe("published");
      expect(corrected?.contentHash).not.toBe(first?.contentHash);
      const original = await database.db.minutes.findUniqueOrThrow({ where: { id: minutes.id } });
      expect(original.contentHash).toBe(first?.contentHash);
      expect(original.content).toBe(minutes.content);
    });

    it("publishing a decision twice keeps the first notice window", async () => {
      const world = await createEndedMeeting(database.db);
      const clock = new FakeClock();
      const first = await publishDecision(database.db, clock, world.actors.staff, { decisionId: world.decision.id, noticeDays: 10 });
      clock.advance(DAY);
      const second = await publishDecision(database.db, clock, world.actors.staff, { decisionId: world.decision.id, noticeDays: 3 });
      expect(second.noticeEndsAt?.getTime()).toBe(first.noticeEndsAt?.getTime());
      expect(first.noticeEndsAt!.getTime() - first.noticeStartsAt!.getTime()).toBe(10 * DAY);
      expect(
        await database.db.notification.count({
          where: { userId: world.users.resident.user.id, dedupeKey: `decision_published:decision:${world.decision.id}` },
        }),
      ).toBe(1);
    });

    it("accepts objections during the notice, refuses them after, and finalizes once all are answered", async () => {
      const world = await createEndedMeeting(database.db);
      const clock = new FakeClock();
      await publishDecision(database.db, clock, world.actors.staff, { decisionId: world.decision.id, noticeDays: 7 });
      clock.advance(6 * DAY);
      const objection = await fileObjection(database.db, clock, world.actors.resident, {
        decisionId: world.decision.id,
        reason: "充电桩离儿童游乐区太近。",
      });
      clock.advance(DAY);
      await expect(
        fileObjection(database.db, clock, world.actors.resident, { decisionId: world.decision.id, reason: "再提一条意见。" }),
      ).rejects.toMatchObject({
        key: "minutes:errors.objection_window_closed",
      });
      // Window over but an objection is unanswered: not final yet.
      await finalizeDueDecisions(database.db, clock);
      expect((await database.db.decision.findUniqueOrThrow({ where: { id: world.decision.id } })).status).toBe("notice");
      await answerObjection(database.db, clock, world.actors.staff, {
        objectionId: objection.id,
        answer: "已调整位置，距离游乐区 15 米以上。",
      });
      expect(await database.db.notification.count({ where: { userId: world.users.resident.user.id, type: "objection_answered" } })).toBe(1);
      const decision = await database.db.decision.findUniqueOrThrow({ where: { id: world.decision.id } });
      expect(decision.status).toBe("final");
      const issue = await database.db.issue.findUniqueOrThrow({ where: { id: world.issue.id } });
      expect(issue.status).toBe("in_progress");
    });

    it("the sweep finalizes a decision whose quiet notice window has ended", async () => {
      const world = await createEndedMeeting(database.db);
      const clock = new FakeClock();
      await publishDecision(database.db, clock, world.actors.staff, { decisionId: world.decision.id, noticeDays: 2 });
      await finalizeDueDecisions(database.db, clock);
      expect((await database.db.decision.findUniqueOrThrow({ where: { id: world.decision.id } })).status).toBe("notice");
      clock.advance(2 * DAY);
      expect(await finalizeDueDecisions(database.db, clock)).toBeGreaterThanOrEqual(1);
      expect((await database.db.decision.findUniqueOrThrow({ where: { id: world.decision.id } })).status).toBe("final");
      expect((await database.db.issue.findUniqueOrThrow({ where: { id: world.issue.id } })).status).toBe("in_progress");
    });
  });
}
