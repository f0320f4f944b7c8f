import type { Env } from "../../infra/env.server";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../infra/db.server";
import { DomainError } from "../errors";

/**
 * How many failed sign-ins are allowed, and where they are counted (ADR 0014):
 * - per account *and* address: the tight limit, so guessing from one place stops quickly while the owner,
 *   signing in from home, is not affected by an attacker elsewhere;
 * - per account from anywhere: a slower ceiling against guessing spread over many addresses;
 * - per address over all accounts: high enough for a community office where everyone shares one NAT.
 */
export interface SignInLimits {
  maxFailures: number;
  windowMinutes: number;
  accountMaxFailures?: number;
  accountWindowMinutes?: number;
  ipMaxFailures?: number;
}

/** The limits as configured for this deployment (SIGNIN_* in the environment). */
export function signInLimits(
  env: Pick<Env, "SIGNIN_MAX_FAILURES" | "SIGNIN_WINDOW_MINUTES" | "SIGNIN_ACCOUNT_MAX_FAILURES" | "SIGNIN_IP_MAX_FAILURES">,
): SignInLimits {
  return {
    maxFailures: env.SIGNIN_MAX_FAILURES,
    windowMinutes: env.SIGNIN_WINDOW_MINUTES,
    accountMaxFailures: env.SIGNIN_ACCOUNT_MAX_FAILURES,
    ipMaxFailures: env.SIGNIN_IP_MAX_FAILURES,
  };
}

export function resolvedLimits(limits: SignInLimits): Required<SignInLimits> {
  return {
    maxFailures: limits.maxFailures,
    windowMinutes: limits.windowMinutes,
    accountMaxFailures: limits.accountMaxFailures ?? limits.maxFailures * 10,
    accountWindowMinutes: limits.accountWindowMinutes ?? limits.windowMinutes * 4,
    ipMaxFailures: limits.ipMaxFailures ?? 100,
  };
}

interface Limiters {
  pair: RateLimiterPrisma;
  account: RateLimiterPrisma;
  address: RateLimiterPrisma;
}

// One set per database and limits: each store starts its own pruning timer for expired rows.
const limitersByDb = new WeakMap<Db, Map<string, Limiters>>();

function limitersFor(db: Db, limits: Required<SignInLimits>): Limiters {
  let byLimits = limitersByDb.get(db);
  if (!byLimits) {
    byLimits = new Map();
    limitersByDb.set(db, byLimits);
  }
  const id = JSON.stringify(limits);
  let limiters = byLimits.get(id);
  if (!limiters) {
    // The rows live in SignInLimit; the store counts with one upsert, so parallel attempts cannot overshoot.
    const store = (keyPrefix: string, points: number, minutes: number) =>
      new RateLimiterPrisma({ storeClient: db, tableName: "signInLimit", keyPrefix, points, duration: minutes * 60 });
    limiters = {
      pair: store("signin-pair", limits.maxFailures, limits.windowMinutes),
      account: store("signin-account", limits.accountMaxFailures, limits.accountWindowMinutes),
      address: store("signin-ip", limits.ipMaxFailures, limits.windowMinutes),
    };
    byLimits.set(id, limiters);
  }
  return limiters;
}

export interface SignInAttempt {
  username: string;
  ip: string;
}

const pairKey = (attempt: SignInAttempt) => `${attempt.username}|${attempt.ip}`;

/**
 * Counts one attempt before the password is checked (so parallel guesses are counted, not raced), and
 * refuses it with the wait time when any of the three budgets is spent. The caller forgives a success.
 */
export async function countSignInAttempt(db: Db, limits: SignInLimits, attempt: SignInAttempt): Promise<void> {
  const limiters = limitersFor(db, resolvedLimits(limits));
  const results = await Promise.allSettled([
    limiters.pair.consume(pairKey(attempt)),
    limiters.account.consume(attempt.username),
    limiters.address.consume(attempt.ip),
  ]);
  let waitMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    // The store rejects with its result when the budget is spent and with an Error when the database fails.
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
  }
  if (waitMs > 0 || results.some((r) => r.status === "rejected")) {
    throw new DomainError("rate_limited", "errors.signin.rate_limited", { minutes: Math.max(1, Math.ceil(waitMs / 60_000)) });
  }
}

/** A right password: this place starts afresh for this account, and the attempt costs the wider budgets nothing. */
export async function forgiveSignInAttempt(db: Db, limits: SignInLimits, attempt: SignInAttempt): Promise<void> {
  const limiters = limitersFor(db, resolvedLimits(limits));
  await Promise.all([
    limiters.pair.delete(pairKey(attempt)),
    limiters.account.reward(attempt.username, 1),
    limiters.address.reward(attempt.ip, 1),
  ]);
}
