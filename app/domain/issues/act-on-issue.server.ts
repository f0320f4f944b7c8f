import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { FileStorage } from "../../infra/storage.server";
import { requireCommunityBySlug } from "../communities/community-list.server";
import type { IssueIntent } from "../../schemas/issues";
import { notFound } from "../errors";
import type { Actor } from "../permissions";
import type { IncomingFile } from "../uploads/images";
import type { ActionResult } from "./issue-actions.server";
import {
  acknowledgeEscalation,
  addActionItem,
  claimActionItem,
  postProgress,
  respondToAcceptance,
  triageIssue,
} from "./issue-actions.server";
import type { IssueRef } from "./issue-page.server";
import { addMeToo, setFollowing } from "./follow.server";
import { communityStaffIds } from "./recipients.server";

/**
 * Whatever a person does from an issue's page, one intent at a time (the forms of IssueIntentSchema).
 * Each intent's own use case checks who may do it. Returns who was notified, so their open tabs can be told.
 */
export async function actOnIssue(
  db: Db,
  clock: Clock,
  storage: FileStorage,
  actor: Actor,
  ref: IssueRef,
  command: IssueIntent,
  photos: readonly IncomingFile[],
): Promise<ActionResult & { triage: { communityId: string; staffIds: string[] } | null }> {
  const { issueId, communityId } = await issueIdOf(db, ref);
  const result = await dispatch(db, clock, storage, actor, issueId, command, photos);
  // Moves that add to or take from the staff's triage list (a triage decision, a reopening rating).
  const touchesTriage = TRIAGE_INTENTS.has(command.intent);
  return { ...result, triage: touchesTriage ? { communityId, staffIds: await communityStaffIds(db, communityId) } : null };
}

const TRIAGE_INTENTS = new Set<IssueIntent["intent"]>([
  "accept",
  "reject",
  "merge",
  "resolve_directly",
  "put_on_agenda",
  "escalate",
  "acknowledge",
  "acceptance",
]);

async function dispatch(
  db: Db,
  clock: Clock,
  storage: FileStorage,
  actor: Actor,
  issueId: string,
  command: IssueIntent,
  photos: readonly IncomingFile[],
): Promise<ActionResult> {
  switch (command.intent) {
    case "accept":
    case "reject":
    case "merge":
    case "resolve_directly":
    case "put_on_agenda":
    case "escalate":
      return triageIssue(db, clock, actor, issueId, command);
    case "acknowledge":
      return acknowledgeEscalation(db, clock, actor, issueId, command.version, command.note);
    case "add_action_item":
      return addActionItem(db, clock, actor, issueId, command);
    case "claim":
      await requireItemOfIssue(db, command.actionItemId, issueId);
      return claimActionItem(db, clock, actor, command.actionItemId);
    case "progress":
    case "done":
      await requireItemOfIssue(db, command.actionItemId, issueId);
      return postProgress(
        db,
        clock,
        storage,
        actor,
        command.actionItemId,
        command.intent === "done"
          ? { text: command.text, percent: 100, done: true }
          : { text: command.text, percent: command.percent, done: false },
        photos,
      );
    case "acceptance":
      return respondToAcceptance(db, clock, actor, issueId, { rating: command.rating, reason: command.reason });
    case "follow":
    case "unfollow":
      await setFollowing(db, clock, actor, issueId, command.intent === "follow");
      return { notified: [] };
    case "me_too":
      await addMeToo(db, clock, actor, issueId);
      return { notified: [] };
  }
}

async function issueIdOf(db: Db, ref: IssueRef): Promise<{ issueId: string; communityId: string }> {
  const community = await requireCommunityBySlug(db, ref.communitySlug);
  const issue = await db.issue.findUnique({
    where: { communityId_number: { communityId: community.id, number: ref.number } },
    select: { id: true },
  });
  if (!issue) throw notFound("issues:errors.not_found");
  return { issueId: issue.id, communityId: community.id };
}

/** A form on one issue's page names an action item of that issue, never one found elsewhere. */
async function requireItemOfIssue(db: Db, actionItemId: string, issueId: string): Promise<void> {
  const item = await db.actionItem.findUnique({ where: { id: actionItemId }, select: { issueId: true } });
  if (!item || item.issueId !== issueId) throw notFound("issues:errors.action_item_not_found");
}
