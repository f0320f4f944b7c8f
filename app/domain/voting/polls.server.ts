import type { Db, Tx } from "../../infra/db.server";
import { providerOf } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import type { HandCountInput, PollDefinitionInput } from "../../schemas/voting";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { authorizeMeeting } from "../meetings/access.server";
import { attendanceFor } from "../meetings/in-meeting.server";
import type { PollResult } from "./result";
import { parsePollResult } from "./result";
import type { BallotMode, PassRule, PollDefinition, PollKind, QuorumRule } from "./tally";
import { addToSecretBoxes, primeBallotPath } from "./ballots.server";
import { checkHandCount, computeResult, optionsOf } from "./tally";

/**
 * Opening and closing polls, and staff-entered hand counts. Every write that must not race a close
 * starts with a check-and-set on the poll row (`WHERE status = 'open'`): on PostgreSQL that row lock
 * orders it against the close; on SQLite the write transaction is serial anyway.
 */

export const pollSelect = {
  id: true,
  meetingId: true,
  agendaItemId: true,
  question: true,
  kind: true,
  maxChoices: true,
  ballotMode: true,
  passRule: true,
  abstentionsCount: true,
  resultsHidden: true,
  allowChange: true,
  status: true,
  votesCast: true,
  openedAt: true,
  closedAt: true,
  result: true,
  options: { select: { id: true, label: true, position: true }, orderBy: { position: "asc" } },
} as const;

export type PollRow = Awaited<ReturnType<typeof loadPoll>>;

export async function loadPoll(db: Db | Tx, pollId: string) {
  const poll = await db.poll.findUnique({ where: { id: pollId }, select: pollSelect });
  if (!poll) throw notFound("meetings:errors.pollNotFound");
  return poll;
}

export function definitionOf(poll: Pick<PollRow, "kind" | "maxChoices" | "passRule" | "abstentionsCount" | "options">): PollDefinition {
  return {
    kind: poll.kind as PollKind,
    maxChoices: poll.maxChoices,
    passRule: poll.passRule as PassRule,
    abstentionsCount: poll.abstentionsCount,
    options: poll.options.map((o) => ({ key: o.id, label: o.label })),
  };
}

/** Creates the poll and opens it in one step: ballot mode, rule and options are fixed before anyone votes. */
export async function openPoll(db: Db, clock: Clock, actor: Actor, input: PollDefinitionInput): Promise<{ id: string }> {
  const meeting = await authorizeMeeting(db, actor, "host:meeting", input.meetingId);
  if (meeting.status !== "live") throw conflict("meetings:errors.notLive");
  const agendaItemId = input.agendaItemId ?? meeting.currentAgendaItemId;
  if (agendaItemId) {
    const item = await db.agendaItem.findFirst({ where: { id: agendaItemId, meetingId: meeting.id }, select: { id: true } });
    if (!item) throw notFound("meetings:errors.agendaItemNotFound");
  }
  const now = clock.now();
  return db.$transaction(async (tx) => {
    // One open poll per meeting: every screen shows "the" poll.
    const open = await tx.poll.findFirst({ where: { meetingId: meeting.id, status: "open" }, select: { id: true } });
    if (open) throw conflict("meetings:errors.pollAlreadyOpen");
    const poll = await tx.poll.create({
      data: {
        meetingId: meeting.id,
        agendaItemId: agendaItemId ?? null,
        question: input.question,
        kind: input.kind,
        maxChoices: input.kind === "multiple" ? input.maxChoices : 1,
        ballotMode: input.ballotMode,
        passRule: input.passRule,
        // Rules counted against members present treat an abstention as "not yes" by definition.
        abstentionsCount: input.passRule === "majority_cast" ? input.abstentionsCount : true,
        // A secret poll never shows counts while open: each change of a live count would tell the room what
        // the person who just tapped chose (ADR 0010). Turnout still moves.
        resultsHidden: input.ballotMode === "secret" || input.resultsHidden,
        rollCallPublic: input.ballotMode === "named" && input.rollCallPublic,
        allowChange: input.ballotMode === "named" && input.allowChange,
        status: "open",
        openedAt: now,
        createdById: actor.id,
        createdAt: now,
        options: input.kind === "yes_no_abstain" ? undefined : { create: input.options.map((label, i) => ({ position: i + 1, label })) },
      },
      select: { id: true, options: { select: { id: true } } },
    });
    if (input.ballotMode === "secret") {
      // Every counter exists before the first ballot, so no box's creation dates the first vote for it.
      const keys =
        input.kind === "yes_no_abstain" ? optionsOf({ kind: input.kind, options: [] }).map((o) => o.key) : poll.options.map((o) => o.id);
      await addToSecretBoxes(tx, poll.id, keys, new Map());
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "poll.open",
      entityType: "Poll",
      entityId: poll.id,
      data: { question: input.question, kind: input.kind, ballotMode: input.ballotMode, passRule: input.passRule },
      at: now,
    });
    return { id: poll.id };
  });
}

