import { describe, expect, it } from "vitest";
import type { IssueTransition, TransitionInput } from "../../app/domain/issues/state-machine";
import { TRANSITIONS, checkTransition, transitionsFrom } from "../../app/domain/issues/state-machine";
import type { IssueStatus } from "../../app/domain/issues/statuses";
import { ISSUE_STATUSES } from "../../app/domain/issues/statuses";

/**
 * The tracker's rules written out by hand (not read back from the module): for each move, the states it
 * may start from, where it leads, and what it cannot happen without.
 */
const EXPECTED: Record<IssueTransition, { from: IssueStatus[]; to: IssueStatus | null; requires: (keyof TransitionInput)[] }> = {
  accept: { from: ["submitted", "reopened"], to: "accepted", requires: [] },
  reject: { from: ["submitted", "reopened"], to: "rejected", requires: ["reason"] },
  merge: { from: ["submitted", "accepted", "reopened"], to: "merged", requires: ["targetIssueId"] },
  escalate: { from: ["submitted", "accepted", "reopened", "in_progress"], to: "escalated", requires: ["unitId", "dueAt"] },
  acknowledge: { from: ["escalated"], to: null, requires: [] },
  resolve_directly: { from: ["submitted", "accepted", "reopened"], to: "resolved", requires: ["note"] },
  put_on_agenda: { from: ["submitted", "accepted", "escalated", "reopened"], to: "on_agenda", requires: [] },
  decide: { from: ["on_agenda"], to: "decided", requires: [] },
  start_work: { from: ["accepted", "escalated", "decided", "reopened"], to: "in_progress", requires: [] },
  request_acceptance: { from: ["in_progress"], to: "awaiting_acceptance", requires: [] },
  confirm_fixed: { from: ["awaiting_acceptance"], to: "resolved", requires: [] },
  reopen: { from: ["awaiting_acceptance"], to: "reopened", requires: ["reason"] },
  auto_close: { from: ["awaiting_acceptance"], to: "closed", requires: [] },
};

const FULL_INPUT: TransitionInput = {
  reason: "理由",
  targetIssueId: "issue-2",
  unitId: "unit-1",
  note: "说明",
  dueAt: new Date("2026-12-01T00:00:00Z"),
};

describe("issue state machine", () => {
  it("knows exactly the moves listed here", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const transition of Object.keys(EXPECTED) as IssueTransition[]) {
    const rule = EXPECTED[transition];
    describe(transition, () => {
      for (const status of ISSUE_STATUSES) {
        if (rule.from.includes(status)) {
          it(`is allowed from ${status} and leads to ${rule.to ?? status}`, () => {
            expect(checkTransition(status, transition, FULL_INPUT)).toEqual({ ok: true, to: rule.to });
          });
        } else {
          it(`is refused from ${status} with a translated reason`, () => {
            expect(checkTransition(status, transition, FULL_INPUT)).toEqual({ ok: false, reason: "issues:errors.illegal_transition" });
          });
        }
      }
      for (const field of rule.requires) {
        it(`is refused without ${field}, and with only blanks for it`, () => {
          const without = { ...FULL_INPUT, [field]: undefined };
          expect(checkTransition(rule.from[0], transition, without)).toEqual({ ok: false, reason: "issues:errors.missing_field", field });
          if (field !== "dueAt") {
            expect(checkTransition(rule.from[0], transition, { ...FULL_INPUT, [field]: "   " })).toMatchObject({ ok: false, field });
          }
        });
      }
      if (rule.requires.length === 0) {
        it("needs nothing but a legal starting state", () => {
          expect(checkTransition(rule.from[0], transition, {})).toEqual({ ok: true, to: rule.to });
        });
      }
    });
  }

  it("ends in resolved, rejected, merged and closed with no way out but a reopen from acceptance", () => {
    for (const terminal of ["resolved", "rejected", "merged", "closed"] as const) expect(transitionsFrom(terminal)).toEqual([]);
  });

  it("offers only the moves that can work from each state (for showing buttons)", () => {
    for (const status of ISSUE_STATUSES) {
      const expected = (Object.keys(EXPECTED) as IssueTransition[]).filter((t) => EXPECTED[t].from.includes(status)).sort();
      expect(transitionsFrom(status).sort()).toEqual(expected);
    }
  });
});
