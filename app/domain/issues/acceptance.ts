import { DAY } from "../../infra/clock";
import type { Actor } from "../permissions";

/** Residents have this long to say whether the work fixed the problem; silence then closes the issue. */
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

/** The window has passed with nobody answering: the issue closes on its own. */
export function shouldAutoClose(issue: AcceptanceFacts, now: Date): boolean {
  return issue.status === "awaiting_acceptance" && issue.acceptanceDueAt !== null && now.getTime() >= issue.acceptanceDueAt.getTime();
}

/**
 * Who is asked: the reporter and the residents of the issue's grid. The first answer settles the round:
 * "fixed" resolves the issue, "not fixed" reopens it with the reason (later answers would contradict a
 * decision already taken, so the round ends there). Every answer counts towards the units' satisfaction rate.
 */
export function isAskedForAcceptance(
  person: { id: string; residentGridIds: readonly string[] },
  issue: { reporterId: string; gridId: string | null },
): boolean {
  if (person.id === issue.reporterId) return true;
  return issue.gridId !== null && person.residentGridIds.includes(issue.gridId);
}

/** The person as acceptance sees them: who they are and the grids they live in, in the issue's community. */
export function acceptancePerson(actor: Actor, communityId: string): { id: string; residentGridIds: string[] } {
  const residentGridIds = actor.memberships
    .filter((m) => m.communityId === communityId && m.role === "resident" && m.gridId)
    .map((m) => m.gridId as string);
  return { id: actor.id, residentGridIds };
}

export function acceptanceTransition(satisfied: boolean): "confirm_fixed" | "reopen" {
  return satisfied ? "confirm_fixed" : "reopen";
}

/** Share of satisfied answers, or null when nobody has answered yet (shown as "no ratings yet", not 0 %). */
export function satisfactionRate(satisfied: number, total: number): number | null {
  if (total <= 0) return null;
  return satisfied / total;
}
