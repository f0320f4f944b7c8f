import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { IncomingFile } from "../uploads/images";
import { MAX_PHOTOS_PER_UPDATE } from "../uploads/images";
import { storeImages } from "../uploads/save-images.server";
import type { FileStorage } from "../../infra/storage.server";
import { requireWorkMayStart } from "../decisions/work-gate.server";
import { createActionItem } from "./action-items.server";
import { audienceIds, isAcceptanceOpen, isAskedForAcceptance, isNotFixed, isSatisfiedRating } from "./acceptance";
import { acceptanceRound, applyRound } from "./acceptance-round.server";
import { endOfChinaDay } from "../../infra/time";
import { issuePath } from "./links";
import { acceptanceAudienceOf, communityStaffIds, reporterAndFollowerIds, unitRepIds } from "./recipients.server";
import { transitionIssue } from "./transition.server";
import { conflictOnContention } from "./write-conflict";
import type { OnBehalf } from "../assisted/consent";
import { assistedColumns, requireAssistedResident, tellResident } from "../assisted/assisted.server";

/**
 * Everything people do to an issue after it is raised: triage, escalation and reporting for duty, action
 * items and their progress, and residents' acceptance. Each call is one transaction; status changes go
 * through transitionIssue (check-and-set). Returns who was notified so the route can nudge their sockets.
 */
export interface ActionResult {
  notified: string[];
}

interface IssueContext {
  id: string;
  number: number;
  title: string;
  status: string;
  version: number;
  communityId: string;
  gridId: string | null;
  reporterId: string;
  escalatedToId: string | null;
  acceptanceDueAt: Date | null;
  community: { slug: string; streetId: string };
}

export { acceptanceRound };

async function loadIssue(db: Db | Tx, issueId: string): Promise<IssueContext> {
  const issue = await db.issue.findUnique({
    where: { id: issueId },
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      version: true,
      communityId: true,
      gridId: true,
      reporterId: true,
      escalatedToId: true,
      acceptanceDueAt: true,
      community: { select: { slug: true, streetId: true } },
    },
  });
  if (!issue) throw notFound("issues:errors.not_found");
  return issue;
}

/** One transaction; losing a write race on SQLite reads as "changed meanwhile", like a lost check-and-set. */
function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return conflictOnContention(db.$transaction(work));
}

const noteData = (issue: IssueContext) => ({ number: issue.number, title: issue.title });

// ───────── triage ─────────

export type TriageCommand =
  | { intent: "accept"; version: number; note?: string }
  | { intent: "reject"; version: number; reason: string }
  | { intent: "merge"; version: number; targetNumber: number }
  | { intent: "resolve_directly"; version: number; note: string }
  | { intent: "put_on_agenda"; version: number; note?: string }
  | { intent: "escalate"; version: number; unitId: string; dueDate: string; note?: string };

export async function triageIssue(db: Db, clock: Clock, actor: Actor, issueId: string, command: TriageCommand): Promise<ActionResult> {
  return inTransaction(db, async (tx) => {
    const issue = await loadIssue(tx, issueId);
    const base = { issueId, expectedVersion: command.version };
    const notified: string[] = [];
    switch (command.intent) {
      case "accept":
        await transitionIssue(tx, clock, actor, { ...base, transition: "accept", input: { note: command.note } });
        break;
      case "reject":
        await transitionIssue(tx, clock, actor, { ...base, transition: "reject", input: { reason: command.reason } });
        break;
      case "resolve_directly":
        await transitionIssue(tx, clock, actor, { ...base, transition: "resolve_directly", input: { note: command.note } });
        break;
      case "put_on_agenda":
        await transitionIssue(tx, clock, actor, { ...base, transition: "put_on_agenda", input: { note: command.note } });
        break;
      case "merge": {
        const target = await tx.issue.findUnique({
          where: { communityId_number: { communityId: issue.communityId, number: command.targetNumber } },
          select: { id: true, number: true },
        });
        if (!target) throw invalid("issues:errors.merge_target_invalid");
        await transitionIssue(tx, clock, actor, { ...base, transition: "merge", input: { targetIssueId: target.id } });
        // Whoever followed the duplicate now follows the surviving issue, and their "me too" carries over.
        const followers = await tx.issueFollower.findMany({ where: { issueId }, select: { userId: true, meToo: true } });
        const already = new Set(
          (await tx.issueFollower.findMany({ where: { issueId: target.id }, select: { userId: true } })).map((f) => f.userId),
        );
        const moving = followers.filter((f) => !already.has(f.userId));
        if (moving.length)
          await tx.issueFollower.createMany({ data: moving.map((f) => ({ issueId: target.id, userId: f.userId, meToo: f.meToo })) });
        const extra = moving.filter((f) => f.meToo || f.userId === issue.reporterId).length;
        if (extra) await tx.issue.update({ where: { id: target.id }, data: { meTooCount: { increment: extra } } });
        await tx.issueEvent.create({
          data: {
            issueId: target.id,
            actorId: actor.id,
            type: "merged_in",
            data: JSON.stringify({ fromNumber: issue.number }),
            isPublic: true,
            createdAt: clock.now(),
          },
        });
        break;
      }
      case "escalate": {
        const dueAt = endOfChinaDay(command.dueDate);
        await transitionIssue(tx, clock, actor, {
          ...base,
          transition: "escalate",
          input: { unitId: command.unitId, dueAt, note: command.note },
        });
        const reps = await unitRepIds(tx, command.unitId);
        notified.push(
          ...(await notify(
            tx,
            reps,
            {
              type: "escalated_to_department",
              dedupeKey: `escalated:${issueId}:${dueAt.toISOString()}`,
              data: { ...noteData(issue), dueAt: dueAt.toISOString() },
              link: issuePath(issue.community.slug, issue.number),
            },
            clock.now(),
          )),
        );
        break;
      }
    }
    if (command.intent !== "escalate" && command.intent !== "put_on_agenda") {
      notified.push(...(await notifyStatusChange(tx, clock, issue, command.intent)));
    }
    return { notified };
  });
}

