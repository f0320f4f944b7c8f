import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IssueTransition, TransitionInput } from "../../app/domain/issues/state-machine";
import { TRANSITIONS, checkTransition, transitionsFrom } from "../../app/domain/issues/state-machine";
import type { IssueStatus } from "../../app/domain/issues/statuses";
import { ISSUE_STATUSES, OPEN_ISSUE_STATUSES } from "../../app/domain/issues/statuses";
import type { Actor } from "../../app/domain/permissions";
import { can } from "../../app/domain/permissions";
import { COMMUNITY_ROLES } from "../../app/domain/roles";

/**
 * The life of an issue, from "submitted" to an end. First the moves as a community worker knows them, then
 * properties of the whole machine checked over generated walks (fast-check), so a rule added later cannot
 * strand an issue or let one slip out of an end state.
 */
const EVERYTHING: TransitionInput = {
  reason: "理由",
  targetIssueId: "issue-2",
  unitId: "unit-1",
  note: "说明",
  dueAt: new Date("2026-12-01T00:00:00Z"),
};
const MOVES = Object.keys(TRANSITIONS) as IssueTransition[];
/** Where an issue's story ends: fixed, refused, folded into another, or closed after nobody answered. */
const ENDS: IssueStatus[] = ["resolved", "rejected", "merged", "closed"];

const move = (status: IssueStatus, transition: IssueTransition, input: TransitionInput = EVERYTHING) =>
  checkTransition(status, transition, input);
/** The status after a move that is allowed (a move with no new status leaves it as it was). */
const after = (status: IssueStatus, transition: IssueTransition): IssueStatus => {
  const check = move(status, transition);
  if (!check.ok) throw new Error(`${transition} is not allowed from ${status}`);
  return check.to ?? status;
};

describe("an issue's moves, as the community works them", () => {
  it("staff accept a newly raised issue, or reject it only with a reason", () => {
    expect(after("submitted", "accept")).toBe("accepted");
    expect(move("submitted", "reject", {})).toEqual({ ok: false, reason: "issues:errors.missing_field", field: "reason" });
    expect(after("submitted", "reject")).toBe("rejected");
  });

  it("a duplicate is merged into another issue, named by it", () => {
    expect(move("submitted", "merge", {})).toMatchObject({ ok: false, field: "targetIssueId" });
    expect(after("accepted", "merge")).toBe("merged");
  });

  it("escalating to a department needs the department and a deadline, and can happen while work is under way", () => {
    expect(move("accepted", "escalate", { unitId: "unit-1" })).toMatchObject({ ok: false, field: "dueAt" });
    expect(move("accepted", "escalate", { dueAt: EVERYTHING.dueAt })).toMatchObject({ ok: false, field: "unitId" });
    expect(after("in_progress", "escalate")).toBe("escalated");
  });

  it("a department reporting for duty is noted on the timeline and leaves the status as it is", () => {
    expect(move("escalated", "acknowledge", {})).toEqual({ ok: true, to: null });
    expect(move("accepted", "acknowledge").ok).toBe(false);
  });

  it("staff may resolve an issue themselves, saying how", () => {
    expect(move("accepted", "resolve_directly", { note: "   " })).toMatchObject({ ok: false, field: "note" });
    expect(after("accepted", "resolve_directly")).toBe("resolved");
    expect(move("in_progress", "resolve_directly").ok).toBe(false);
  });

  it("an issue put on a meeting's agenda is decided there, and work starts from the decision", () => {
    expect(after("escalated", "put_on_agenda")).toBe("on_agenda");
    expect(transitionsFrom("on_agenda")).toEqual(["decide"]);
    expect(after("on_agenda", "decide")).toBe("decided");
    expect(after("decided", "start_work")).toBe("in_progress");
  });

  it("work cannot start on an issue nobody has accepted yet", () => {
    expect(move("submitted", "start_work").ok).toBe(false);
    expect(after("accepted", "start_work")).toBe("in_progress");
  });

  it("when the work is done, residents are asked; 'fixed' resolves it, 'not fixed' reopens it with a reason", () => {
    expect(after("in_progress", "request_acceptance")).toBe("awaiting_acceptance");
    expect(after("awaiting_acceptance", "confirm_fixed")).toBe("resolved");
    expect(move("awaiting_acceptance", "reopen", {})).toMatchObject({ ok: false, field: "reason" });
    expect(after("awaiting_acceptance", "reopen")).toBe("reopened");
  });

  it("a reopened issue goes back to triage", () => {
    expect(transitionsFrom("reopened")).toEqual(expect.arrayContaining(["accept", "reject", "merge", "escalate", "resolve_directly"]));
  });

  it("nobody answering within the window closes the issue on its own; only the application makes that move", () => {
    expect(after("awaiting_acceptance", "auto_close")).toBe("closed");
    expect(TRANSITIONS.auto_close.permission).toBe("system");
    expect(TRANSITIONS.request_acceptance.permission).toBe("system");
  });

  it("a required field of only blanks counts as missing", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MOVES), fc.stringMatching(/^\s*$/), (transition, blank) => {
        const rule = TRANSITIONS[transition];
        for (const field of rule.requires.filter((f) => f !== "dueAt")) {
          expect(move(rule.from[0], transition, { ...EVERYTHING, [field]: blank })).toEqual({
            ok: false,
            reason: "issues:errors.missing_field",
            field,
          });
        }
      }),
    );
  });
});

