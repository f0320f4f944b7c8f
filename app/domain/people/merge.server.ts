import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { communitiesManagedBy, endSessionsOf } from "./person-admin.server";

/**
 * Merges two records of the same person (a roll import and a self-registration, two imports with different
 * phones) into the survivor. Everything the other record did or holds moves to the survivor; the other record
 * stays as a disabled tombstone pointing at the survivor (`mergedIntoId`), so the audit trail still names who
 * did what before the merge and its username tells its owner which account to use.
 *
 * Refused, with a reason, when the two would become one person twice in the same place where that is not
 * allowed: both voted in the same poll (one vote per person; which one stands is not ours to choose), or
 * both are on the roll of the same meeting (attendance, proxies and queue places would collide).
 */
export async function mergePeople(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { survivorId: string; mergedId: string },
): Promise<{ endedSessionIds: string[] }> {
  const { survivorId, mergedId } = input;
  if (survivorId === mergedId) throw invalid("admin:errors.merge_same");
  const managed = await communitiesManagedBy(db, actor);
  const managedIds = new Set(managed.map((c) => c.id));
  const people = await db.user.findMany({
    where: { id: { in: [survivorId, mergedId] } },
    select: { id: true, mergedIntoId: true, streetAdminOfId: true, memberships: { select: { communityId: true } } },
  });
  if (people.length !== 2) throw notFound();
  // Both records' roles are rewritten: the actor must administer every community either holds one in.
  for (const person of people) {
    if (person.memberships.length === 0 && !managedIds.size) throw forbidden();
    if (person.memberships.some((m) => !managedIds.has(m.communityId))) throw forbidden("admin:errors.other_communities");
    if (person.streetAdminOfId) throw conflict("admin:errors.merge_street_admin");
    if (person.mergedIntoId) throw conflict("admin:errors.merged_record");
  }
  if (!people.some((p) => p.memberships.length > 0)) throw notFound();
  const now = clock.now();

  return db.$transaction(async (tx) => {
    await refuseDoubleVotes(tx, survivorId, mergedId);
    await refuseSharedMeetings(tx, survivorId, mergedId);
    await refuseSharedDuties(tx, survivorId, mergedId);
    const moved: Record<string, number> = {};
    const count = (name: string, n: number) => {
      if (n > 0) moved[name] = (moved[name] ?? 0) + n;
    };
    const from = { equals: mergedId };

    // Rows with a uniqueness per person: move what the survivor lacks, let the survivor's own copy win.
    for (const m of await tx.membership.findMany({ where: { userId: mergedId } })) {
      const twin = await tx.membership.findUnique({
        where: { userId_communityId_role: { userId: survivorId, communityId: m.communityId, role: m.role } },
      });
      if (twin) {
        await tx.membership.update({
          where: { id: twin.id },
          data: {
            isResidentRep: twin.isResidentRep || m.isResidentRep,
            gridId: twin.gridId ?? m.gridId,
            unitId: twin.unitId ?? m.unitId,
          },
        });
        await tx.membership.delete({ where: { id: m.id } });
      } else await tx.membership.update({ where: { id: m.id }, data: { userId: survivorId } });
      count("memberships", 1);
    }
    for (const record of await tx.residentRecord.findMany({ where: { userId: mergedId } })) {
      const twin = await tx.residentRecord.findUnique({
        where: { communityId_userId: { communityId: record.communityId, userId: survivorId } },
        select: { id: true },
      });
      if (twin) await tx.residentRecord.delete({ where: { id: record.id } });
      else await tx.residentRecord.update({ where: { id: record.id }, data: { userId: survivorId } });
    }
    const followed = new Set(
      (await tx.issueFollower.findMany({ where: { userId: survivorId }, select: { issueId: true } })).map((f) => f.issueId),
    );
    for (const follow of await tx.issueFollower.findMany({ where: { userId: mergedId } })) {
      if (followed.has(follow.issueId)) {
        if (follow.meToo)
          await tx.issueFollower.update({
            where: { issueId_userId: { issueId: follow.issueId, userId: survivorId } },
            data: { meToo: true },
          });
        await tx.issueFollower.delete({ where: { issueId_userId: { issueId: follow.issueId, userId: mergedId } } });
      } else
        await tx.issueFollower.update({
          where: { issueId_userId: { issueId: follow.issueId, userId: mergedId } },
          data: { userId: survivorId },
        });
      count("follows", 1);
    }
    for (const registration of await tx.volunteerRegistration.findMany({ where: { userId: mergedId } })) {
      const twin = await tx.volunteerRegistration.findUnique({
        where: { communityId_userId: { communityId: registration.communityId, userId: survivorId } },
      });
      if (twin) await tx.volunteerRegistration.delete({ where: { id: registration.id } });
      else await tx.volunteerRegistration.update({ where: { id: registration.id }, data: { userId: survivorId } });
    }
    for (const answer of await tx.acceptanceResponse.findMany({ where: { userId: mergedId } })) {
      const twin = await tx.acceptanceResponse.findUnique({
        where: { issueId_userId_round: { issueId: answer.issueId, userId: survivorId, round: answer.round } },
        select: { id: true },
      });
      if (twin) await tx.acceptanceResponse.delete({ where: { id: answer.id } });
      else await tx.acceptanceResponse.update({ where: { id: answer.id }, data: { userId: survivorId } });
    }
    const seen = new Set(
      (await tx.notification.findMany({ where: { userId: survivorId }, select: { dedupeKey: true } })).map((n) => n.dedupeKey),
    );
    for (const note of await tx.notification.findMany({ where: { userId: mergedId }, select: { id: true, dedupeKey: true } })) {
      if (seen.has(note.dedupeKey)) await tx.notification.delete({ where: { id: note.id } });
      else await tx.notification.update({ where: { id: note.id }, data: { userId: survivorId } });
      count("notifications", 1);
    }
    // Checked above: no poll and no meeting has both, so these move as they are.
    count("participants", (await tx.participant.updateMany({ where: { userId: from }, data: { userId: survivorId } })).count);
    count("votes", (await tx.voteRecord.updateMany({ where: { voterId: from }, data: { voterId: survivorId } })).count);
    await tx.voteRecord.updateMany({ where: { castById: from }, data: { castById: survivorId } });
    await tx.ballot.updateMany({ where: { voterId: from }, data: { voterId: survivorId } });

    // Authorship and the hands behind each step: plain references.
    count("issues", (await tx.issue.updateMany({ where: { reporterId: from }, data: { reporterId: survivorId } })).count);
    count("comments", (await tx.comment.updateMany({ where: { authorId: from }, data: { authorId: survivorId } })).count);
    const plain: [string, (tx: Tx) => Promise<{ count: number }>][] = [
      ["issue_events", (t) => t.issueEvent.updateMany({ where: { actorId: from }, data: { actorId: survivorId } })],
      ["attachments", (t) => t.attachment.updateMany({ where: { uploaderId: from }, data: { uploaderId: survivorId } })],
      ["action_items", (t) => t.actionItem.updateMany({ where: { claimedById: from }, data: { claimedById: survivorId } })],
      ["action_items", (t) => t.actionItem.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["progress_updates", (t) => t.progressUpdate.updateMany({ where: { authorId: from }, data: { authorId: survivorId } })],
      ["meetings", (t) => t.meeting.updateMany({ where: { hostId: from }, data: { hostId: survivorId } })],
      ["meetings", (t) => t.meeting.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["participants", (t) => t.participant.updateMany({ where: { checkedInById: from }, data: { checkedInById: survivorId } })],
      ["comments", (t) => t.comment.updateMany({ where: { hiddenById: from }, data: { hiddenById: survivorId } })],
      ["expert_opinions", (t) => t.expertOpinion.updateMany({ where: { expertId: from }, data: { expertId: survivorId } })],
      ["expert_opinions", (t) => t.expertOpinion.updateMany({ where: { hiddenById: from }, data: { hiddenById: survivorId } })],
      ["polls", (t) => t.poll.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["polls", (t) => t.handCount.updateMany({ where: { enteredById: from }, data: { enteredById: survivorId } })],
      ["decisions", (t) => t.decision.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["objections", (t) => t.objection.updateMany({ where: { authorId: from }, data: { authorId: survivorId } })],
      ["objections", (t) => t.objection.updateMany({ where: { answeredById: from }, data: { answeredById: survivorId } })],
      // Assisted participation: the helper who acted for a resident.
      ["issues", (t) => t.issue.updateMany({ where: { actedById: from }, data: { actedById: survivorId } })],
      ["objections", (t) => t.objection.updateMany({ where: { actedById: from }, data: { actedById: survivorId } })],
      ["acceptance", (t) => t.acceptanceResponse.updateMany({ where: { actedById: from }, data: { actedById: survivorId } })],
      ["minutes", (t) => t.minutes.updateMany({ where: { editingById: from }, data: { editingById: survivorId } })],
      ["minutes", (t) => t.minutes.updateMany({ where: { signedOffById: from }, data: { signedOffById: survivorId } })],
      ["minutes", (t) => t.minutes.updateMany({ where: { publishedById: from }, data: { publishedById: survivorId } })],
      ["minutes", (t) => t.minutesVersion.updateMany({ where: { authorId: from }, data: { authorId: survivorId } })],
      ["minutes", (t) => t.minutesComment.updateMany({ where: { authorId: from }, data: { authorId: survivorId } })],
      ["needs", (t) => t.communityNeed.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["matches", (t) => t.unitMatch.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["matches", (t) => t.unitMatch.updateMany({ where: { decidedById: from }, data: { decidedById: survivorId } })],
      ["roll", (t) => t.residentRecord.updateMany({ where: { verifiedById: from }, data: { verifiedById: survivorId } })],
      ["roll", (t) => t.rollImport.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["service_levels", (t) => t.serviceLevel.updateMany({ where: { updatedById: from }, data: { updatedById: survivorId } })],
      ["service_levels", (t) => t.localClosure.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["volunteering", (t) => t.volunteerRegistration.updateMany({ where: { decidedById: from }, data: { decidedById: survivorId } })],
      ["volunteering", (t) => t.volunteerPost.updateMany({ where: { createdById: from }, data: { createdById: survivorId } })],
      ["volunteering", (t) => t.volunteerDuty.updateMany({ where: { userId: from }, data: { userId: survivorId } })],
      ["volunteering", (t) => t.volunteerDuty.updateMany({ where: { signedInById: from }, data: { signedInById: survivorId } })],
      ["volunteering", (t) => t.volunteerDuty.updateMany({ where: { confirmedById: from }, data: { confirmedById: survivorId } })],
      ["wishes", (t) => t.wish.updateMany({ where: { wisherId: from }, data: { wisherId: survivorId } })],
      ["wishes", (t) => t.wish.updateMany({ where: { postedById: from }, data: { postedById: survivorId } })],
      ["wishes", (t) => t.wish.updateMany({ where: { reviewedById: from }, data: { reviewedById: survivorId } })],
      ["wishes", (t) => t.wish.updateMany({ where: { claimedById: from }, data: { claimedById: survivorId } })],
      ["wishes", (t) => t.wish.updateMany({ where: { confirmedById: from }, data: { confirmedById: survivorId } })],
      ["wishes", (t) => t.wishPhoto.updateMany({ where: { uploaderId: from }, data: { uploaderId: survivorId } })],
      ["roll", (t) => t.residentVerification.updateMany({ where: { userId: from }, data: { userId: survivorId } })],
      ["roll", (t) => t.residentVerification.updateMany({ where: { checkedById: from }, data: { checkedById: survivorId } })],
      ["roll", (t) => t.accountDeletionRequest.updateMany({ where: { userId: from }, data: { userId: survivorId } })],
      ["roll", (t) => t.accountDeletionRequest.updateMany({ where: { decidedById: from }, data: { decidedById: survivorId } })],
    ];
    for (const [name, move] of plain) count(name, (await move(tx)).count);

    // The other record: no way in any more, and a pointer to the survivor. Its activation codes die with it.
    await tx.activationCode.deleteMany({ where: { userId: mergedId } });
    const endedSessionIds = await endSessionsOf(tx, [mergedId]);
    await tx.user.update({ where: { id: mergedId }, data: { mergedIntoId: survivorId, disabledAt: now, needsActivation: false } });
    const communities = await tx.membership.findMany({
      where: { userId: survivorId },
      select: { communityId: true },
      distinct: ["communityId"],
    });
    for (const { communityId } of communities.filter((c) => managedIds.has(c.communityId)))
      await audit(tx, {
        actorId: actor.id,
        communityId,
        action: "person.merged",
        entityType: "user",
        entityId: survivorId,
        data: { mergedId, moved },
        at: now,
      });
    return { endedSessionIds };
  });
}

async function refuseDoubleVotes(tx: Tx, a: string, b: string): Promise<void> {
  const votes = await tx.voteRecord.findMany({ where: { voterId: { in: [a, b] } }, select: { pollId: true, voterId: true } });
  const byPoll = new Map<string, Set<string>>();
  for (const v of votes) byPoll.set(v.pollId, (byPoll.get(v.pollId) ?? new Set()).add(v.voterId));
  const both = [...byPoll].find(([, voters]) => voters.size === 2)?.[0];
  if (!both) return;
  const poll = await tx.poll.findUnique({ where: { id: both }, select: { question: true } });
  throw conflict("admin:errors.merge_both_voted", { poll: poll?.question ?? "" });
}

async function refuseSharedMeetings(tx: Tx, a: string, b: string): Promise<void> {
  const rows = await tx.participant.findMany({ where: { userId: { in: [a, b] } }, select: { meetingId: true, userId: true } });
  const byMeeting = new Map<string, Set<string>>();
  for (const r of rows) if (r.userId) byMeeting.set(r.meetingId, (byMeeting.get(r.meetingId) ?? new Set()).add(r.userId));
  const both = [...byMeeting].find(([, people]) => people.size === 2)?.[0];
  if (!both) return;
  const meeting = await tx.meeting.findUnique({ where: { id: both }, select: { title: true } });
  throw conflict("admin:errors.merge_same_meeting", { meeting: meeting?.title ?? "" });
}

/** Hours served on one duty belong to one person: two records on the same post cannot become one silently. */
async function refuseSharedDuties(tx: Tx, a: string, b: string): Promise<void> {
  const rows = await tx.volunteerDuty.findMany({ where: { userId: { in: [a, b] } }, select: { postId: true, userId: true } });
  const byPost = new Map<string, Set<string>>();
  for (const r of rows) byPost.set(r.postId, (byPost.get(r.postId) ?? new Set()).add(r.userId));
  const both = [...byPost].find(([, people]) => people.size === 2)?.[0];
  if (!both) return;
  const post = await tx.volunteerPost.findUnique({ where: { id: both }, select: { titleZh: true } });
  throw conflict("admin:errors.merge_same_duty", { post: post?.titleZh ?? "" });
}
