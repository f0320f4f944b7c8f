import crypto from "node:crypto";
import type { Db, Tx } from "../../utils/db.server";
import type { Clock } from "../clock";
import type { RollEntry } from "../meetings/attendance";
import { validProxy } from "../meetings/attendance";
import type { PollKind } from "./tally";
import { checkChoices } from "./tally";

/**
 * Ballots. A ballot is acknowledged only after the transaction holding it has committed, and the database
 * decides what counts: unique (pollId, voterId) on VoteRecord makes a second vote impossible, unique
 * (pollId, idempotencyKey) lets a retry after a lost ack find the first answer.
 *
 * Secret polls write who voted (VoteRecord, no choice) and what was chosen (Ballot, no voter) apart: the
 * Ballot row is a box per distinct answer with a count, its id derived from the answer, so no row, id,
 * order or time ties a person to a choice.
 *
 * Throughput: ballots arriving together for one poll are written in one transaction (group commit) and all
 * acknowledged after it commits. The first statement is a check-and-set on the poll row, which orders the
 * batch against a concurrent close on PostgreSQL; on SQLite write transactions are serial anyway.
 */

export interface BallotRequest {
  pollId: string;
  /** The participant pressing the button. */
  casterId: string;
  /** The participant whose vote it is (the caster, or the absent member they hold a proxy for). */
  voterId: string;
  choices: string[];
  idempotencyKey: string;
}

export type BallotOutcome =
  | { ok: true; pollId: string; voterId: string; votesCast: number; changed: boolean; replay: boolean; choices: string[] | null }
  | { ok: false; reason: string; values?: Record<string, string | number> };

const MAX_BATCH = 250;

function secretBoxId(pollId: string, choices: string): string {
  return crypto.createHash("sha256").update(`${pollId}\u0000${choices}`).digest("hex").slice(0, 32);
}

/** Writes one batch for one poll in one transaction; returns an outcome per request, in order. */
export async function writeBallotBatch(db: Db, clock: Clock, pollId: string, batch: readonly BallotRequest[]): Promise<BallotOutcome[]> {
  const now = clock.now();
  return db.$transaction(async (tx: Tx) => {
    const locked = await tx.poll.updateMany({ where: { id: pollId, status: "open" }, data: { votesCast: { increment: 0 } } });
    const poll = await tx.poll.findUnique({
      where: { id: pollId },
      select: { id: true, status: true, meetingId: true, kind: true, maxChoices: true, ballotMode: true, allowChange: true, options: { select: { id: true, label: true } } },
    });
    if (!poll) return batch.map(() => ({ ok: false as const, reason: "meetings:errors.pollNotFound" }));
    if (locked.count !== 1) {
      const reason = poll.status === "closed" ? "meetings:errors.pollClosed" : "meetings:errors.pollNotOpen";
      return batch.map(() => ({ ok: false as const, reason }));
    }
    const secret = poll.ballotMode === "secret";
    const def = { kind: poll.kind as PollKind, maxChoices: poll.maxChoices, options: poll.options.map((o) => ({ key: o.id, label: o.label })) };

    const people = [...new Set(batch.flatMap((b) => [b.casterId, b.voterId]))];
    const rows = await tx.participant.findMany({ where: { id: { in: people }, meetingId: poll.meetingId }, select: { id: true, canVote: true, checkedInAt: true, proxyForId: true } });
    const roll = new Map<string, RollEntry>(rows.map((r) => [r.id, { id: r.id, canVote: r.canVote, checkedIn: r.checkedInAt !== null, proxyForId: r.proxyForId }]));
    const earlier = await tx.voteRecord.findMany({
      where: { pollId, OR: [{ voterId: { in: batch.map((b) => b.voterId) } }, { idempotencyKey: { in: batch.map((b) => b.idempotencyKey) } }] },
      select: { voterId: true, castById: true, idempotencyKey: true },
    });
    const byKey = new Map(earlier.map((r) => [r.idempotencyKey, r]));
    const voted = new Set(earlier.map((r) => r.voterId));

    const outcomes: (BallotOutcome | null)[] = [];
    const records: { id: string; pollId: string; voterId: string; castById: string; idempotencyKey: string; createdAt: Date }[] = [];
    const named: { id: string; pollId: string; voterId: string; choices: string; weight: number }[] = [];
    const changes: { voterId: string; choices: string }[] = [];
    const boxes = new Map<string, number>();
    const acceptedAt: number[] = [];

    for (const request of batch) {
      const prior = byKey.get(request.idempotencyKey);
      if (prior) {
        // A retry after a lost ack: the first answer stands.
        outcomes.push(
          prior.voterId === request.voterId && prior.castById === request.casterId
            ? { ok: true, pollId, voterId: request.voterId, votesCast: -1, changed: false, replay: true, choices: null }
            : { ok: false, reason: "meetings:errors.idempotencyKeyReused" },
        );
        continue;
      }
      const checked = checkChoices(def, request.choices);
      if (!checked.ok) {
        outcomes.push({ ok: false, reason: checked.reason, values: checked.values });
        continue;
      }
      const caster = roll.get(request.casterId);
      const eligible =
        !!caster &&
        (request.voterId === request.casterId
          ? caster.canVote && caster.checkedIn
          : caster.proxyForId === request.voterId && validProxy(caster, roll.get(request.voterId)));
      if (!eligible) {
        outcomes.push({ ok: false, reason: "meetings:errors.notEligible" });
        continue;
      }
      const choices = JSON.stringify(checked.choices);
      if (voted.has(request.voterId)) {
        if (poll.allowChange && !secret) {
          changes.push({ voterId: request.voterId, choices });
          byKey.set(request.idempotencyKey, { voterId: request.voterId, castById: request.casterId, idempotencyKey: request.idempotencyKey });
          outcomes.push({ ok: true, pollId, voterId: request.voterId, votesCast: -1, changed: true, replay: false, choices: checked.choices });
        } else {
          outcomes.push({ ok: false, reason: "meetings:errors.alreadyVoted" });
        }
        continue;
      }
      voted.add(request.voterId);
      byKey.set(request.idempotencyKey, { voterId: request.voterId, castById: request.casterId, idempotencyKey: request.idempotencyKey });
      // Secret: the time a person voted is not kept either, so nothing lines up with the boxes' counts.
      records.push({ id: crypto.randomUUID(), pollId, voterId: request.voterId, castById: request.casterId, idempotencyKey: request.idempotencyKey, createdAt: secret ? new Date(0) : now });
      if (secret) boxes.set(choices, (boxes.get(choices) ?? 0) + 1);
      else named.push({ id: crypto.randomUUID(), pollId, voterId: request.voterId, choices, weight: 1 });
      acceptedAt.push(outcomes.length);
      outcomes.push({ ok: true, pollId, voterId: request.voterId, votesCast: -1, changed: false, replay: false, choices: secret ? null : checked.choices });
    }

    if (records.length) {
      await tx.voteRecord.createMany({ data: records });
      if (named.length) await tx.ballot.createMany({ data: named });
      for (const [choices, count] of boxes) {
        const id = secretBoxId(pollId, choices);
        await tx.ballot.upsert({ where: { id }, create: { id, pollId, voterId: null, choices, weight: count }, update: { weight: { increment: count } } });
      }
    }
    for (const change of changes) {
      await tx.ballot.update({ where: { pollId_voterId: { pollId, voterId: change.voterId } }, data: { choices: change.choices } });
    }
    const after = await tx.poll.update({ where: { id: pollId }, data: { votesCast: { increment: records.length } }, select: { votesCast: true } });
    return outcomes.map((o) => (o && o.ok ? { ...o, votesCast: after.votesCast } : (o as BallotOutcome)));
  });
}

