import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { conflict, notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";

import { FORMER_RESIDENT_NAME } from "./former-resident";

/** What a deleted account is called wherever its contributions stay visible (a marker pages translate). */
export { FORMER_RESIDENT_NAME };

/**
 * Everything Yishi keeps about the signed-in person, for "download my data" (PIPL art. 45): the account,
 * where they live, their roles, and what they did. Votes in secret ballots are not linked to anyone
 * (ADR 0010), so only "took part" is listed for those.
 */
export async function myPersonalData(db: Db, actor: Actor) {
  const [user, memberships, records, verifications, issues, acceptances, objections, comments, participations, votes, ballots] =
    await Promise.all([
      db.user.findUniqueOrThrow({
        where: { id: actor.id },
        select: { username: true, displayName: true, phone: true, locale: true, expertise: true, createdAt: true },
      }),
      db.membership.findMany({
        where: { userId: actor.id },
        select: {
          role: true,
          isResidentRep: true,
          createdAt: true,
          community: { select: { nameZh: true, nameEn: true } },
          grid: { select: { code: true, nameZh: true, nameEn: true } },
          unit: { select: { nameZh: true, nameEn: true } },
        },
      }),
      db.residentRecord.findMany({
        where: { userId: actor.id },
        select: {
          communityId: true,
          building: true,
          entrance: true,
          room: true,
          source: true,
          verification: true,
          verifiedAt: true,
          createdAt: true,
        },
      }),
      db.residentVerification.findMany({
        where: { userId: actor.id },
        orderBy: { createdAt: "asc" },
        select: { outcome: true, method: true, reason: true, createdAt: true },
      }),
      db.issue.findMany({
        where: { reporterId: actor.id },
        orderBy: { createdAt: "asc" },
        select: {
          number: true,
          title: true,
          description: true,
          address: true,
          status: true,
          createdAt: true,
          community: { select: { slug: true } },
        },
      }),
      db.acceptanceResponse.findMany({
        where: { userId: actor.id },
        select: { satisfied: true, rating: true, reason: true, createdAt: true, issue: { select: { number: true, title: true } } },
      }),
      db.objection.findMany({
        where: { authorId: actor.id },
        select: { reason: true, answer: true, createdAt: true, decision: { select: { text: true } } },
      }),
      db.comment.findMany({ where: { authorId: actor.id }, select: { body: true, createdAt: true, hiddenAt: true } }),
      db.participant.findMany({
        where: { userId: actor.id },
        select: { role: true, canVote: true, checkedInAt: true, meeting: { select: { title: true, startsAt: true } } },
      }),
      db.voteRecord.findMany({ where: { voterId: actor.id }, select: { createdAt: true, poll: { select: { question: true } } } }),
      // Named (open) votes only: a secret ballot has no voter on it.
      db.ballot.findMany({ where: { voterId: actor.id }, select: { choices: true, poll: { select: { question: true } } } }),
    ]);
  return {
    account: user,
    memberships: memberships.map((m) => ({
      role: m.role,
      isResidentRep: m.isResidentRep,
      community: m.community,
      grid: m.grid,
      unit: m.unit,
      since: m.createdAt,
    })),
    addresses: records,
    verifications,
    issues: issues.map((i) => ({
      community: i.community.slug,
      number: i.number,
      title: i.title,
      description: i.description,
      address: i.address,
      status: i.status,
      raisedAt: i.createdAt,
    })),
    acceptanceResponses: acceptances.map((a) => ({
      issue: a.issue,
      satisfied: a.satisfied,
      rating: a.rating,
      reason: a.reason,
      at: a.createdAt,
    })),
    objections: objections.map((o) => ({ decision: o.decision.text, reason: o.reason, answer: o.answer, at: o.createdAt })),
    comments: comments.map((c) => ({ body: c.body, hidden: c.hiddenAt !== null, at: c.createdAt })),
    meetings: participations.map((p) => ({
      meeting: p.meeting.title,
      startsAt: p.meeting.startsAt,
      role: p.role,
      canVote: p.canVote,
      checkedInAt: p.checkedInAt,
    })),
    votesCast: votes.map((v) => ({ poll: v.poll.question, at: v.createdAt })),
    namedBallots: ballots.map((b) => ({ poll: b.poll.question, choices: b.choices })),
  };
}

export type PersonalData = Awaited<ReturnType<typeof myPersonalData>>;

/** The person's open deletion request, if any. */
export async function myDeletionRequest(db: Db, actor: Actor) {
  return db.accountDeletionRequest.findFirst({
    where: { userId: actor.id, status: "pending" },
    select: { id: true, reason: true, createdAt: true },
  });
}

/** Asks the community to delete the account. Staff of the person's community confirm it (nothing is erased yet). */
export async function requestDeletion(db: Db, clock: Clock, actor: Actor, input: { reason?: string }): Promise<void> {
  if (await myDeletionRequest(db, actor)) throw conflict("enrol:errors.deletion_already_requested");
  const now = clock.now();
  const communityId = actor.memberships[0]?.communityId ?? null;
  await db.$transaction(async (tx) => {
    const request = await tx.accountDeletionRequest.create({
      data: { userId: actor.id, communityId, reason: input.reason || null, createdAt: now },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId,
      action: "person.deletion_requested",
      entityType: "user",
      entityId: actor.id,
      data: { requestId: request.id },
      at: now,
    });
  });
}

export async function withdrawDeletion(db: Db, clock: Clock, actor: Actor): Promise<void> {
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const changed = await tx.accountDeletionRequest.updateMany({
      where: { userId: actor.id, status: "pending" },
      data: { status: "withdrawn", decidedAt: now },
    });
    if (changed.count === 0) throw conflict("enrol:errors.no_deletion_request");
    await audit(tx, { actorId: actor.id, action: "person.deletion_withdrawn", entityType: "user", entityId: actor.id, at: now });
  });
}