/** The reporter hears about triage decisions on their own issue (accepted, rejected, merged, resolved). */
async function notifyStatusChange(tx: Tx, clock: Clock, issue: IssueContext, change: string): Promise<string[]> {
  return notify(
    tx,
    [issue.reporterId],
    {
      type: "issue_status_changed",
      dedupeKey: `status:${issue.id}:${issue.version}:${change}`,
      data: { ...noteData(issue), change },
      link: issuePath(issue.community.slug, issue.number),
    },
    clock.now(),
  );
}

// ───────── report for duty ─────────

export async function acknowledgeEscalation(
  db: Db,
  clock: Clock,
  actor: Actor,
  issueId: string,
  version: number,
  note?: string,
): Promise<ActionResult> {
  return inTransaction(db, async (tx) => {
    const issue = await loadIssue(tx, issueId);
    await transitionIssue(tx, clock, actor, { issueId, transition: "acknowledge", expectedVersion: version, input: { note } });
    const staff = await communityStaffIds(tx, issue.communityId);
    const notified = await notify(
      tx,
      staff,
      {
        type: "issue_status_changed",
        dedupeKey: `acknowledged:${issue.id}:${issue.version}`,
        data: { ...noteData(issue), change: "acknowledge" },
        link: issuePath(issue.community.slug, issue.number),
      },
      clock.now(),
    );
    return { notified };
  });
}

// ───────── action items ─────────

export async function addActionItem(
  db: Db,
  clock: Clock,
  actor: Actor,
  issueId: string,
  command: { unitId: string; description: string; dueDate: string },
): Promise<ActionResult & { actionItemId: string }> {
  return inTransaction(db, (tx) =>
    createActionItem(tx, clock, actor, {
      issueId,
      unitId: command.unitId,
      description: command.description,
      dueAt: endOfChinaDay(command.dueDate),
    }),
  );
}

async function loadActionItem(tx: Tx, actor: Actor, actionItemId: string) {
  const item = await tx.actionItem.findUnique({
    where: { id: actionItemId },
    select: {
      id: true,
      issueId: true,
      unitId: true,
      status: true,
      percent: true,
      issue: { select: { communityId: true, community: { select: { streetId: true } } } },
    },
  });
  if (!item) throw notFound("issues:errors.action_item_not_found");
  // Only the owner unit's representatives (and community staff) may touch an action item.
  requirePermission(
    actor,
    "update:action-item",
    { communityId: item.issue.communityId, streetId: item.issue.community.streetId, unitId: item.unitId },
    "issues:errors.not_your_unit",
  );
  return item;
}

/** The first claim or progress update on any of an issue's action items is its first action (issue #14). */
async function stopFirstActionClock(tx: Tx, issueId: string, now: Date) {
  await tx.issue.updateMany({ where: { id: issueId, firstActionAt: null }, data: { firstActionAt: now } });
}

