import { describe, expect, it } from "vitest";
import { DAY, FakeClock, HOUR } from "../../app/infra/clock";
import {
  DEFAULT_ACCEPTANCE_WINDOW_DAYS,
  acceptanceDeadline,
  acceptanceTransition,
  isAcceptanceOpen,
  isAskedForAcceptance,
  satisfactionRate,
  shouldAutoClose,
} from "../../app/domain/issues/acceptance";
import { planSweep } from "../../app/domain/issues/sweep-plan";

describe("acceptance window", () => {
  it("is seven days by default, counted from the moment residents are asked", () => {
    const clock = new FakeClock(new Date("2026-11-22T10:00:00+08:00"));
    expect(DEFAULT_ACCEPTANCE_WINDOW_DAYS).toBe(7);
    expect(acceptanceDeadline(clock.now()).toISOString()).toBe(new Date("2026-11-29T10:00:00+08:00").toISOString());
    expect(acceptanceDeadline(clock.now(), 3).toISOString()).toBe(new Date("2026-11-25T10:00:00+08:00").toISOString());
  });

  it("stays open for answers until the last millisecond, then the issue closes on its own", () => {
    const clock = new FakeClock(new Date("2026-11-22T10:00:00+08:00"));
    const issue = { id: "i1", status: "awaiting_acceptance", acceptanceDueAt: acceptanceDeadline(clock.now()) };
    const snapshot = { awaitingAcceptance: [issue], escalations: [], actionItems: [] };

    clock.advance(6 * DAY + 23 * HOUR);
    expect(isAcceptanceOpen(issue, clock.now())).toBe(true);
    expect(shouldAutoClose(issue, clock.now())).toBe(false);
    expect(planSweep(snapshot, clock.now()).autoClose).toEqual([]);

    clock.advance(HOUR - 1);
    expect(isAcceptanceOpen(issue, clock.now())).toBe(true);

    clock.advance(1);
    expect(isAcceptanceOpen(issue, clock.now())).toBe(false);
    expect(shouldAutoClose(issue, clock.now())).toBe(true);
    expect(planSweep(snapshot, clock.now()).autoClose).toEqual(["i1"]);
  });

  it("never auto-closes an issue that someone already answered (it left awaiting_acceptance)", () => {
    const clock = new FakeClock();
    const due = new Date(clock.now().getTime() - DAY);
    for (const status of ["resolved", "reopened", "closed", "in_progress"]) {
      expect(shouldAutoClose({ status, acceptanceDueAt: due }, clock.now())).toBe(false);
      expect(
        planSweep({ awaitingAcceptance: [{ id: "x", status, acceptanceDueAt: due }], escalations: [], actionItems: [] }, clock.now())
          .autoClose,
      ).toEqual([]);
    }
  });

  it("is closed when no deadline was ever set", () => {
    expect(isAcceptanceOpen({ status: "awaiting_acceptance", acceptanceDueAt: null }, new Date())).toBe(false);
    expect(shouldAutoClose({ status: "awaiting_acceptance", acceptanceDueAt: null }, new Date())).toBe(false);
  });
});

describe("who is asked, and what an answer does", () => {
  const issue = { reporterId: "reporter", gridId: "grid-1" };
  it("asks the reporter and residents of the issue's grid, nobody else", () => {
    expect(isAskedForAcceptance({ id: "reporter", residentGridIds: [] }, issue)).toBe(true);
    expect(isAskedForAcceptance({ id: "neighbour", residentGridIds: ["grid-1"] }, issue)).toBe(true);
    expect(isAskedForAcceptance({ id: "far-away", residentGridIds: ["grid-2"] }, issue)).toBe(false);
    expect(isAskedForAcceptance({ id: "neighbour", residentGridIds: ["grid-1"] }, { reporterId: "reporter", gridId: null })).toBe(false);
  });

  it("resolves on 'satisfied' and reopens on 'not satisfied'", () => {
    expect(acceptanceTransition(true)).toBe("confirm_fixed");
    expect(acceptanceTransition(false)).toBe("reopen");
  });

  it("keeps a satisfaction rate, and says 'no ratings' rather than 0 % before anyone answered", () => {
    expect(satisfactionRate(0, 0)).toBeNull();
    expect(satisfactionRate(3, 4)).toBe(0.75);
    expect(satisfactionRate(0, 2)).toBe(0);
  });
});
