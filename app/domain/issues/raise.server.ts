import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, invalid, notFound } from "../errors";
import { isUniqueViolation } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { IncomingFile } from "../uploads/images";
import { MAX_PHOTOS_PER_ISSUE } from "../uploads/images";
import { storeImages } from "../uploads/save-images.server";
import type { FileStorage } from "../../infra/storage.server";
import type { RaiseIssueInput } from "../../schemas/issues";
import { isOpenStatus } from "./statuses";
import { isWriteContention } from "./write-conflict";

export interface CommunityRef {
  id: string;
  slug: string;
  streetId: string;
}

/**
 * Files a new issue with its photos. Photos are checked before anything is written; the issue, its
 * photos' rows, the first timeline event, the reporter's follow and the audit row are one transaction,
 * and stored files are removed again if that transaction fails: a refused upload leaves nothing behind.
 */
export async function raiseIssue(
  db: Db,
  clock: Clock,
  storage: FileStorage,
  actor: Actor,
  community: CommunityRef,
  input: RaiseIssueInput,
  photos: readonly IncomingFile[],
): Promise<{ id: string; number: number }> {
  requirePermission(actor, "raise:issue", { communityId: community.id, streetId: community.streetId });
  const category = await db.issueCategory.findFirst({
    where: { id: input.categoryId, communityId: community.id, archivedAt: null },
    select: { id: true },
  });
  if (!category) throw invalid("issues:errors.category_required");
  if (input.gridId) {
    const grid = await db.grid.findFirst({ where: { id: input.gridId, communityId: community.id }, select: { id: true } });
    if (!grid) throw invalid("errors.field.invalid_choice");
  }
  const { images, discard } = await storeImages(storage, clock, photos, MAX_PHOTOS_PER_ISSUE);
  const now = clock.now();
  try {
    // Numbers are per community; two people filing at once may pick the same one, so retry on the unique index.
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.$transaction(async (tx) => {
          const last = await tx.issue.findFirst({
            where: { communityId: community.id },
            orderBy: { number: "desc" },
            select: { number: true },
          });
          const number = (last?.number ?? 0) + 1;
          const issue = await tx.issue.create({
            data: {
              number,
              communityId: community.id,
              gridId: input.gridId ?? null,
              categoryId: category.id,
              title: input.title,
              description: input.description,
              address: input.address ?? null,
              urgency: input.urgency,
              reporterId: actor.id,
              createdAt: now,
            },
            select: { id: true, number: true },
          });
          if (images.length > 0) {
            await tx.attachment.createMany({
              data: images.map((image) => ({ ...image, uploaderId: actor.id, issueId: issue.id, createdAt: now })),
            });
          }
          await tx.issueEvent.create({
            data: {
              issueId: issue.id,
              actorId: actor.id,
              type: "submitted",
              toStatus: "submitted",
              isPublic: true,
              createdAt: now,
              data: images.length ? JSON.stringify({ photos: images.length }) : null,
            },
          });
          await tx.issueFollower.create({ data: { issueId: issue.id, userId: actor.id, createdAt: now } });
          await audit(tx, {
            actorId: actor.id,
            communityId: community.id,
            action: "issue.raise",
            entityType: "Issue",
            entityId: issue.id,
            data: { number, photos: images.length },
            at: now,
          });
          return issue;
        });
      } catch (error) {
        if (attempt < 4 && (isUniqueViolation(error) || isWriteContention(error))) continue;
        throw error;
      }
    }
  } catch (error) {
    await discard();
    throw error;
  }
}

/**
 * "Me too": the person follows the issue and is counted once, however often they press the button.
 * The count is incremented only when their follow row changes to meToo, inside one transaction.
 */
export async function addMeToo(db: Db, clock: Clock, actor: Actor, issueId: string): Promise<{ meTooCount: number }> {
  const issue = await db.issue.findUnique({
    where: { id: issueId },
    select: { id: true, communityId: true, status: true, community: { select: { streetId: true } } },
  });
  if (!issue) throw notFound("issues:errors.not_found");
  // "Me too" is a resident's voice (people who could have raised it themselves), not a unit's or an expert's.
  requirePermission(actor, "raise:issue", { communityId: issue.communityId, streetId: issue.community.streetId });
  if (!isOpenStatus(issue.status)) throw conflict("issues:errors.not_open");
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const existing = await tx.issueFollower.findUnique({ where: { issueId_userId: { issueId, userId: actor.id } } });
    if (existing?.meToo) {
      const row = await tx.issue.findUniqueOrThrow({ where: { id: issueId }, select: { meTooCount: true } });
      return row;
    }
    if (existing) await tx.issueFollower.update({ where: { issueId_userId: { issueId, userId: actor.id } }, data: { meToo: true } });
    else await tx.issueFollower.create({ data: { issueId, userId: actor.id, meToo: true, createdAt: now } });
    const updated = await tx.issue.update({ where: { id: issueId }, data: { meTooCount: { increment: 1 } }, select: { meTooCount: true } });
    await tx.issueEvent.create({ data: { issueId, actorId: actor.id, type: "me_too", isPublic: true, createdAt: now } });
    await audit(tx, {
      actorId: actor.id,
      communityId: issue.communityId,
      action: "issue.me_too",
      entityType: "Issue",
      entityId: issueId,
      at: now,
    });
    return updated;
  });
}

export async function setFollowing(db: Db | Tx, clock: Clock, actor: Actor, issueId: string, following: boolean): Promise<void> {
  const issue = await db.issue.findUnique({
    where: { id: issueId },
    select: { communityId: true, reporterId: true, community: { select: { streetId: true } } },
  });
  if (!issue) throw notFound("issues:errors.not_found");
  requirePermission(actor, "follow:issue", { communityId: issue.communityId, streetId: issue.community.streetId });
  if (following) {
    await db.issueFollower.upsert({
      where: { issueId_userId: { issueId, userId: actor.id } },
      create: { issueId, userId: actor.id, createdAt: clock.now() },
      update: {},
    });
  } else {
    // Someone who said "me too" stays a follower, so the count never disagrees with the rows behind it.
    await db.issueFollower.deleteMany({ where: { issueId, userId: actor.id, meToo: false } });
  }
}
