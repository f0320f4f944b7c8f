import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { isDomainError } from "../errors";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import type { RoundOutcome } from "./acceptance";
import { audienceIds, settleRound, shouldAutoClose } from "./acceptance";
import { issuePath } from "./links";
import { acceptanceAudienceOf, communityStaffIds } from "./recipients.server";
import { transitionIssue } from "./transition.server";

/** Each time residents are asked counts as a round; answers are unique per person per round. */
export async function acceptanceRound(db: Db | Tx, issueId: string): Promise<number> {
  return db.issueEvent.count({ where: { issueId, type: "request_acceptance" } });
}

interface RoundIssue {
  id: string;
  number: number;
  title: string;
  communityId: string;
  reporterId: string;
  acceptanceDueAt: Date | null;
  community: { slug: string };
}

/**
 * Applies what the ratings of the current round come to (settleRound): reopen, resolve with the mean rating,
 * close unrated, or keep waiting. When the round ends, the "please rate" notices nobody opened are taken
 * back and staff are told. Runs inside the caller's transaction; returns everyone whose bell changed.
 */
export async function applyRound(
  tx: Tx,
  clock: Clock,
  actor: Actor | "system",
  issue: RoundIssue,
  options: { windowOver: boolean; reason?: string },
): Promise<{ outcome: RoundOutcome; notified: string[] }> {
  const round = await acceptanceRound(tx, issue.id);
  const [answers, audience] = await Promise.all([
    tx.acceptanceResponse.findMany({ where: { issueId: issue.id, round }, select: { rating: true, satisfied: true } }),
    acceptanceAudienceOf(tx, issue),
  ]);
  // Answers given before ratings existed count as 5 (fixed) or 1 (not fixed).
  const ratings = answers.map((a) => a.rating ?? (a.satisfied ? 5 : 1));
  const asked = audienceIds(audience);
  const outcome = settleRound({ ratings, askedCount: asked.length, windowOver: options.windowOver });
  if (outcome.kind === "wait") return { outcome, notified: [] };

  if (outcome.kind === "reopen") {
    await transitionIssue(tx, clock, actor, { issueId: issue.id, transition: "reopen", input: { reason: options.reason } });
  } else if (outcome.kind === "resolve") {
    await transitionIssue(tx, clock, actor, {
      issueId: issue.id,
      transition: "confirm_fixed",
      input: { eventData: { average: outcome.average, ratings: ratings.length } },
    });
    await tx.issue.update({ where: { id: issue.id }, data: { satisfactionAverage: outcome.average } });
  } else {
    await transitionIssue(tx, clock, "system", { issueId: issue.id, transition: "auto_close" });
  }

  const withdrawn = await withdrawRatingRequests(tx, issue.id, asked);
  const staff = await communityStaffIds(tx, issue.communityId);
  const told = await notify(
    tx,
    staff.filter((id) => actor === "system" || id !== actor.id),
    {
      type: "issue_status_changed",
      dedupeKey: `acceptance-settled:${issue.id}:${round}`,
      data: {
        number: issue.number,
        title: issue.title,
        change: outcome.kind === "reopen" ? "reopen" : outcome.kind === "resolve" ? "confirm_fixed" : "auto_close",
      },
      link: issuePath(issue.community.slug, issue.number),
    },
    clock.now(),
  );
  return { outcome, notified: [...new Set([...withdrawn, ...told])] };
}

/**
 * Takes back unread "please rate" notices once the round is over, so nobody is sent to rate an issue that
 * was already settled. Read ones stay: the person saw them, and the link now shows the outcome.
 */
async function withdrawRatingRequests(tx: Tx, issueId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const where = {
    userId: { in: [...userIds] },
    type: "acceptance_requested",
    readAt: null,
    dedupeKey: { startsWith: `acceptance:${issueId}:` },
  };
  const stale = await tx.notification.findMany({ where, select: { userId: true } });
  if (stale.length) await tx.notification.deleteMany({ where });
  return stale.map((n) => n.userId);
}

/** The window of an issue has ended: settle its round (used by the sweep and by the issue page). */
export async function settleEndedAcceptance(db: Db, clock: Clock, issueId: string): Promise<{ settled: boolean; notified: string[] }> {
  try {
    return await db.$transaction(async (tx) => {
      const issue = await tx.issue.findUnique({
        where: { id: issueId },
        select: {
          id: true,
          number: true,
          title: true,
          status: true,
          communityId: true,
          reporterId: true,
          acceptanceDueAt: true,
          community: { select: { slug: true } },
        },
      });
      if (!issue || !shouldAutoClose(issue, clock.now())) return { settled: false, notified: [] };
      return { settled: true, notified: (await applyRound(tx, clock, "system", issue, { windowOver: true })).notified };
    });
  } catch (error) {
    // Someone rated (or another process settled it) a moment ago: nothing left to do.
    if (isDomainError(error)) return { settled: false, notified: [] };
    throw error;
  }
}
