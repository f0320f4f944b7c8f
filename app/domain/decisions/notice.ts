import { DAY } from "../../infra/clock";
import type { Actor, Resource } from "../permissions";
import { can } from "../permissions";

/** Public notice (公示): how long residents may object after a decision is published. */
export const DEFAULT_NOTICE_DAYS = 7;
export const MIN_NOTICE_DAYS = 1;
export const MAX_NOTICE_DAYS = 60;

export const DECISION_STATUSES = ["draft", "notice", "final"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export type NoticeState =
  | { phase: "unpublished" }
  | { phase: "open"; endsAt: Date; msLeft: number }
  /** The window is over but objections still wait for an answer: the decision is not final yet. */
  | { phase: "awaiting_answers"; endedAt: Date; unanswered: number }
  | { phase: "final"; finalAt: Date };

export function noticeEnd(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY);
}

export function noticeStateOf(
  decision: { status: string; noticeEndsAt: Date | null; finalAt: Date | null },
  unanswered: number,
  now: Date,
): NoticeState {
  if (decision.status === "final") return { phase: "final", finalAt: decision.finalAt ?? decision.noticeEndsAt ?? now };
  if (decision.status !== "notice" || !decision.noticeEndsAt) return { phase: "unpublished" };
  if (now.getTime() < decision.noticeEndsAt.getTime())
    return { phase: "open", endsAt: decision.noticeEndsAt, msLeft: decision.noticeEndsAt.getTime() - now.getTime() };
  return { phase: "awaiting_answers", endedAt: decision.noticeEndsAt, unanswered };
}

/** May a resident object now? Only while the window is open. */
export function objectionsOpen(decision: { status: string; noticeEndsAt: Date | null }, now: Date): boolean {
  return decision.status === "notice" && !!decision.noticeEndsAt && now.getTime() < decision.noticeEndsAt.getTime();
}

/** Does the decision become final now? After the window, once every objection has its public answer. */
export function isDueForFinal(decision: { status: string; noticeEndsAt: Date | null }, unanswered: number, now: Date): boolean {
  return decision.status === "notice" && !!decision.noticeEndsAt && now.getTime() >= decision.noticeEndsAt.getTime() && unanswered === 0;
}

/** A decision still being drafted is not public yet: only those who may publish it see it (as a preview). */
export function isPublicTo(viewer: Actor | null | undefined, decision: { status: string }, resource: Resource): boolean {
  return decision.status !== "draft" || can(viewer, "publish:minutes", resource);
}
