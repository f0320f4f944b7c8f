import pg from "pg";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { createTableOnce } from "./pg-tables.server";
import type { ClientEvent } from "./protocol";

/**
 * How many events a socket and a person may send (ADR 0014). Three budgets, so a client stuck in a
 * snapshot loop can still vote, and a voter re-tapping or reconnecting is nowhere near a limit.
 * Per socket the counter lives in this process (a socket lives here); per person it lives in the
 * configured store, so several tabs or processes share one budget.
 */
export type EventBudget = "read" | "write" | "vote";

export const EVENT_BUDGETS: Record<ClientEvent, EventBudget> = {
  "session:hello": "read",
  "meeting:join": "read",
  "meeting:snapshot": "read",
  "meeting:leave": "read",
  "meeting:check-in": "write",
  "meeting:start": "write",
  "meeting:end": "write",
  "agenda:set-current": "write",
  "speaker:raise": "write",
  "speaker:lower": "write",
  "speaker:give-floor": "write",
  "speaker:end": "write",
  "comment:post": "write",
  "opinion:post": "write",
  "content:hide": "write",
  "participant:set-checked-in": "write",
  "poll:open": "write",
  "poll:close": "write",
  "poll:hand-count": "write",
  "vote:cast": "vote",
};

export interface BudgetLimits {
  /** Events per window from one socket. */
  perSocket: number;
  /** Events per window from one person over all their sockets (or one address while signed out). */
  perPerson: number;
}

export interface RealtimeLimits {
  windowSeconds: number;
  budgets: Record<EventBudget, BudgetLimits>;
  /** A socket that sends this many times its budget within one window is disconnected. */
  disconnectFactor: number;
}

// A staff member keys in paper ballots for several people in a row; 30 in 10 s is still far from a flood.
export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  windowSeconds: 10,
  budgets: {
    read: { perSocket: 30, perPerson: 90 },
    write: { perSocket: 20, perPerson: 40 },
    vote: { perSocket: 30, perPerson: 60 },
  },
  disconnectFactor: 3,
};

export type Admission = { verdict: "admit" } | { verdict: "refuse"; retryAfterSeconds: number } | { verdict: "disconnect" };

/** A connected node-redis client (the caller owns it and closes it). */
export type PersonStore = { kind: "memory" } | { kind: "postgres"; connectionString: string } | { kind: "redis"; client: object };

export interface EventLimiter {
  admit(event: ClientEvent, socketId: string, personKey: string): Promise<Admission>;
  /** A socket that is gone frees its counters at once rather than at the end of the window. */
  forgetSocket(socketId: string): void;
  close(): Promise<void>;
}

const budgetsOf = (limits: RealtimeLimits) => Object.keys(limits.budgets) as EventBudget[];

const PERSON_TABLE = "yishi_realtime_limits";

/** The table rate-limiter-flexible's PostgreSQL store expects, made once before any event (processes may race). */
async function ensurePersonTable(pool: pg.Pool): Promise<void> {
  await createTableOnce(
    pool,
    `CREATE TABLE IF NOT EXISTS "${PERSON_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
  );
}

export async function createEventLimiter(
  limits: RealtimeLimits = DEFAULT_REALTIME_LIMITS,
  store: PersonStore = { kind: "memory" },
): Promise<EventLimiter> {
  const duration = limits.windowSeconds;
  const perSocket = new Map<EventBudget, RateLimiterMemory>();
  const perPerson = new Map<EventBudget, RateLimiterAbstract>();
  let pool: pg.Pool | null = null;
  if (store.kind === "postgres") {
    pool = new pg.Pool({ connectionString: store.connectionString, max: 2 });
    await ensurePersonTable(pool);
  }

  for (const budget of budgetsOf(limits)) {
    const { perSocket: socketPoints, perPerson: personPoints } = limits.budgets[budget];
    // Counting past the budget (up to the disconnect threshold) is what tells a flood from a burst.
    perSocket.set(budget, new RateLimiterMemory({ keyPrefix: `sock-${budget}`, points: socketPoints, duration }));
    const keyPrefix = `person-${budget}`;
    if (store.kind === "redis") {
      perPerson.set(
        budget,
        new RateLimiterRedis({
          storeClient: store.client,
          useRedisPackage: true,
          keyPrefix: `yishi:${keyPrefix}`,
          points: personPoints,
          duration,
          inMemoryBlockOnConsumed: personPoints + 1,
          inMemoryBlockDuration: duration,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: personPoints, duration }),
        }),
      );
    } else if (pool) {
      perPerson.set(
        budget,
        new RateLimiterPostgres({
          storeClient: pool,
          storeType: "pool",
          tableName: PERSON_TABLE,
          tableCreated: true,
          keyPrefix,
          points: personPoints,
          duration,
          clearExpiredByTimeout: true,
          // Once a person is over budget, answer from memory: a flood must not become a flood of queries.
          inMemoryBlockOnConsumed: personPoints + 1,
          inMemoryBlockDuration: duration,
          // If PostgreSQL is unreachable, keep limiting in this process rather than failing every event.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: personPoints, duration }),
        }),
      );
    } else {
      perPerson.set(budget, new RateLimiterMemory({ keyPrefix, points: personPoints, duration }));
    }
  }

  return {
    async admit(event, socketId, personKey) {
      const budget = EVENT_BUDGETS[event];
      const socketLimiter = perSocket.get(budget)!;
      try {
        await socketLimiter.consume(socketId);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        if (rejection.consumedPoints >= socketLimiter.points * limits.disconnectFactor) return { verdict: "disconnect" };
        return { verdict: "refuse", retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
      try {
        await perPerson.get(budget)!.consume(personKey);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { verdict: "refuse", retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
      return { verdict: "admit" };
    },
    forgetSocket(socketId) {
      for (const limiter of perSocket.values()) void limiter.delete(socketId);
    },
    async close() {
      await pool?.end();
    },
  };
}