interface Pending extends BallotRequest {
  resolve: (outcome: BallotOutcome) => void;
}

/**
 * Group commit per poll: while one batch is being written, new ballots wait and go into the next one.
 * Memory holds only requests in flight; every answer comes from the database.
 */
export class BallotQueue {
  private pending = new Map<string, Pending[]>();
  private writing = new Set<string>();

  constructor(
    private readonly db: () => Db,
    private readonly clock: Clock,
    private readonly onCommitted: (pollId: string) => void,
  ) {}

  cast(request: BallotRequest): Promise<BallotOutcome> {
    return new Promise((resolve) => {
      const list = this.pending.get(request.pollId) ?? [];
      list.push({ ...request, resolve });
      this.pending.set(request.pollId, list);
      if (!this.writing.has(request.pollId)) {
        this.writing.add(request.pollId);
        // Let ballots that arrived in the same tick join this batch.
        setImmediate(() => void this.drain(request.pollId));
      }
    });
  }

  private async drain(pollId: string): Promise<void> {
    try {
      for (let round = 0; round < 10_000; round++) {
        const list = this.pending.get(pollId) ?? [];
        if (list.length === 0) break;
        const batch = list.splice(0, MAX_BATCH);
        let outcomes: BallotOutcome[];
        try {
          outcomes = await writeBallotBatch(this.db(), this.clock, pollId, batch);
        } catch (error) {
          console.error("[ballots] batch failed; voters are asked to retry", error instanceof Error ? error.message : error);
          outcomes = batch.map(() => ({ ok: false as const, reason: "meetings:errors.tryAgain" }));
        }
        batch.forEach((request, i) => request.resolve(outcomes[i]));
        if (outcomes.some((o) => o.ok)) this.onCommitted(pollId);
      }
    } finally {
      this.writing.delete(pollId);
      if ((this.pending.get(pollId)?.length ?? 0) > 0) {
        this.writing.add(pollId);
        setImmediate(() => void this.drain(pollId));
      } else {
        this.pending.delete(pollId);
      }
    }
  }
}
