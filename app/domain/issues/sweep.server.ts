import type { Db } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import { DAY } from "../../infra/clock";
import { notify } from "../notifications/notify.server";
import { issuePath } from "./links";
import { communityStaffIds, unitRepIds } from "./recipients.server";
import { planSweep } from "./sweep-plan";
import { AWAITING_TRIAGE_STATUSES } from "./state-machine";
import { settleEndedAcceptance } from "./acceptance-round.server";

/** Reminders look back this far: anything older was reminded about by an earlier sweep. */
const OVERDUE_LOOKBACK = 14 * DAY;
const BATCH = 500;

/**
 * Closes issues whose acceptance window ended and sends "deadline tomorrow" and "overdue" reminders.
 * Safe to run often and from several processes: transitions are check-and-set, notifications deduplicated.
 */
export async function runTrackerSweep(db: Db, clock: Clock): Promise<{ closed: number; reminded: string[] }> {
  const now = clock.now();
  // "Due tomorrow" is by calendar day, so tomorrow's end can be nearly two days away.
  const horizon = new Date(now.getTime() + 2 * DAY);
  const since = new Date(now.getTime() - OVERDUE_LOOKBACK);
  const [awaitingAcceptance, escalations, actionItems] = await Promise.all([
    db.issue.findMany({
      where: { status: "awaiting_acceptance", acceptanceDueAt: { lte: now } },
      select: { id: true, status: true, acceptanceDueAt: true },
      take: BATCH,
    }),
    db.issue.findMany({
      where: { status: "escalated", acknowledgedAt: null, escalationDueAt: { lte: horizon, gte: since } },
      select: { id: true, status: true, escalatedToId: true, escalationDueAt: true, acknowledgedAt: true },
      take: BATCH,
    }),
    db.actionItem.findMany({
      where: { status: { in: ["open", "claimed"] }, dueAt: { lte: horizon, gte: since } },
      select: { id: true, issueId: true, unitId: true, status: true, dueAt: true },
      take: BATCH,
    }),
  ]);
  const plan = planSweep({ awaitingAcceptance, escalations, actionItems }, now);

  let closed = 0;
  const reminded: string[] = [];
  for (const issueId of plan.autoClose) {
    const { settled, notified } = await settleEndedAcceptance(db, clock, issueId);
    if (settled) closed++;
    reminded.push(...notified);
  }

  reminded.push(...(await remindLateTriage(db, now, since)));
  reminded.push(...(await remindLateAcknowledgement(db, now, since)));
  reminded.push(...(await remindLateFirstAction(db, now, since)));

  if (plan.reminders.length === 0) return { closed, reminded };
  const issues = await db.issue.findMany({
    where: { id: { in: [...new Set(plan.reminders.map((r) => r.issueId))] } },
    select: { id: true, number: true, title: true, communityId: true, community: { select: { slug: true } } },
  });
  const byId = new Map(issues.map((issue) => [issue.id, issue]));
  const repsByUnit = new Map<string, string[]>();
  for (const reminder of plan.reminders) {
    const issue = byId.get(reminder.issueId);
    if (!issue) continue;
    if (!repsByUnit.has(reminder.unitId)) repsByUnit.set(reminder.unitId, await unitRepIds(db, reminder.unitId));
    const recipients = [...(repsByUnit.get(reminder.unitId) ?? [])];
    // Staff are told when something is late, so the red flag on their desk has a name behind it.
    if (reminder.kind === "overdue") recipients.push(...(await communityStaffIds(db, issue.communityId)));
    reminded.push(
      ...(await notify(
        db,
        recipients,
        {
          type: reminder.kind,
          dedupeKey: reminder.dedupeKey,
          data: { number: issue.number, title: issue.title, subject: reminder.subject, dueAt: reminder.dueAt.toISOString() },
          link: issuePath(issue.community.slug, issue.number),
        },
        now,
      )),
    );
  }
  return { closed, reminded };
}

/**
 * New issues nobody answered within their service level: staff are told once per issue, and the issue
 * carries the red "overdue" flag (deadlines.ts) until someone triages it.
 */
async function remindLateTriage(db: Db, now: Date, since: Date): Promise<string[]> {
  const late = await db.issue.findMany({
    where: { status: { in: [...AWAITING_TRIAGE_STATUSES] }, triagedAt: null, triageDueAt: { lt: now, gte: since } },
    select: { id: true, number: true, title: true, communityId: true, triageDueAt: true, community: { select: { slug: true } } },
    take: BATCH,
  });
  const reminded: string[] = [];
  for (const issue of late) {
    reminded.push(
      ...(await notify(
        db,
        await communityStaffIds(db, issue.communityId),
        {
          type: "overdue",
          dedupeKey: `overdue:triage:${issue.id}`,
          data: { number: issue.number, title: issue.title, subject: "triage", dueAt: (issue.triageDueAt as Date).toISOString() },
          link: issuePath(issue.community.slug, issue.number),
        },
        now,
      )),
    );
  }
  return reminded;
}

/**
 * Departments that have not reported for duty within the level recorded on the issue: their representatives
 * and the community's staff are told once per escalation (a new escalation has a new deadline, so a new key).
 */
async function remindLateAcknowledgement(db: Db, now: Date, since: Date): Promise<string[]> {
  const late = await db.issue.findMany({
    where: { status: "escalated", acknowledgedAt: null, acknowledgeDueAt: { lt: now, gte: since } },
    select: {
      id: true,
      number: true,
      title: true,
      communityId: true,
      escalatedToId: true,
      acknowledgeDueAt: true,
      community: { select: { slug: true } },
    },
    take: BATCH,
  });
  const reminded: string[] = [];
  for (const issue of late) {
    const dueAt = issue.acknowledgeDueAt as Date;
    const recipients = [
      ...(issue.escalatedToId ? await unitRepIds(db, issue.escalatedToId) : []),
      ...(await communityStaffIds(db, issue.communityId)),
    ];
    reminded.push(
      ...(await notify(
        db,
        [...new Set(recipients)],
        {
          type: "overdue",
          dedupeKey: `overdue:acknowledge:${issue.id}:${dueAt.toISOString()}`,
          data: { number: issue.number, title: issue.title, subject: "acknowledge", dueAt: dueAt.toISOString() },
          link: issuePath(issue.community.slug, issue.number),
        },
        now,
      )),
    );
  }
  return reminded;
}

/** Triaged issues on which no work started within the level recorded on the issue: staff are told once. */
async function remindLateFirstAction(db: Db, now: Date, since: Date): Promise<string[]> {
  const late = await db.issue.findMany({
    where: {
      firstActionAt: null,
      firstActionDueAt: { lt: now, gte: since },
      status: { notIn: ["resolved", "closed", "rejected", "merged", "awaiting_acceptance"] },
    },
    select: { id: true, number: true, title: true, communityId: true, firstActionDueAt: true, community: { select: { slug: true } } },
    take: BATCH,
  });
  const reminded: string[] = [];
  for (const issue of late) {
    const dueAt = issue.firstActionDueAt as Date;
    reminded.push(
      ...(await notify(
        db,
        await communityStaffIds(db, issue.communityId),
        {
          type: "overdue",
          dedupeKey: `overdue:first_action:${issue.id}`,
          data: { number: issue.number, title: issue.title, subject: "first_action", dueAt: dueAt.toISOString() },
          link: issuePath(issue.community.slug, issue.number),
        },
        now,
      )),
    );
  }
  return reminded;
}