export async function claimActionItem(db: Db, clock: Clock, actor: Actor, actionItemId: string): Promise<ActionResult> {
  return inTransaction(db, async (tx) => {
    const item = await loadActionItem(tx, actor, actionItemId);
    const now = clock.now();
    await requireWorkMayStart(tx, item.issueId, now);
    const claimed = await tx.actionItem.updateMany({
      where: { id: item.id, status: "open" },
      data: { status: "claimed", claimedById: actor.id, claimedAt: now },
    });
    if (claimed.count !== 1) throw conflict("issues:errors.already_claimed");
    await stopFirstActionClock(tx, item.issueId, now);
    await tx.issueEvent.create({
      data: {
        issueId: item.issueId,
        actorId: actor.id,
        type: "action_item_claimed",
        data: JSON.stringify({ actionItemId: item.id, unitId: item.unitId }),
        isPublic: true,
        createdAt: now,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: item.issue.communityId,
      action: "action_item.claim",
      entityType: "ActionItem",
      entityId: item.id,
      at: now,
    });
    return { notified: [] };
  });
}

/**
 * A progress update (text, percent, photos as evidence). Marking it done is the same call with done=true:
 * when the last open action item of an issue is done, residents are asked whether it is fixed.
 */
export async function postProgress(
  db: Db,
  clock: Clock,
  storage: FileStorage,
  actor: Actor,
  actionItemId: string,
  command: { text?: string; percent: number; done: boolean },
  photos: readonly IncomingFile[],
): Promise<ActionResult> {
  // Permission and the notice gate first, so a refused person's photos are never even stored.
  await db.$transaction(async (tx) => {
    const item = await loadActionItem(tx, actor, actionItemId);
    await requireWorkMayStart(tx, item.issueId, clock.now());
  });
  const { images, discard } = await storeImages(storage, clock, photos, MAX_PHOTOS_PER_UPDATE);
  try {
    return await inTransaction(db, async (tx) => {
      const item = await loadActionItem(tx, actor, actionItemId);
      if (item.status === "done") throw conflict("issues:errors.action_item_done");
      const now = clock.now();
      const percent = command.done ? 100 : command.percent;
      const moved = await tx.actionItem.updateMany({
        where: { id: item.id, status: item.status },
        data: command.done
          ? { status: "done", percent, doneAt: now, ...(item.status === "open" ? { claimedById: actor.id, claimedAt: now } : {}) }
          : { percent, ...(item.status === "open" ? { status: "claimed", claimedById: actor.id, claimedAt: now } : {}) },
      });
      if (moved.count !== 1) throw conflict("issues:errors.changed_meanwhile");
      await stopFirstActionClock(tx, item.issueId, now);
      const text = command.text?.trim();
      let updateId: string | null = null;
      if (text || images.length > 0 || !command.done) {
        const update = await tx.progressUpdate.create({
          data: { actionItemId: item.id, authorId: actor.id, text: text ?? "", percent, createdAt: now },
          select: { id: true },
        });
        updateId = update.id;
        if (images.length)
          await tx.attachment.createMany({
            data: images.map((image) => ({ ...image, uploaderId: actor.id, progressUpdateId: update.id, createdAt: now })),
          });
      }
      await tx.issueEvent.create({
        data: {
          issueId: item.issueId,
          actorId: actor.id,
          type: command.done ? "action_item_done" : "progress_posted",
          note: text || null,
          data: JSON.stringify({ actionItemId: item.id, unitId: item.unitId, percent, updateId, photos: images.length }),
          isPublic: true,
          createdAt: now,
        },
      });
      await audit(tx, {
        actorId: actor.id,
        communityId: item.issue.communityId,
        action: command.done ? "action_item.done" : "action_item.progress",
        entityType: "ActionItem",
        entityId: item.id,
        data: { percent, updateId },
        at: now,
      });

      const issue = await loadIssue(tx, item.issueId);
      const link = issuePath(issue.community.slug, issue.number);
      // The last item done asks residents to rate the work; they hear that, not a second "100 %" as well.
      let asked: string[] = [];
      if (command.done && issue.status === "in_progress") {
        const open = await tx.actionItem.count({ where: { issueId: issue.id, status: { not: "done" } } });
        if (open === 0) asked = await requestAcceptance(tx, clock, issue);
      }
      const followers = (await reporterAndFollowerIds(tx, issue)).filter((id) => id !== actor.id && !asked.includes(id));
      // Reaching 100 % is one piece of news whether it came as an update or as "mark done": one key for both.
      const dedupeKey = percent === 100 ? `progress:${item.id}:100` : `progress:${updateId ?? item.id}`;
      const notified = await notify(
        tx,
        followers,
        { type: "progress_posted", dedupeKey, data: { ...noteData(issue), percent }, link },
        now,
      );
      notified.push(...asked);
      return { notified };
    });
  } catch (error) {
    await discard();
    throw error;
  }
}

async function requestAcceptance(tx: Tx, clock: Clock, issue: IssueContext): Promise<string[]> {
  const { version } = await transitionIssue(tx, clock, "system", { issueId: issue.id, transition: "request_acceptance" });
  const round = await acceptanceRound(tx, issue.id);
  return notify(
    tx,
    audienceIds(await acceptanceAudienceOf(tx, issue)),
    {
      type: "acceptance_requested",
      dedupeKey: `acceptance:${issue.id}:${round}:${version}`,
      data: noteData(issue),
      link: issuePath(issue.community.slug, issue.number),
    },
    clock.now(),
  );
}

// ───────── acceptance ─────────

/**
 * A resident's 1–5 rating of the work, with an optional comment (required for 1–2, "not fixed"). What the
 * round then comes to — reopen, resolve with the mean, or keep waiting for others — is settleRound's rule.
 * With `onBehalf`, a grid worker or staff member gives the rating of a resident without a phone (代办): it is
 * the resident's answer (one per resident and round, whoever enters it), with the helper and consent noted.
 */
export async function respondToAcceptance(
  db: Db,
  clock: Clock,
  actor: Actor,
  issueId: string,
  answer: { rating: number; reason?: string },
  onBehalf?: OnBehalf,
): Promise<ActionResult> {
  if (!Number.isInteger(answer.rating) || answer.rating < 1 || answer.rating > 5) throw invalid("figures:errors.rating_required");
  return inTransaction(db, async (tx) => {
    const issue = await loadIssue(tx, issueId);
    const now = clock.now();
    if (!isAcceptanceOpen(issue, now)) throw conflict("issues:errors.acceptance_closed");
    const place = { id: issue.communityId, streetId: issue.community.streetId };
    const resident = onBehalf ? await requireAssistedResident(tx, actor, place, onBehalf.residentId) : null;
    if (!resident)
      requirePermission(actor, "respond:acceptance", { communityId: place.id, streetId: place.streetId }, "issues:errors.not_asked");
    const respondentId = resident?.id ?? actor.id;
    if (!isAskedForAcceptance(respondentId, await acceptanceAudienceOf(tx, issue)))
      throw forbidden(resident ? "people:assist.errors.not_asked" : "issues:errors.not_asked");
    const reason = answer.reason?.trim() || undefined;
    if (isNotFixed(answer.rating) && !reason) throw invalid("issues:errors.reason_required");
    const round = await acceptanceRound(tx, issueId);
    const existing = await tx.acceptanceResponse.findUnique({ where: { issueId_userId_round: { issueId, userId: respondentId, round } } });
    if (existing) throw conflict("issues:errors.already_answered");
    await tx.acceptanceResponse.create({
      data: {
        issueId,
        userId: respondentId,
        round,
        rating: answer.rating,
        satisfied: isSatisfiedRating(answer.rating),
        reason: reason ?? null,
        ...assistedColumns(actor, onBehalf),
        createdAt: now,
      },
    });
    let told: string[] = [];
    if (onBehalf) {
      await audit(tx, {
        actorId: actor.id,
        communityId: issue.communityId,
        action: "issue.acceptance_assisted",
        entityType: "Issue",
        entityId: issue.id,
        data: { number: issue.number, rating: answer.rating, onBehalfOf: respondentId, consent: onBehalf.consentMethod },
        at: now,
      });
      told = await tellResident(
        tx,
        actor,
        respondentId,
        {
          type: "assisted_acceptance_given",
          key: `${issue.id}:${round}`,
          data: { number: issue.number, title: issue.title, rating: answer.rating },
          link: issuePath(issue.community.slug, issue.number),
        },
        now,
      );
    }
    // A helper's rating settles the round as the resident's would; the helper (staff, say) may not hold the
    // resident's right to confirm the fix, so the round's outcome is the system's, as when the window ends.
    const { notified } = await applyRound(tx, clock, onBehalf ? "system" : actor, issue, { windowOver: false, reason });
    // Your own "please rate" notice is done with once you rated, whatever the others do.
    await tx.notification.updateMany({
      where: { userId: respondentId, type: "acceptance_requested", readAt: null, dedupeKey: { startsWith: `acceptance:${issueId}:` } },
      data: { readAt: now },
    });
    return { notified: [...new Set([...notified, ...told, respondentId])] };
  });
}