describe("the machine as a whole (properties over generated walks)", () => {
  /** Statuses reachable from `from` by allowed moves, with the moves that reach them. */
  function reachable(from: IssueStatus): Map<IssueStatus, IssueTransition[]> {
    const paths = new Map<IssueStatus, IssueTransition[]>([[from, []]]);
    const queue = [from];
    while (queue.length > 0) {
      const status = queue.shift() as IssueStatus;
      for (const transition of transitionsFrom(status)) {
        const next = after(status, transition);
        if (!paths.has(next)) {
          paths.set(next, [...(paths.get(status) ?? []), transition]);
          queue.push(next);
        }
      }
    }
    return paths;
  }

  it("every status can be reached from 'submitted', step by allowed step", () => {
    const paths = reachable("submitted");
    fc.assert(
      fc.property(fc.constantFrom(...ISSUE_STATUSES), (status) => {
        const path = paths.get(status);
        expect(path, status).toBeDefined();
        let at: IssueStatus = "submitted";
        for (const transition of path ?? []) at = after(at, transition);
        expect(at).toBe(status);
      }),
    );
  });

  it("every open status has a way forward to a different status", () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPEN_ISSUE_STATUSES), (status) => {
        expect(transitionsFrom(status).some((transition) => after(status, transition) !== status)).toBe(true);
      }),
    );
  });

  it("from every open status an end can still be reached", () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPEN_ISSUE_STATUSES), (status) => {
        expect([...reachable(status).keys()].some((s) => ENDS.includes(s))).toBe(true);
      }),
    );
  });

  it("nothing moves an issue out of an end: resolved, rejected, merged and closed are final", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENDS), fc.constantFrom(...MOVES), (status, transition) => {
        expect(move(status, transition)).toEqual({ ok: false, reason: "issues:errors.illegal_transition" });
      }),
    );
    expect(ENDS.filter((status) => (OPEN_ISSUE_STATUSES as readonly string[]).includes(status))).toEqual([]);
  });

  it("a random sequence of attempted moves never leaves the known statuses, and a complete move is refused only for its starting state", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MOVES), { maxLength: 40 }), (attempts) => {
        let status: IssueStatus = "submitted";
        for (const transition of attempts) {
          const check = move(status, transition);
          if (check.ok) status = check.to ?? status;
          else expect(check.reason).toBe("issues:errors.illegal_transition");
          expect(ISSUE_STATUSES).toContain(status);
        }
      }),
    );
  });

  it("the buttons offered for a status are exactly the moves that would be allowed from it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ISSUE_STATUSES), fc.constantFrom(...MOVES), (status, transition) => {
        expect(transitionsFrom(status).includes(transition)).toBe(move(status, transition).ok);
      }),
    );
  });

  it("every move a person makes is allowed to at least one role in the community, and to no visitor", () => {
    const home = { communityId: "c1", streetId: "s1" };
    const personal = MOVES.filter((t) => TRANSITIONS[t].permission !== "system");
    fc.assert(
      fc.property(fc.constantFrom(...personal), (transition) => {
        const permission = TRANSITIONS[transition].permission as Exclude<(typeof TRANSITIONS)[IssueTransition]["permission"], "system">;
        const someone = COMMUNITY_ROLES.some((role) => {
          const actor: Actor = {
            id: "p",
            streetAdminOfId: null,
            memberships: [{ ...home, role, isResidentRep: role === "resident", unitId: "u1", gridId: null }],
          };
          return can(actor, permission, { ...home, unitId: "u1", hostId: "p", reporterId: "p" });
        });
        expect(someone, transition).toBe(true);
        expect(can(null, permission, { ...home, unitId: "u1", hostId: "p", reporterId: "p" })).toBe(false);
      }),
    );
  });
});
