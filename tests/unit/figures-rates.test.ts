import { describe, expect, it } from "vitest";
import type { IssueCounts } from "../../app/domain/figures/rates";
import { ZERO_COUNTS, funnelOf, medianOfSorted, onTimeRate, ratesOf, rollUp, sortRows, turnoutOf } from "../../app/domain/figures/rates";
import { chinaMonthOf, lastMonths } from "../../app/domain/figures/months";

// A hand-made month of ten issues: 9 answered (1 rejected), 6 resolved, 4 of them rated by 5 residents.
const month: IssueCounts = {
  raised: 10,
  responded: 9,
  rejected: 1,
  accepted: 8,
  resolved: 6,
  satisfiedIssues: 3,
  askedAcceptance: 5,
  reopened: 1,
  overdue: 2,
  ratings: 5,
  satisfiedRatings: 4,
  ratingSum: 18,
};

describe("the three rates and the other figures, by their written definitions", () => {
  it("response = answered / raised; resolution = resolved / raised minus rejected; satisfaction = ratings ≥ 3 / ratings", () => {
    const rates = ratesOf(month);
    expect(rates.responseRate).toBeCloseTo(0.9);
    expect(rates.resolutionRate).toBeCloseTo(6 / 9);
    expect(rates.satisfactionRate).toBeCloseTo(0.8);
    expect(rates.averageRating).toBeCloseTo(3.6);
    expect(rates.reopenRate).toBeCloseTo(0.2);
    expect(rates.overdue).toBe(2);
  });

  it("a community with nothing raised has no rates rather than 0 %", () => {
    expect(ratesOf(ZERO_COUNTS)).toMatchObject({ responseRate: null, resolutionRate: null, satisfactionRate: null, reopenRate: null });
  });

  it("rows of grids and months sum into one community's counts", () => {
    const rows = [
      { communityId: "a", ...month },
      { communityId: "a", ...month, raised: 2, responded: 2 },
      { communityId: "b", ...ZERO_COUNTS, raised: 1 },
    ];
    const rolled = rollUp(rows, (r) => r.communityId);
    expect(rolled.get("a")).toMatchObject({ raised: 12, responded: 11, resolved: 12 });
    expect(rolled.get("b")?.raised).toBe(1);
  });

  it("the funnel runs raised → accepted → resolved → satisfied", () => {
    expect(funnelOf(month).map((s) => s.count)).toEqual([10, 8, 6, 3]);
  });

  it("medians take the middle value or the mean of the middle two", () => {
    expect(medianOfSorted([])).toBeNull();
    expect(medianOfSorted([1, 5, 9])).toBe(5);
    expect(medianOfSorted([1, 2, 4, 10])).toBe(3);
  });

  it("units are on time by items done by their due date over items done or late; turnout is checked-in over invited", () => {
    expect(onTimeRate({ items: 6, done: 4, doneOnTime: 3, overdue: 1 })).toBeCloseTo(0.6);
    expect(onTimeRate({ items: 2, done: 0, doneOnTime: 0, overdue: 0 })).toBeNull();
    expect(turnoutOf({ held: 2, invited: 20, checkedIn: 15, decisions: 3, carriedOut: 1 })).toBeCloseTo(0.75);
  });

  it("sorting a table by a rate puts communities without data last, either way round", () => {
    const rows = [
      { name: "甲", rates: ratesOf(month) },
      { name: "乙", rates: ratesOf(ZERO_COUNTS) },
      { name: "丙", rates: ratesOf({ ...month, responded: 5 }) },
    ];
    expect(sortRows(rows, "responseRate", true).map((r) => r.name)).toEqual(["甲", "丙", "乙"]);
    expect(sortRows(rows, "responseRate", false).map((r) => r.name)).toEqual(["丙", "甲", "乙"]);
  });

  it("months are China months: 16:30 UTC on 31 October is already November in Beijing", () => {
    expect(chinaMonthOf(new Date("2026-10-31T16:30:00Z"))).toBe("2026-11");
    expect(lastMonths(new Date("2026-02-10T00:00:00Z"), 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
  });
});
