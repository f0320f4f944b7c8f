import { describe, expect, it } from "vitest";
import { DAY } from "../../app/infra/clock";
import { median, scorecard } from "../../app/domain/units/scorecard";

const start = new Date("2026-11-01T02:00:00Z");
const at = (days: number) => new Date(start.getTime() + days * DAY);
const item = (due: number, claimed: number | null, done: number | null) => ({
  createdAt: start,
  dueAt: at(due),
  claimedAt: claimed === null ? null : at(claimed),
  doneAt: done === null ? null : at(done),
  status: done === null ? (claimed === null ? "open" : "in_progress") : "done",
});

describe("a unit's scorecard", () => {
  const now = at(20);

  it("counts items done by their deadline against those done or already late", () => {
    const card = scorecard(
      [
        item(10, 1, 8), // on time
        item(10, 2, 12), // late
        item(15, 3, null), // open and overdue
        item(30, null, null), // open, not yet due: not counted
      ],
      now,
      { satisfied: 0, answers: 0 },
      [],
    );
    expect(card.onTimeRate).toBeCloseTo(1 / 3);
    expect(card.itemsDone).toBe(2);
    expect(card.itemsOpen).toBe(2);
  });

  it("gives median days to claim and to finish", () => {
    const card = scorecard([item(10, 1, 8), item(10, 2, 12), item(15, 4, null)], now, { satisfied: 0, answers: 0 }, []);
    expect(card.medianDaysToClaim).toBe(2);
    expect(card.medianDaysToFinish).toBe(10);
  });

  it("shows nothing rather than 0% for a unit with no record", () => {
    const card = scorecard([], now, { satisfied: 0, answers: 0 }, []);
    expect(card).toMatchObject({ onTimeRate: null, medianDaysToClaim: null, medianDaysToFinish: null, satisfactionRate: null });
  });

  it("takes residents' satisfaction and counts projects completed and under way", () => {
    const card = scorecard([], now, { satisfied: 3, answers: 4 }, [{ status: "completed" }, { status: "active" }, { status: "completed" }]);
    expect(card.satisfactionRate).toBe(0.75);
    expect(card.projectsCompleted).toBe(2);
    expect(card.projectsActive).toBe(1);
  });

  it("median of an even count is the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