/** Deletion requests waiting for the community's staff. */
export async function deletionRequests(db: Db, actor: Actor, community: CommunitySummary) {
  requirePermission(actor, "manage:people", { communityId: community.id, streetId: community.streetId });
  const rows = await db.accountDeletionRequest.findMany({
    where: { communityId: community.id, status: "pending" },
    orderBy: { createdAt: "asc" },
    select: { id: true, userId: true, reason: true, createdAt: true },
  });
  const users = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.userId) } },
    select: { id: true, displayName: true, username: true },
  });
  const userOf = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({ ...r, name: userOf.get(r.userId)?.displayName ?? "", username: userOf.get(r.userId)?.username ?? "" }));
}

/**
 * Staff confirm a deletion: the person's name, phone, address and roles are erased and every session ends,
 * while what they contributed stays counted under "已注销居民" (issues, comments, votes, meeting rolls), so
 * tallies, timelines and minutes stay true. Returns the sessions that ended (their sockets are closed too).
 */
export async function confirmDeletion(db: Db, clock: Clock, actor: Actor, requestId: string): Promise<{ endedSessionIds: string[] }> {
  const request = await db.accountDeletionRequest.findUnique({
    where: { id: requestId },
    select: { id: true, userId: true, communityId: true, status: true },
  });
  if (!request || !request.communityId) throw notFound();
  const community = await db.community.findUniqueOrThrow({ where: { id: request.communityId }, select: { streetId: true } });
  requirePermission(actor, "manage:people", { communityId: request.communityId, streetId: community.streetId });
  const now = clock.now();
  const userId = request.userId;
  return db.$transaction(async (tx) => {
    const changed = await tx.accountDeletionRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status: "done", decidedById: actor.id, decidedAt: now, reason: null },
    });
    if (changed.count === 0) throw conflict("enrol:errors.no_deletion_request");
    const sessions = await tx.session.findMany({ where: { userId }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.activationCode.deleteMany({ where: { userId } });
    await tx.residentRecord.deleteMany({ where: { userId } });
    await tx.residentVerification.updateMany({ where: { userId }, data: { note: null, reason: null } });
    await tx.membership.deleteMany({ where: { userId } });
    await tx.notification.deleteMany({ where: { userId } });
    await tx.issueFollower.deleteMany({ where: { userId } });
    await tx.participant.updateMany({ where: { userId }, data: { name: FORMER_RESIDENT_NAME } });
    await tx.user.update({
      where: { id: userId },
      data: {
        username: `former-${userId}`,
        displayName: FORMER_RESIDENT_NAME,
        phone: null,
        passwordHash: "",
        locale: null,
        expertise: null,
        needsActivation: false,
        disabledAt: now,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: request.communityId,
      action: "person.deleted",
      entityType: "user",
      entityId: userId,
      at: now,
    });
    return { endedSessionIds: sessions.map((s) => s.id) };
  });
}
