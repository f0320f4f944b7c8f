import crypto from "node:crypto";
import { getEnv } from "../../infra/env.server";
import { Prisma } from "../../generated/sqlite/client";
import type { Db, Tx } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import type { DomainError } from "../errors";
import { conflict, forbidden, invalid, notFound, unauthenticated, unavailable } from "../errors";
import type { RollEntry } from "../meetings/attendance";
import { validProxy, validSubstitute } from "../meetings/attendance";
import type { PollKind } from "./tally";
import { checkChoices, optionsOf } from "./tally";

/**
 * Ballots. A ballot is acknowledged only after the transaction holding it has committed, and the database
 * decides what counts: unique (pollId, voterId) on VoteRecord makes a second vote impossible, unique
 * (pollId, idempotencyKey) lets a retry after a lost ack find the first answer.
 *
 * Secret polls write who voted (VoteRecord, no choice) and what was chosen (Ballot, no voter) apart: the
 * Ballot rows are one counter per option, all created when the poll opens and all rewritten by every batch,
 * so no row, id, creation order, time or (PostgreSQL) row version ties a person to a choice (ADR 0010).
 *
 * Throughput: ballots arriving together for one poll are written in one transaction (group commit) and all
 * acknowledged after it commits. The last statement is a check-and-set on the poll row, which orders the
 * batch against a concurrent close (see writeBallotBatch).
 */

export interface BallotRequest {
  pollId: string;
  /** The participant pressing the button. */
  casterId: string;
  /** The participant whose vote it is (the caster, or the absent member they hold a proxy for). */
  voterId: string;
  choices: string[];
  idempotencyKey: string;
  /**
   * The sign-in the ballot came with (a phone's socket). When given, the batch verifies it in the same
   * transaction that would store the ballot, so a session signed out, expired or disabled stores nothing.
   */
  sessionId?: string;
}

export type BallotOutcome =
  | {
      ok: true;
      pollId: string;
      voterId: string;
      votesCast: number;
      changed: boolean;
      replay: boolean;
      choices: string[] | null;
      /** Poll.tallyVersion right after the batch that counted this ballot (absent on a replay). */
      tallyVersion?: number;
    }
  | { ok: false; error: DomainError };

const MAX_BATCH = 250;
/** How long the first ballot of a batch waits for others: a little latency for far fewer transactions. */
const GATHER_MS = getEnv().YISHI_BALLOT_GATHER_MS;

function secretBoxId(pollId: string, choices: string): string {
  return crypto.createHash("sha256").update(`${pollId}\u0000${choices}`).digest("hex").slice(0, 32);
}

/**
 * Adds to a secret poll's option counters. Every call writes every counter of the poll (zero where nothing
 * changed) in one statement: boxes are therefore all created together (at open, see openPoll), never by the
 * first ballot for an answer, and on PostgreSQL every box carries the same last-writer transaction id, so
 * neither rowid order nor xmin says which batch added to which answer.
 */
export async function addToSecretBoxes(
  tx: Tx,
  pollId: string,
  optionKeys: readonly string[],
  counts: ReadonlyMap<string, number>,
): Promise<void> {
  if (optionKeys.length === 0) return;
  const rows = optionKeys.map((key) => {
    const choices = JSON.stringify([key]);
    return Prisma.sql`(${secretBoxId(pollId, choices)}, ${pollId}, NULL, ${choices}, ${counts.get(key) ?? 0})`;
  });
  // The same SQL runs on SQLite (≥ 3.24) and PostgreSQL.
  await tx.$executeRaw`INSERT INTO "Ballot" ("id", "pollId", "voterId", "choices", "weight") VALUES ${Prisma.join(rows)}
    ON CONFLICT ("id") DO UPDATE SET "weight" = "Ballot"."weight" + excluded."weight"`;
}

interface PollRules {
  meetingId: string;
  secret: boolean;
  allowChange: boolean;
  def: { kind: PollKind; maxChoices: number; options: { key: string; label: string }[] };
}

// What a poll accepts is fixed when it opens and never changes, so it can be kept per process; whether it
// is still open is never cached (the final check-and-set in each batch asks the database).
const rulesCache = new Map<string, PollRules>();