/** Electronic votes per option key, from ballot rows (named: one per voter; secret: one per distinct answer). */
async function electronicCounts(db: Db | Tx, pollId: string): Promise<Record<string, number>> {
  const groups = await db.ballot.groupBy({ by: ["choices"], where: { pollId }, _sum: { weight: true } });
  const counts: Record<string, number> = {};
  for (const g of groups) {
    for (const key of JSON.parse(g.choices) as string[]) counts[key] = (counts[key] ?? 0) + (g._sum.weight ?? 0);
  }
  return counts;
}

async function handCountsOf(db: Db | Tx, pollId: string) {
  const rows = await db.handCount.findMany({ where: { pollId }, select: { counts: true, voters: true, source: true } });
  return rows.map((r) => ({ counts: JSON.parse(r.counts) as Record<string, number>, voters: r.voters, source: r.source }));
}

export interface LiveTally {
  pollId: string;
  /** Poll.tallyVersion at the moment of reading: higher is newer, on every process. */
  version: number;
  votesCast: number;
  manualVoters: number;
  /** Per option key, electronic and manual merged; null while results are hidden. */
  counts: Record<string, number> | null;
}

export async function liveTally(db: Db | Tx, pollId: string): Promise<LiveTally | null> {
  // Runs every 100 ms per open poll while ballots arrive: plain SQL, identical on SQLite and PostgreSQL.
  // One statement is one snapshot (PostgreSQL READ COMMITTED takes one per statement): the version, the
  // count of voters and the per-option numbers always belong to the same moment, so they add up, and a
  // screen comparing versions never goes back (ADR 0021).
  const rows = await db.$queryRaw<{ part: string; a: string | null; b: string | null; n: unknown; v: unknown; h: unknown }[]>`
    SELECT 'poll' AS "part", "ballotMode" AS "a", "status" AS "b", "votesCast" AS "n", "tallyVersion" AS "v",
      CASE WHEN "resultsHidden" THEN 1 ELSE 0 END AS "h"
      FROM "Poll" WHERE "id" = ${pollId}
    UNION ALL
    SELECT 'hand', "counts", CAST(NULL AS TEXT), "voters", 0, 0 FROM "HandCount" WHERE "pollId" = ${pollId}
    UNION ALL
    SELECT 'ballots', "choices", CAST(NULL AS TEXT), SUM("weight"), 0, 0 FROM "Ballot" WHERE "pollId" = ${pollId} GROUP BY "choices"`;
  const poll = rows.find((r) => r.part === "poll");
  if (!poll) return null;
  const hands = rows.filter((r) => r.part === "hand");
  const groups = rows.filter((r) => r.part === "ballots");
  const manualVoters = hands.reduce((s, h) => s + Number(h.n), 0);
  let counts: Record<string, number> | null = null;
  // Secret polls are hidden whatever the stored flag says (polls opened before ADR 0010 included).
  const hidden = poll.a === "secret" || Number(poll.h) === 1;
  if (!hidden || poll.b === "closed") {
    counts = {};
    for (const g of groups) for (const key of JSON.parse(g.a ?? "[]") as string[]) counts[key] = (counts[key] ?? 0) + Number(g.n);
    for (const h of hands)
      for (const [k, n] of Object.entries(JSON.parse(h.a ?? "{}") as Record<string, number>)) counts[k] = (counts[k] ?? 0) + n;
  }
  return { pollId, version: Number(poll.v), votesCast: Number(poll.n), manualVoters, counts };
}

/**
 * Votes cast for someone else by proxy. A joint meeting's substitute casting their unit's vote is not a
 * proxy (the unit voted through its own seat), so those are left out.
 */
async function proxyBallotsOf(tx: Tx, pollId: string): Promise<number> {
  const castForOthers = await tx.voteRecord.findMany({
    where: { pollId, NOT: { castById: { equals: tx.voteRecord.fields.voterId } } },
    select: { castById: true },
  });
  if (castForOthers.length === 0) return 0;
  const substitutes = await tx.participant.count({
    where: { id: { in: castForOthers.map((r) => r.castById) }, substituteForId: { not: null } },
  });
  return castForOthers.length - substitutes;
}

