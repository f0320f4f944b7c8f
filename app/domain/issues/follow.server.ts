import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import { conflict, notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { isOpenStatus } from "./statuses";

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