async function rulesOf(tx: Tx, pollId: string): Promise<PollRules | { missing: true; status: string | null }> {
  const cached = rulesCache.get(pollId);
  if (cached) return cached;
  const poll = await tx.poll.findUnique({
    where: { id: pollId },
    select: {
      status: true,
      meetingId: true,
      kind: true,
      maxChoices: true,
      ballotMode: true,
      allowChange: true,
      options: { select: { id: true, label: true } },
    },
  });
  if (!poll || poll.status !== "open") return { missing: true, status: poll?.status ?? null };
  const rules: PollRules = {
    meetingId: poll.meetingId,
    secret: poll.ballotMode === "secret",
    allowChange: poll.allowChange,
    def: { kind: poll.kind as PollKind, maxChoices: poll.maxChoices, options: poll.options.map((o) => ({ key: o.id, label: o.label })) },
  };
  if (rulesCache.size > 1000) rulesCache.clear();
  rulesCache.set(pollId, rules);
  return rules;
}

class PollNoLongerOpen extends Error {}

/** Booleans from raw SQL: SQLite gives 0/1 (number or bigint) for expressions, PostgreSQL true/false. */
function truthy(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

/**
 * Writes one batch for one poll in one transaction; returns an outcome per request, in order.
 *
 * The last statement is the check-and-set `UPDATE Poll SET votesCast = votesCast + k WHERE id = ? AND
 * status = 'open'`: if the poll closed meanwhile it matches nothing and the whole batch rolls back, so
 * each ballot is either committed before the close (and counted by it) or refused as "poll closed". On
 * PostgreSQL the close holds the row lock until it commits; on SQLite write transactions are serial.
 */
export async function writeBallotBatch(db: Db, clock: Clock, pollId: string, batch: readonly BallotRequest[]): Promise<BallotOutcome[]> {
  const now = clock.now();
  try {
    return await db.$transaction(async (tx: Tx) => {
      const rules = await rulesOf(tx, pollId);
      if ("missing" in rules) {
        const refusal =
          rules.status === null
            ? () => notFound("meetings:errors.pollNotFound")
            : rules.status === "closed"
              ? () => conflict("meetings:errors.pollClosed")
              : () => conflict("meetings:errors.pollNotOpen");
        return answerStoredReplays(tx, pollId, batch, refusal);
      }
      const { secret, def } = rules;

      const people = [...new Set(batch.flatMap((b) => [b.casterId, b.voterId]))];
      const sessionIds = [...new Set(batch.flatMap((b) => (b.sessionId === undefined ? [] : [b.sessionId])))];
      // The hot statements are plain SQL (identical on SQLite and PostgreSQL): the query builder's per-query
      // planning cost more CPU than the database work itself at hundreds of ballots a second.
      const [rawRows, earlier, sessions] = await Promise.all([
        tx.$queryRaw<{ id: string; canVote: unknown; checkedIn: unknown; proxyForId: string | null; substituteForId: string | null }[]>`
          SELECT "id", "canVote", ("checkedInAt" IS NOT NULL) AS "checkedIn", "proxyForId", "substituteForId" FROM "Participant"
          WHERE "meetingId" = ${rules.meetingId} AND "id" IN (${Prisma.join(people)})`,
        tx.$queryRaw<{ voterId: string; castById: string; idempotencyKey: string }[]>`
          SELECT "voterId", "castById", "idempotencyKey" FROM "VoteRecord"
          WHERE "pollId" = ${pollId} AND ("voterId" IN (${Prisma.join(batch.map((b) => b.voterId))}) OR "idempotencyKey" IN (${Prisma.join(batch.map((b) => b.idempotencyKey))}))`,
        sessionIds.length
          ? tx.$queryRaw<{ id: string; expiresAt: Date; disabledAt: Date | null }[]>`
              SELECT s."id", s."expiresAt", u."disabledAt" FROM "Session" s JOIN "User" u ON u."id" = s."userId"
              WHERE s."id" IN (${Prisma.join(sessionIds)})`
          : Promise.resolve([]),
      ]);
      const signedIn = new Set(sessions.filter((r) => new Date(r.expiresAt) > now && r.disabledAt === null).map((r) => r.id));
      const rows = rawRows.map((r) => ({
        id: r.id,
        canVote: truthy(r.canVote),
        checkedInAt: truthy(r.checkedIn) ? true : null,
        proxyForId: r.proxyForId,
        substituteForId: r.substituteForId,
      }));
      const roll = new Map<string, RollEntry>(
        rows.map((r) => [
          r.id,
          { id: r.id, canVote: r.canVote, checkedIn: r.checkedInAt !== null, proxyForId: r.proxyForId, substituteForId: r.substituteForId },
        ]),
      );
      const byKey = new Map(earlier.map((r) => [r.idempotencyKey, r]));
      const voted = new Set(earlier.map((r) => r.voterId));

      const outcomes: BallotOutcome[] = [];
      const records: { id: string; pollId: string; voterId: string; castById: string; idempotencyKey: string; createdAt: Date }[] = [];
      const named: { id: string; pollId: string; voterId: string; choices: string; weight: number }[] = [];
      const changes: { voterId: string; choices: string }[] = [];
      const boxes = new Map<string, number>();

      for (const request of batch) {
        if (request.sessionId !== undefined && !signedIn.has(request.sessionId)) {
          outcomes.push({ ok: false, error: unauthenticated("meetings:errors.signInRequired") });
          continue;
        }
        const prior = byKey.get(request.idempotencyKey);
        if (prior) {
          // A retry after a lost ack: the first answer stands.
          outcomes.push(
            prior.voterId === request.voterId && prior.castById === request.casterId
              ? { ok: true, pollId, voterId: request.voterId, votesCast: -1, changed: false, replay: true, choices: null }
              : { ok: false, error: conflict("meetings:errors.idempotencyKeyReused") },
          );
          continue;
        }
        const checked = checkChoices(def, request.choices);
        if (!checked.ok) {
          outcomes.push({ ok: false, error: invalid(checked.reason, checked.values) });
          continue;
        }
        const caster = roll.get(request.casterId);
        const eligible =
          !!caster &&
          (request.voterId === request.casterId
            ? caster.canVote && caster.checkedIn
            : caster.proxyForId === request.voterId
              ? validProxy(caster, roll.get(request.voterId))
              : // A unit's substitute casts the unit's one vote, held in the delegate's name (joint meetings).
                caster.substituteForId === request.voterId && validSubstitute(caster, roll.get(request.voterId)));
        if (!eligible) {
          outcomes.push({ ok: false, error: forbidden("meetings:errors.notEligible") });
          continue;
        }
        const choices = JSON.stringify(checked.choices);
        byKey.set(request.idempotencyKey, { voterId: request.voterId, castById: request.casterId, idempotencyKey: request.idempotencyKey });
        if (voted.has(request.voterId)) {
          if (rules.allowChange && !secret) {
            changes.push({ voterId: request.voterId, choices });
            outcomes.push({
              ok: true,
              pollId,
              voterId: request.voterId,
              votesCast: -1,
              changed: true,
              replay: false,
              choices: checked.choices,
            });
          } else {
            outcomes.push({ ok: false, error: conflict("meetings:errors.alreadyVoted") });
          }
          continue;
        }
        voted.add(request.voterId);
        // Secret: the time a person voted is not kept either, so nothing lines up with the boxes' counts.
        records.push({
          id: crypto.randomUUID(),
          pollId,
          voterId: request.voterId,
          castById: request.casterId,
          idempotencyKey: request.idempotencyKey,
          createdAt: secret ? new Date(0) : now,
        });
        // Secret: one counter per option (a multiple-choice ballot adds one to each of its choices), so the
        // combination a person picked is not kept as a row that could be rare enough to name them.
        if (secret) for (const key of checked.choices) boxes.set(key, (boxes.get(key) ?? 0) + 1);
        else named.push({ id: crypto.randomUUID(), pollId, voterId: request.voterId, choices, weight: 1 });
        outcomes.push({
          ok: true,
          pollId,
          voterId: request.voterId,
          votesCast: -1,
          changed: false,
          replay: false,
          choices: secret ? null : checked.choices,
        });
      }

      if (records.length) {
        const recordValues = records.map(
          (r) => Prisma.sql`(${r.id}, ${r.pollId}, ${r.voterId}, ${r.castById}, ${r.idempotencyKey}, ${r.createdAt})`,
        );
        await tx.$executeRaw`INSERT INTO "VoteRecord" ("id", "pollId", "voterId", "castById", "idempotencyKey", "createdAt") VALUES ${Prisma.join(recordValues)}`;
        if (named.length) {
          const values = named.map((b) => Prisma.sql`(${b.id}, ${b.pollId}, ${b.voterId}, ${b.choices}, ${b.weight})`);
          await tx.$executeRaw`INSERT INTO "Ballot" ("id", "pollId", "voterId", "choices", "weight") VALUES ${Prisma.join(values)}`;
        }
        if (secret)
          await addToSecretBoxes(
            tx,
            pollId,
            optionsOf(def).map((o) => o.key),
            boxes,
          );
      }
      for (const change of changes) {
        await tx.ballot.update({ where: { pollId_voterId: { pollId, voterId: change.voterId } }, data: { choices: change.choices } });
      }
      // The version moves only when the numbers did (a batch of replays and refusals changes nothing).
      const moved = records.length > 0 || changes.length > 0 ? 1 : 0;
      const after = await tx.$queryRaw<{ votesCast: unknown; tallyVersion: unknown }[]>`
        UPDATE "Poll" SET "votesCast" = "votesCast" + ${records.length}, "tallyVersion" = "tallyVersion" + ${moved}
        WHERE "id" = ${pollId} AND "status" = 'open' RETURNING "votesCast", "tallyVersion"`;
      if (after.length !== 1) throw new PollNoLongerOpen();
      const votesCast = Number(after[0].votesCast);
      const tallyVersion = Number(after[0].tallyVersion);
      return outcomes.map((o) => (o.ok ? (o.replay ? { ...o, votesCast } : { ...o, votesCast, tallyVersion }) : o));
    });
  } catch (error) {
    if (error instanceof PollNoLongerOpen) {
      rulesCache.delete(pollId);
      // The batch rolled back, but a retry in it may belong to a ballot an earlier batch committed.
      return answerStoredReplays(db, pollId, batch, () => conflict("meetings:errors.pollClosed"));
    }
    throw error;
  }
}

/**
 * For a poll that no longer takes ballots: a request whose key is already stored is a retry after a lost
 * ack, and gets its original receipt (the ballot counts, so "poll closed" would be a lie); the rest get
 * the `refusal`. The stored row is the proof, so this holds however long after the close the retry comes.
 */
async function answerStoredReplays(
  db: Db | Tx,
  pollId: string,
  batch: readonly BallotRequest[],
  refusal: () => DomainError,
): Promise<BallotOutcome[]> {
  const [stored, poll] = await Promise.all([
    db.$queryRaw<{ voterId: string; castById: string; idempotencyKey: string }[]>`
      SELECT "voterId", "castById", "idempotencyKey" FROM "VoteRecord"
      WHERE "pollId" = ${pollId} AND "idempotencyKey" IN (${Prisma.join(batch.map((b) => b.idempotencyKey))})`,
    db.$queryRaw<{ votesCast: unknown }[]>`SELECT "votesCast" FROM "Poll" WHERE "id" = ${pollId}`,
  ]);
  const byKey = new Map(stored.map((r) => [r.idempotencyKey, r]));
  const votesCast = Number(poll[0]?.votesCast ?? 0);
  return batch.map((request): BallotOutcome => {
    const prior = byKey.get(request.idempotencyKey);
    if (!prior) return { ok: false, error: refusal() };
    if (prior.voterId !== request.voterId || prior.castById !== request.casterId)
      return { ok: false, error: conflict("meetings:errors.idempotencyKeyReused") };
    return { ok: true, pollId, voterId: request.voterId, votesCast, changed: false, replay: true, choices: null };
  });
}

class PrimeRollback extends Error {}

/**
 * Runs every statement of the ballot path once, in a transaction that is rolled back, when a poll opens:
 * the first real ballots then find query plans compiled and code warm instead of waiting behind them.
 */
export async function primeBallotPath(db: Db, pollId: string): Promise<void> {
  const probe = `prime-${crypto.randomUUID()}`;
  await db
    .$transaction(async (tx: Tx) => {
      const rules = await rulesOf(tx, pollId);
      if ("missing" in rules) return;
      await Promise.all([
        tx.$queryRaw`SELECT "id", "canVote", ("checkedInAt" IS NOT NULL) AS "checkedIn", "proxyForId", "substituteForId" FROM "Participant" WHERE "meetingId" = ${rules.meetingId} AND "id" IN (${Prisma.join([probe])})`,
        tx.$queryRaw`SELECT "voterId", "castById", "idempotencyKey" FROM "VoteRecord" WHERE "pollId" = ${pollId} AND ("voterId" IN (${Prisma.join([probe])}) OR "idempotencyKey" IN (${Prisma.join([probe])}))`,
      ]);
      await tx.$executeRaw`INSERT INTO "VoteRecord" ("id", "pollId", "voterId", "castById", "idempotencyKey", "createdAt") VALUES ${Prisma.join([Prisma.sql`(${probe}, ${pollId}, ${probe}, ${probe}, ${probe}, ${new Date(0)})`])}`;
      const choices = JSON.stringify([probe]);
      if (rules.secret) {
        await tx.$executeRaw`INSERT INTO "Ballot" ("id", "pollId", "voterId", "choices", "weight") VALUES ${Prisma.join([Prisma.sql`(${probe}, ${pollId}, NULL, ${choices}, ${1})`])}
          ON CONFLICT ("id") DO UPDATE SET "weight" = "Ballot"."weight" + excluded."weight"`;
      } else {
        await tx.$executeRaw`INSERT INTO "Ballot" ("id", "pollId", "voterId", "choices", "weight") VALUES ${Prisma.join([Prisma.sql`(${probe}, ${pollId}, ${probe}, ${choices}, ${1})`])}`;
      }
      await tx.$queryRaw`UPDATE "Poll" SET "votesCast" = "votesCast" + ${0} WHERE "id" = ${pollId} AND "status" = 'open' RETURNING "votesCast"`;
      throw new PrimeRollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof PrimeRollback)) throw error;
    });
}

