import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { endOfChinaDay } from "../../infra/time";
import { audit } from "../audit.server";
import type { FileStorage } from "../../infra/storage.server";
import { conflict, notFound } from "../errors";
import type { IncomingFile } from "../uploads/images";
import { storeImages } from "../uploads/save-images.server";
import { MAX_PHOTOS_PER_MILESTONE } from "./limits";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";

export type ProjectCommand =
  | { intent: "add_milestone"; title: string; dueOn?: string }
  | { intent: "complete_milestone"; milestoneId: string; evidence: string }
  | { intent: "progress"; progress: number }
  | { intent: "complete_project" };

async function findProject(db: Db, projectId: string) {
  const project = await db.jointProject.findUnique({
    where: { id: projectId },
    select: {
      id: true,
      titleZh: true,
      titleEn: true,
      description: true,
      status: true,
      progress: true,
      createdAt: true,
      completedAt: true,
      need: { select: { id: true, titleZh: true, titleEn: true } },
      community: { select: { id: true, slug: true, streetId: true, nameZh: true, nameEn: true } },
      units: { select: { unit: { select: { id: true, nameZh: true, nameEn: true } } } },
      milestones: {
        orderBy: [{ createdAt: "asc" }],
        select: {
          id: true,
          title: true,
          dueAt: true,
          doneAt: true,
          evidence: true,
          photos: { orderBy: { createdAt: "asc" }, select: { storageKey: true } },
        },
      },
    },
  });
  if (!project) throw notFound("units:errors.project_not_found");
  return project;
}

/** Staff of the project's community, or a representative of one of its owner units there. */
function mayUpdate(actor: Actor | null, project: Awaited<ReturnType<typeof findProject>>) {
  const place = { communityId: project.community.id, streetId: project.community.streetId };
  if (can(actor, "update:joint-project", place)) return place;
  const unit = project.units.find((link) => can(actor, "update:joint-project", { ...place, unitId: link.unit.id }));
  return unit ? { ...place, unitId: unit.unit.id } : null;
}

/** A joint project (共建项目): its owner units, milestones with evidence and progress. Public. */
export async function projectPage(db: Db, viewer: Actor | null, projectId: string) {
  const project = await findProject(db, projectId);
  return { project: { ...project, units: project.units.map((link) => link.unit) }, canUpdate: mayUpdate(viewer, project) !== null };
}

export const MAX_MILESTONES = 40;

/**
 * Changes a project. Marking a milestone done may bring photo evidence: the photos go through the upload
 * pipeline (re-encoded, EXIF and GPS stripped) before anything is written, and are removed again if the
 * milestone could not be marked.
 */
export async function changeProject(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  projectId: string,
  command: ProjectCommand,
  evidence: { storage: FileStorage; photos: readonly IncomingFile[] } | null = null,
) {
  const project = await findProject(db, projectId);
  requirePermission(
    actor,
    "update:joint-project",
    mayUpdate(actor, project) ?? { communityId: project.community.id, streetId: project.community.streetId },
    "units:errors.not_your_project",
  );
  if (project.status === "completed") throw conflict("units:errors.project_completed");
  const now = clock.now();
  switch (command.intent) {
    case "add_milestone":
      if (project.milestones.length >= MAX_MILESTONES) throw conflict("units:errors.too_many_milestones", { max: MAX_MILESTONES });
      await db.projectMilestone.create({
        data: { projectId, title: command.title, dueAt: command.dueOn ? endOfChinaDay(command.dueOn) : null, createdAt: now },
      });
      break;
    case "complete_milestone": {
      const photos = evidence?.photos ?? [];
      const stored = photos.length && evidence ? await storeImages(evidence.storage, clock, photos, MAX_PHOTOS_PER_MILESTONE) : null;
      try {
        await db.$transaction(async (tx) => {
          const done = await tx.projectMilestone.updateMany({
            where: { id: command.milestoneId, projectId, doneAt: null },
            data: { doneAt: now, evidence: command.evidence },
          });
          if (done.count === 0) throw conflict("units:errors.milestone_not_open");
          if (stored)
            await tx.projectMilestonePhoto.createMany({
              data: stored.images.map((image) => ({ ...image, milestoneId: command.milestoneId, uploaderId: actor.id, createdAt: now })),
            });
        });
      } catch (error) {
        await stored?.discard();
        throw error;
      }
      // Progress follows the milestones unless someone has already said more.
      const total = project.milestones.length;
      const finished = project.milestones.filter((m) => m.doneAt).length + 1;
      const share = Math.round((finished / total) * 100);
      await db.jointProject.updateMany({ where: { id: projectId, progress: { lt: share } }, data: { progress: Math.min(share, 100) } });
      break;
    }
    case "progress":
      await db.jointProject.update({ where: { id: projectId }, data: { progress: command.progress } });
      break;
    case "complete_project":
      await db.jointProject.update({ where: { id: projectId }, data: { status: "completed", progress: 100, completedAt: now } });
      break;
  }
  await audit(db, {
    actorId: actor.id,
    communityId: project.community.id,
    action: `project.${command.intent}`,
    entityType: "JointProject",
    entityId: projectId,
    ...(command.intent === "complete_milestone" && evidence?.photos.length ? { data: { photos: evidence.photos.length } } : {}),
    at: now,
  });
}

/** A milestone's evidence photo: public like the project it documents. */
export async function milestonePhotoByKey(db: Db, storageKeys: readonly string[]) {
  return db.projectMilestonePhoto.findFirst({ where: { storageKey: { in: [...storageKeys] } }, select: { id: true, storageKey: true } });
}
