import { describe, expect, it } from "vitest";
import { DAY, FakeClock, HOUR } from "../../app/infra/clock";
import {
  DEFAULT_ACCEPTANCE_WINDOW_DAYS,
  acceptanceDeadline,
  audienceIds,
  averageRating,
  isAcceptanceOpen,
  isAskedForAcceptance,
  isNotFixed,
  isSatisfiedRating,
  satisfactionRate,
  settleRound,
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

describe("who is asked, and what the ratings come to", () => {
  const audience = { reporterId: "reporter", residentFollowerIds: ["follower"] };
  it("asks the reporter and the residents who follow the issue, nobody else", () => {
    expect(isAskedForAcceptance("reporter", audience)).toBe(true);
    expect(isAskedForAcceptance("follower", audience)).toBe(true);
    expect(isAskedForAcceptance("neighbour-not-following", audience)).toBe(false);
    expect(audienceIds({ reporterId: "r", residentFollowerIds: ["r", "f"] })).toEqual(["r", "f"]);
  });

  it("rates 1–5: 1 and 2 mean not fixed, 3 and above count as satisfied", () => {
    expect([1, 2, 3, 4, 5].map(isNotFixed)).toEqual([true, true, false, false, false]);
    expect([1, 2, 3, 4, 5].map(isSatisfiedRating)).toEqual([false, false, true, true, true]);
  });

  it("the first 'not fixed' reopens at once, even when others rated it well", () => {
    expect(settleRound({ ratings: [5, 2], askedCount: 3, windowOver: false })).toEqual({ kind: "reopen" });
    expect(settleRound({ ratings: [1], askedCount: 1, windowOver: false })).toEqual({ kind: "reopen" });
  });

  it("waits for the others while the window is open, and resolves as soon as everyone asked has rated", () => {
    expect(settleRound({ ratings: [5], askedCount: 3, windowOver: false })).toEqual({ kind: "wait" });
    expect(settleRound({ ratings: [5, 4, 4], askedCount: 3, windowOver: false })).toEqual({ kind: "resolve", average: 4.3 });
  });

  it("when the window ends it resolves with the mean of whoever rated, or closes unrated if nobody did", () => {
    expect(settleRound({ ratings: [3, 4], askedCount: 5, windowOver: true })).toEqual({ kind: "resolve", average: 3.5 });
    expect(settleRound({ ratings: [], askedCount: 5, windowOver: true })).toEqual({ kind: "close" });
    expect(averageRating([5, 5, 4])).toBe(4.7);
  });

  it("keeps a satisfaction rate, and says 'no ratings' rather than 0 % before anyone answered", () => {
    expect(satisfactionRate(0, 0)).toBeNull();
    expect(satisfactionRate(3, 4)).toBe(0.75);
    expect(satisfactionRate(0, 2)).toBe(0);
  });
});
