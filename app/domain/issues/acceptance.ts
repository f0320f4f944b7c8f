import { DAY } from "../../infra/clock";

/** Residents have this long to rate the work; when it ends the issue closes with the ratings it has. */
export const DEFAULT_ACCEPTANCE_WINDOW_DAYS = 7;

export function acceptanceDeadline(requestedAt: Date, windowDays = DEFAULT_ACCEPTANCE_WINDOW_DAYS): Date {
  return new Date(requestedAt.getTime() + windowDays * DAY);
}

export interface AcceptanceFacts {
  status: string;
  acceptanceDueAt: Date | null;
}

export function isAcceptanceOpen(issue: AcceptanceFacts, now: Date): boolean {
  return issue.status === "awaiting_acceptance" && issue.acceptanceDueAt !== null && now.getTime() < issue.acceptanceDueAt.getTime();
}

/** The window has passed: the round is settled with whatever ratings came in (see settleRound). */
export function shouldAutoClose(issue: AcceptanceFacts, now: Date): boolean {
  return issue.status === "awaiting_acceptance" && issue.acceptanceDueAt !== null && now.getTime() >= issue.acceptanceDueAt.getTime();
}

/**
 * The 1–5 scale of 12345-style satisfaction reviews: 5 very satisfied, 4 satisfied, 3 basically satisfied,
 * 2 dissatisfied, 1 very dissatisfied. 1 and 2 say "not fixed"; 3 and above count towards the satisfaction rate.
 */
export const RATINGS = [5, 4, 3, 2, 1] as const;
export type Rating = (typeof RATINGS)[number];

export function isNotFixed(rating: number): boolean {
  return rating <= 2;
}

export function isSatisfiedRating(rating: number): boolean {
  return rating >= 3;
}

/**
 * Who is asked: the person who raised the issue and the residents who follow it (said "me too" or pressed
 * follow). Staff and units following an issue for work are not asked to judge their own work.
 */
export interface AcceptanceAudience {
  reporterId: string;
  residentFollowerIds: readonly string[];
}

export function isAskedForAcceptance(personId: string, audience: AcceptanceAudience): boolean {
  return personId === audience.reporterId || audience.residentFollowerIds.includes(personId);
}

export function audienceIds(audience: AcceptanceAudience): string[] {
  return [...new Set([audience.reporterId, ...audience.residentFollowerIds])];
}

export type RoundOutcome =
  | { kind: "wait" }
  /** Someone said it is not fixed: back to staff at once, with their comment. */
  | { kind: "reopen" }
  /** Resolved, with the mean rating recorded on the issue. */
  | { kind: "resolve"; average: number }
  /** The window ended and nobody rated: closed without a rating. */
  | { kind: "close" };

/**
 * What a round of acceptance comes to, given the ratings so far. The first "not fixed" reopens the issue;
 * once everyone asked has rated (all fixed) it is resolved at once; otherwise it waits for the window, and
 * then resolves with the average of whoever rated, or closes unrated if nobody did.
 */
export function settleRound(facts: { ratings: readonly number[]; askedCount: number; windowOver: boolean }): RoundOutcome {
  const { ratings, askedCount, windowOver } = facts;
  if (ratings.some(isNotFixed)) return { kind: "reopen" };
  if (ratings.length > 0 && (windowOver || ratings.length >= askedCount)) return { kind: "resolve", average: averageRating(ratings) };
  if (windowOver) return { kind: "close" };
  return { kind: "wait" };
}

/** Mean to one decimal place, as shown to people and stored on the issue. */
export function averageRating(ratings: readonly number[]): number {
  if (ratings.length === 0) return 0;
  return Math.round((ratings.reduce((sum, r) => sum + r, 0) / ratings.length) * 10) / 10;
}

/** Share of satisfied answers, or null when nobody has answered yet (shown as "no ratings yet", not 0 %). */
export function satisfactionRate(satisfied: number, total: number): number | null {
  if (total <= 0) return null;
  return satisfied / total;
}
