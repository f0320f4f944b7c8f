import { describe, expect, it } from "vitest";
import { addWorkingDays, deadlineAfter, isWorkingDay, timeLeft } from "../../app/domain/service-levels/working-days";
import { chinaDateString } from "../../app/infra/time";

const at = (iso: string) => new Date(iso);

describe("working-day deadlines follow the official calendar", () => {
  it("knows National Day 2026 is off and its make-up Saturday (10 October) is a working day", () => {
    expect(isWorkingDay("2026-10-01")).toBe(false);
    expect(isWorkingDay("2026-10-07")).toBe(false);
    expect(isWorkingDay("2026-10-10")).toBe(true);
    expect(isWorkingDay("2026-10-11")).toBe(false);
  });

  it("a 3-working-day deadline raised on 30 September skips the holiday week and ends on the make-up Saturday", () => {
    const raised = at("2026-09-30T10:00:00+08:00");
    const due = addWorkingDays(raised, 3);
    // 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, 调休): the end of that Saturday, China time.
    expect(chinaDateString(due)).toBe("2026-10-10");
    expect(due.toISOString()).toBe("2026-10-10T15:59:59.999Z");
  });

  it("a local closure staff added pushes the deadline on by a working day", () => {
    const raised = at("2026-09-30T10:00:00+08:00");
    expect(chinaDateString(addWorkingDays(raised, 3, new Set(["2026-10-09"])))).toBe("2026-10-12");
  });

  it("ordinary weekends are skipped, and a level in hours is plain hours, holiday or not", () => {
    expect(chinaDateString(addWorkingDays(at("2026-12-04T16:00:00+08:00"), 1))).toBe("2026-12-07");
    expect(deadlineAfter(at("2026-10-01T09:00:00+08:00"), 24, "hours").toISOString()).toBe(at("2026-10-02T09:00:00+08:00").toISOString());
  });

  it("counts the working days left after today (0 on the day itself), and says when it is late", () => {
    const due = addWorkingDays(at("2026-09-30T10:00:00+08:00"), 3);
    expect(timeLeft(at("2026-10-08T09:00:00+08:00"), due, "working_days")).toEqual({ amount: 2, unit: "working_days", overdue: false });
    expect(timeLeft(at("2026-10-10T09:00:00+08:00"), due, "working_days").amount).toBe(0);
    // During the holiday nothing is used up: still 3 working days left on 5 October.
    expect(timeLeft(at("2026-10-05T09:00:00+08:00"), due, "working_days").amount).toBe(3);
    expect(timeLeft(at("2026-10-12T09:00:00+08:00"), due, "working_days")).toEqual({ amount: -1, unit: "working_days", overdue: true });
    expect(timeLeft(at("2026-10-01T09:00:00+08:00"), at("2026-10-01T14:30:00+08:00"), "hours")).toEqual({
      amount: 5,
      unit: "hours",
      overdue: false,
    });
  });
});
