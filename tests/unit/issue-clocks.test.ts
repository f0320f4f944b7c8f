import { describe, expect, it } from "vitest";
import {
  acknowledgeDueAfterEscalation,
  firstActionDueAfterTriage,
  issueClock,
  isLevelOverdue,
  lateSteps,
} from "../../app/domain/service-levels/levels";
import type { ClockFacts } from "../../app/domain/service-levels/levels";
import { issueFlags } from "../../app/domain/issues/deadlines";
import { chinaDateString } from "../../app/infra/time";

const at = (iso: string) => new Date(iso);
const recorded = { levelUnit: "working_days", levelAcknowledge: 2, levelFirstAction: 3 };

function facts(overrides: Partial<ClockFacts>): ClockFacts {
  return {
    status: "accepted",
    levelUnit: "working_days",
    triageDueAt: at("2026-09-29T15:59:59.999Z"),
    triagedAt: at("2026-09-29T02:00:00Z"),
    resolutionDueAt: at("2026-10-30T15:59:59.999Z"),
    ...overrides,
  };
}

describe("acknowledgement and first-action clocks come from the levels recorded on the issue", () => {
  it("an escalation on 30 September gives the department 2 working days: 8 and 9 October, across National Day", () => {
    const due = acknowledgeDueAfterEscalation(recorded, at("2026-09-30T10:00:00+08:00"), new Set());
    expect(due && chinaDateString(due)).toBe("2026-10-09");
  });

  it("work accepted on 30 September must start within 3 working days: the make-up Saturday 10 October", () => {
    const due = firstActionDueAfterTriage(recorded, "accept", at("2026-09-30T10:00:00+08:00"), new Set());
    expect(due && chinaDateString(due)).toBe("2026-10-10");
  });

  it("a rejected or merged issue starts no first-action clock, nor does one raised before levels existed", () => {
    expect(firstActionDueAfterTriage(recorded, "reject", at("2026-09-30T10:00:00+08:00"), new Set())).toBeNull();
    expect(firstActionDueAfterTriage(recorded, "merge", at("2026-09-30T10:00:00+08:00"), new Set())).toBeNull();
    expect(
      firstActionDueAfterTriage({ levelUnit: null, levelFirstAction: null }, "accept", at("2026-09-30T10:00:00+08:00"), new Set()),
    ).toBeNull();
    expect(acknowledgeDueAfterEscalation({ levelUnit: null, levelAcknowledge: null }, at("2026-09-30T10:00:00Z"), new Set())).toBeNull();
  });

  it("an escalated issue shows the department's time to report for duty, then the next step once it has", () => {
    const escalated = facts({
      status: "escalated",
      acknowledgeDueAt: at("2026-10-09T15:59:59.999Z"),
      acknowledgedAt: null,
      firstActionDueAt: at("2026-10-10T15:59:59.999Z"),
    });
    const clock = issueClock(escalated, at("2026-10-08T09:00:00+08:00"));
    expect(clock).toMatchObject({ step: "acknowledge", amount: 1, unit: "working_days", overdue: false });
    const acknowledged = { ...escalated, acknowledgedAt: at("2026-10-08T03:00:00Z") };
    expect(issueClock(acknowledged, at("2026-10-08T09:00:00+08:00"))).toMatchObject({ step: "firstAction", amount: 2 });
    const started = { ...acknowledged, firstActionAt: at("2026-10-09T03:00:00Z") };
    expect(issueClock(started, at("2026-10-09T12:00:00+08:00"))).toMatchObject({ step: "resolution" });
  });

  it("a late acknowledgement or first action is overdue and raises the red flag; settling the issue stops every clock", () => {
    const late = facts({ status: "escalated", acknowledgeDueAt: at("2026-10-09T15:59:59.999Z"), acknowledgedAt: null });
    const now = at("2026-10-12T09:00:00+08:00");
    expect(lateSteps(late, now)).toEqual(["acknowledge"]);
    // Two working days late: the make-up Saturday 10 October and Monday 12 October.
    expect(issueClock(late, now)).toMatchObject({ step: "acknowledge", overdue: true, amount: -2 });
    expect(issueFlags({ ...late, escalationDueAt: at("2026-10-20T15:59:59.999Z"), acknowledgedAt: null, actionItems: [] }, now)).toContain(
      "overdue",
    );
    const noWork = facts({ firstActionDueAt: at("2026-10-10T15:59:59.999Z"), firstActionAt: null });
    expect(isLevelOverdue(noWork, now)).toBe(true);
    expect(isLevelOverdue({ ...noWork, firstActionAt: at("2026-10-10T01:00:00Z") }, now)).toBe(false);
    expect(isLevelOverdue({ ...noWork, status: "resolved" }, now)).toBe(false);
    expect(issueClock({ ...late, status: "closed" }, now)).toBeNull();
  });
});