/**
 * Closes the poll and stores its result, once. The check-and-set on status is the line: a ballot either
 * committed before it (and is counted here) or finds the poll closed and is refused.
 */
export async function closePoll(db: Db, clock: Clock, actor: Actor, pollId: string): Promise<PollResult> {
  const existing = await loadPoll(db, pollId);
  const meeting = await authorizeMeeting(db, actor, "host:meeting", existing.meetingId);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const closed = await tx.poll.updateMany({
      where: { id: pollId, status: "open" },
      // Closing shows hidden counts: a new version, so screens take the final numbers over any earlier ones.
      data: { status: "closed", closedAt: now, tallyVersion: { increment: 1 } },
    });
    if (closed.count !== 1) throw conflict("meetings:errors.pollNotOpen");
    const poll = await loadPoll(tx, pollId);
    const [electronic, hands, proxyBallots, attendance] = await Promise.all([
      electronicCounts(tx, pollId),
      handCountsOf(tx, pollId),
      proxyBallotsOf(tx, pollId),
      attendanceFor(tx, meeting),
    ]);
    const result = computeResult({
      poll: { ...definitionOf(poll), id: poll.id, question: poll.question, ballotMode: poll.ballotMode as BallotMode },
      electronic,
      ballotsElectronic: poll.votesCast,
      proxyBallots,
      handCounts: hands,
      attendance: { eligible: attendance.eligible, present: attendance.present },
      quorumRule: meeting.quorumRule as QuorumRule,
      closedAt: now,
    });
    await tx.poll.update({ where: { id: pollId }, data: { result: JSON.stringify(result) } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "poll.close",
      entityType: "Poll",
      entityId: pollId,
      data: {
        passed: result.passed,
        ballotsElectronic: result.ballotsElectronic,
        ballotsManual: result.ballotsManual,
        quorumMet: result.quorumMet,
      },
      at: now,
    });
    return result;
  });
}

/**
 * While voters read the question of a poll just opened: on SQLite, fold the write-ahead log into the database
 * now rather than let an automatic checkpoint (a synchronous pause of a few hundred milliseconds) land among
 * the ballots; then warm the ballot path and the tally query, so the first ballots find them compiled.
 */
export async function warmUpForVoting(db: Db, pollId: string): Promise<void> {
  if (providerOf(getEnv().DATABASE_URL) === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
  await primeBallotPath(db, pollId);
  await liveTally(db, pollId);
}

export function storedResult(poll: { result: string | null }): PollResult | null {
  return parsePollResult(poll.result);
}

/**
 * Staff record hands counted or paper ballots. They are merged into the same result and marked as manual.
 * Refused when they would make more votes than members present.
 */
export async function addHandCount(db: Db, clock: Clock, actor: Actor, input: HandCountInput): Promise<void> {
  const poll = await loadPoll(db, input.pollId);
  const meeting = await authorizeMeeting(db, actor, "check-in:participant", poll.meetingId);
  const check = checkHandCount(definitionOf(poll), { counts: input.counts, voters: input.voters });
  if (!check.ok) throw invalid(check.reason, check.values);
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const locked = await tx.poll.updateMany({ where: { id: poll.id, status: "open" }, data: { tallyVersion: { increment: 1 } } });
    if (locked.count !== 1) throw conflict("meetings:errors.pollClosed");
    const [current, hands, attendance] = await Promise.all([
      tx.poll.findUniqueOrThrow({ where: { id: poll.id }, select: { votesCast: true } }),
      tx.handCount.aggregate({ where: { pollId: poll.id }, _sum: { voters: true } }),
      attendanceFor(tx, meeting),
    ]);
    const total = current.votesCast + (hands._sum.voters ?? 0) + input.voters;
    if (total > attendance.present) throw invalid("meetings:errors.handCountTooMany", { present: attendance.present, total });
    const row = await tx.handCount.create({
      data: {
        pollId: poll.id,
        source: input.source,
        counts: JSON.stringify(input.counts),
        voters: input.voters,
        note: input.note || null,
        enteredById: actor.id,
        createdAt: now,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "poll.hand_count",
      entityType: "HandCount",
      entityId: row.id,
      data: { pollId: poll.id, source: input.source, voters: input.voters, counts: input.counts },
      at: now,
    });
  });
}

export { optionsOf };
