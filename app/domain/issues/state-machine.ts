import type { Action } from "../permissions";
import type { IssueStatus } from "./statuses";

/**
 * Every move an issue can make: from which states, to which state, who may make it, and what it needs.
 * Nothing else in the code changes an issue's status; see transition.server.ts for the check-and-set write.
 *
 * "system" moves are made by the application itself (all action items done, acceptance window over).
 */
export type IssueTransition =
  | "accept"
  | "reject"
  | "merge"
  | "escalate"
  | "acknowledge"
  | "resolve_directly"
  | "put_on_agenda"
  | "decide"
  | "start_work"
  | "request_acceptance"
  | "confirm_fixed"
  | "reopen"
  | "auto_close";

export interface TransitionRule {
  from: readonly IssueStatus[];
  /** null: the status stays as it is (an event on the timeline, e.g. a department reporting for duty). */
  to: IssueStatus | null;
  /** The permission the actor needs, or "system" for moves only the application makes. */
  permission: Action | "system" | "respond:acceptance";
  /** Fields the move cannot happen without (checked before anything is written). */
  requires: readonly ("reason" | "targetIssueId" | "unitId" | "dueAt" | "note")[];
}

/** States in which an issue waits for staff to triage it (new, or reopened by residents). */
export const AWAITING_TRIAGE_STATUSES = ["submitted", "reopened"] as const satisfies readonly IssueStatus[];
const TRIAGE_FROM = AWAITING_TRIAGE_STATUSES;

/** The moves community staff make from an issue's triage panel. */
export const TRIAGE_MOVES = [
  "accept",
  "reject",
  "merge",
  "resolve_directly",
  "put_on_agenda",
  "escalate",
] as const satisfies readonly IssueTransition[];
export type TriageMove = (typeof TRIAGE_MOVES)[number];

export const TRANSITIONS: Record<IssueTransition, TransitionRule> = {
  accept: { from: TRIAGE_FROM, to: "accepted", permission: "triage:issue", requires: [] },
  reject: { from: TRIAGE_FROM, to: "rejected", permission: "triage:issue", requires: ["reason"] },
  merge: { from: ["submitted", "accepted", "reopened"], to: "merged", permission: "triage:issue", requires: ["targetIssueId"] },
  escalate: {
    from: ["submitted", "accepted", "reopened", "in_progress"],
    to: "escalated",
    permission: "triage:issue",
    requires: ["unitId", "dueAt"],
  },
  acknowledge: { from: ["escalated"], to: null, permission: "acknowledge:escalation", requires: [] },
  resolve_directly: { from: ["submitted", "accepted", "reopened"], to: "resolved", permission: "triage:issue", requires: ["note"] },
  put_on_agenda: { from: ["submitted", "accepted", "escalated", "reopened"], to: "on_agenda", permission: "manage:meeting", requires: [] },
  decide: { from: ["on_agenda"], to: "decided", permission: "record:decision", requires: [] },
  start_work: {
    from: ["accepted", "escalated", "decided", "reopened"],
    to: "in_progress",
    permission: "create:action-item",
    requires: [],
  },
  request_acceptance: { from: ["in_progress"], to: "awaiting_acceptance", permission: "system", requires: [] },
  confirm_fixed: { from: ["awaiting_acceptance"], to: "resolved", permission: "respond:acceptance", requires: [] },
  reopen: { from: ["awaiting_acceptance"], to: "reopened", permission: "respond:acceptance", requires: ["reason"] },
  auto_close: { from: ["awaiting_acceptance"], to: "closed", permission: "system", requires: [] },
};

export type TransitionInput = Partial<Record<"reason" | "targetIssueId" | "unitId" | "note", string>> & {
  dueAt?: Date;
  /** Language-neutral facts the timeline shows with the move (ids it links to, a mean rating). */
  eventData?: Record<string, string | number>;
};

export type TransitionCheck =
  | { ok: true; to: IssueStatus | null }
  | { ok: false; reason: "issues:errors.illegal_transition" | "issues:errors.missing_field"; field?: string };

/** Pure: may `transition` happen from `status` with this input? (The caller checks permission with requirePermission.) */
export function checkTransition(status: IssueStatus, transition: IssueTransition, input: TransitionInput = {}): TransitionCheck {
  const rule = TRANSITIONS[transition];
  if (!rule.from.includes(status)) return { ok: false, reason: "issues:errors.illegal_transition" };
  for (const field of rule.requires) {
    const value = input[field];
    if (value === undefined || (typeof value === "string" && value.trim() === "")) {
      return { ok: false, reason: "issues:errors.missing_field", field };
    }
  }
  return { ok: true, to: rule.to };
}

/** The moves available from a status, for showing only the buttons that can work. */
export function transitionsFrom(status: IssueStatus): IssueTransition[] {
  return (Object.keys(TRANSITIONS) as IssueTransition[]).filter((t) => TRANSITIONS[t].from.includes(status));
}

/** The triage moves the staff panel offers for an issue in this status. */
export function triageMovesFrom(status: IssueStatus): TriageMove[] {
  return transitionsFrom(status).filter((t): t is TriageMove => (TRIAGE_MOVES as readonly string[]).includes(t));
}
