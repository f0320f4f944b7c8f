import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { LocalDiskStorage, parseUploadPath } from "../../app/infra/storage.server";
import { changeProject, projectPage } from "../../app/domain/projects/projects.server";
import { photoForVisitor } from "../../app/domain/uploads/serve-photo.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createUnit, createUser } from "../helpers/fixtures";
import { hasExif, headerOnlyPng, phonePhotoWithGps } from "../helpers/images";

/**
 * Issue #13: a unit marks a joint project's milestone done with photos of the work. The photos are
 * re-encoded without their location, shown on the public project page, and a broken upload stores nothing.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`milestone photo evidence on ${provider}`, () => {
    let database: TestDatabase;
    let uploadDir: string;
    beforeAll(async () => {
      database = await fresh();
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-milestones-"));
    });
    afterAll(async () => {
      await database?.drop();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    });

    it("stores the photos without GPS, shows them to anyone, and refuses an unreadable file without marking the milestone", async () => {
      const db = database.db;
      const clock = new FakeClock(new Date("2026-12-07T10:00:00+08:00"));
      const storage = new LocalDiskStorage(uploadDir);
      const place = await createCommunity(db);
      const unit = await createUnit(db, {
        streetId: place.street.id,
        communityId: place.community.id,
        kind: "company",
        sectorGroup: "livelihood",
        nameZh: "北山物业",
        nameEn: "Beishan Property",
      });
      const rep = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: unit.id });
      const outsider = await createUser(db, { communityId: place.community.id, role: "resident" });
      const project = await db.jointProject.create({
        data: {
          communityId: place.community.id,
          titleZh: "楼道消防隐患排查",
          titleEn: "Stairwell fire checks",
          units: { create: [{ unitId: unit.id }] },
          milestones: { create: [{ title: "逐栋排查" }, { title: "复查整改" }] },
        },
        include: { milestones: { orderBy: { title: "asc" } } },
      });
      const [first, second] = project.milestones;
      const actor = await actorOf(db, rep.user.id);
      const photo = { field: "photos", filename: "stairwell.jpg", bytes: await phonePhotoWithGps(600, 400), tooLarge: false };

      // Someone who does not work on the project cannot attach anything.
      await expect(
        changeProject(
          db,
          clock,
          await actorOf(db, outsider.user.id),
          project.id,
          { intent: "complete_milestone", milestoneId: first!.id, evidence: "x" },
          { storage, photos: [photo] },
        ),
      ).rejects.toMatchObject({ kind: "forbidden" });

      // An unreadable file refuses the whole step: the milestone stays open and nothing is stored.
      const broken = { field: "photos", filename: "broken.png", bytes: headerOnlyPng(), tooLarge: false };
      await expect(
        changeProject(
          db,
          clock,
          actor,
          project.id,
          { intent: "complete_milestone", milestoneId: second!.id, evidence: "复查" },
          { storage, photos: [broken] },
        ),
      ).rejects.toMatchObject({ kind: "invalid" });
      expect((await db.projectMilestone.findUniqueOrThrow({ where: { id: second!.id } })).doneAt).toBeNull();

      await changeProject(
        db,
        clock,
        actor,
        project.id,
        { intent: "complete_milestone", milestoneId: first!.id, evidence: "排查 46 个楼道" },
        { storage, photos: [photo] },
      );
      const page = await projectPage(db, null, project.id);
      const done = page.project.milestones.find((m) => m.id === first!.id)!;
      expect(done.photos).toHaveLength(1);
      const served = await photoForVisitor(db, storage, async () => null, parseUploadPath(done.photos[0]!.storageKey)!);
      expect(served?.isPublic).toBe(true);
      expect(await hasExif(served!.bytes)).toBe(false);
      expect(await db.auditLog.count({ where: { entityId: project.id, action: "project.complete_milestone" } })).toBe(1);
    });
  });
}