interface Pending extends BallotRequest {
  resolve: (outcome: BallotOutcome) => void;
}

/** Refusal while the process shuts down: the client keeps the ballot and resends it to the next process. */
export const SERVER_RESTARTING = "meetings:ballotDelivery.serverRestarting";

/**
 * Group commit per poll: while one batch is being written, new ballots wait and go into the next one.
 * Memory holds only requests in flight; every answer comes from the database.
 */

export class BallotQueue {
  private pending = new Map<string, Pending[]>();
  private writing = new Set<string>();
  private stopping = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly db: () => Db,
    private readonly clock: Clock,
    /** A batch changed the poll's numbers; `tallyVersion` is the version its transaction wrote. */
    private readonly onCommitted: (pollId: string, tallyVersion: number) => void,
  ) {}

  cast(request: BallotRequest): Promise<BallotOutcome> {
    if (this.stopping) return Promise.resolve({ ok: false, error: unavailable(SERVER_RESTARTING) });
    return new Promise((resolve) => {
      const list = this.pending.get(request.pollId) ?? [];
      list.push({ ...request, resolve });
      this.pending.set(request.pollId, list);
      if (!this.writing.has(request.pollId)) {
        this.writing.add(request.pollId);
        // Gather ballots for a moment so a burst becomes a few transactions, not one per ballot.
        setTimeout(() => void this.drain(request.pollId), GATHER_MS);
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
          outcomes = batch.map(() => ({ ok: false as const, error: unavailable("meetings:errors.tryAgain") }));
        }
        batch.forEach((request, i) => request.resolve(outcomes[i]));
        const written = Math.max(-1, ...outcomes.map((o) => (o.ok && o.tallyVersion !== undefined ? o.tallyVersion : -1)));
        if (written >= 0) this.onCommitted(pollId, written);
      }
    } finally {
      this.writing.delete(pollId);
      if ((this.pending.get(pollId)?.length ?? 0) > 0) {
        this.writing.add(pollId);
        setImmediate(() => void this.drain(pollId));
      } else {
        this.pending.delete(pollId);
        if (this.writing.size === 0) for (const wake of this.idle.splice(0)) wake();
      }
    }
  }

  /**
   * For a graceful shutdown: refuse new ballots as retryable from now on, and resolve once every ballot
   * already queued has been written and answered. Nothing in flight is dropped, so a deploy loses nothing.
   */
  stopAccepting(): Promise<void> {
    this.stopping = true;
    if (this.writing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
