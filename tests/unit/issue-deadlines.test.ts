import { describe, expect, it } from "vitest";
import { DAY, FakeClock, HOUR } from "../../app/infra/clock";
import {
  isActionItemOverdue,
  isAwaitingAcknowledgement,
  isDueWithinADay,
  isEscalationOverdue,
  issueFlags,
} from "../../app/domain/issues/deadlines";
import { chinaDateString, endOfChinaDay } from "../../app/infra/time";
import { planSweep } from "../../app/domain/issues/sweep-plan";

const start = new Date("2026-11-22T09:00:00+08:00");

describe("overdue", () => {
  it("an escalation is overdue once its deadline passes without the department reporting for duty", () => {
    const clock = new FakeClock(start);
    const issue = { status: "escalated", escalationDueAt: new Date(start.getTime() + 2 * DAY), acknowledgedAt: null };
    expect(isAwaitingAcknowledgement(issue)).toBe(true);
    expect(isEscalationOverdue(issue, clock.now())).toBe(false);
    clock.advance(2 * DAY);
    expect(isEscalationOverdue(issue, clock.now())).toBe(false);
    clock.advance(1);
    expect(isEscalationOverdue(issue, clock.now())).toBe(true);
    expect(isEscalationOverdue({ ...issue, acknowledgedAt: start }, clock.now())).toBe(false);
    expect(isEscalationOverdue({ ...issue, status: "in_progress" }, clock.now())).toBe(false);
  });

  it("an action item is overdue after its due time unless it is done", () => {
    const dueAt = new Date(start.getTime() + DAY);
    expect(isActionItemOverdue({ status: "open", dueAt }, start)).toBe(false);
    expect(isActionItemOverdue({ status: "claimed", dueAt }, new Date(dueAt.getTime() + 1))).toBe(true);
    expect(isActionItemOverdue({ status: "done", dueAt }, new Date(dueAt.getTime() + DAY))).toBe(false);
  });

  it("flags an issue red for a late item or escalation, and for a department yet to report", () => {
    const late = { status: "open", dueAt: new Date(start.getTime() - HOUR) };
    const onTime = { status: "open", dueAt: new Date(start.getTime() + DAY) };
    const base = { status: "in_progress", escalationDueAt: null, acknowledgedAt: null };
    expect(issueFlags({ ...base, actionItems: [onTime] }, start)).toEqual([]);
    expect(issueFlags({ ...base, actionItems: [onTime, late] }, start)).toEqual(["overdue"]);
    const escalated = { status: "escalated", escalationDueAt: new Date(start.getTime() - HOUR), acknowledgedAt: null, actionItems: [] };
    expect(issueFlags(escalated, start)).toEqual(["overdue", "awaiting_acknowledgement"]);
    expect(issueFlags({ ...escalated, escalationDueAt: new Date(start.getTime() + DAY) }, start)).toEqual(["awaiting_acknowledgement"]);
  });

  it("'due tomorrow' means within the next 24 hours and not yet late", () => {
    expect(isDueWithinADay(new Date(start.getTime() + 23 * HOUR), start)).toBe(true);
    expect(isDueWithinADay(new Date(start.getTime() + DAY + 1), start)).toBe(false);
    expect(isDueWithinADay(new Date(start.getTime() - 1), start)).toBe(false);
  });

  it("a date picked in a form means the end of that day in China Standard Time", () => {
    expect(endOfChinaDay("2026-12-01").toISOString()).toBe("2026-12-01T15:59:59.999Z");
    expect(chinaDateString(new Date("2026-11-30T16:30:00Z"))).toBe("2026-12-01");
  });
});

describe("reminder sweep with a fake clock", () => {
  it("reminds the day before, then once when late, with keys that make repeats harmless", () => {
    const clock = new FakeClock(start);
    const snapshot = {
      awaitingAcceptance: [],
      escalations: [
        {
          id: "issue-1",
          status: "escalated",
          escalatedToId: "dept",
          escalationDueAt: new Date(start.getTime() + 3 * DAY),
          acknowledgedAt: null,
        },
      ],
      actionItems: [{ id: "item-1", issueId: "issue-2", unitId: "unit", status: "claimed", dueAt: new Date(start.getTime() + 2 * DAY) }],
    };
    expect(planSweep(snapshot, clock.now()).reminders).toEqual([]);

    clock.advance(DAY + HOUR);
    const dayBefore = planSweep(snapshot, clock.now()).reminders;
    expect(dayBefore.map((r) => [r.kind, r.subject, r.unitId])).toEqual([["deadline_tomorrow", "action_item", "unit"]]);

    clock.advance(DAY);
    const later = planSweep(snapshot, clock.now()).reminders;
    expect(later.map((r) => [r.kind, r.subject])).toEqual([
      ["deadline_tomorrow", "escalation"],
      ["overdue", "action_item"],
    ]);
    // The same moment twice gives the same keys: the notification table's unique index drops the repeat.
    expect(planSweep(snapshot, clock.now()).reminders.map((r) => r.dedupeKey)).toEqual(later.map((r) => r.dedupeKey));

    clock.advance(DAY);
    expect(planSweep(snapshot, clock.now()).reminders.map((r) => [r.kind, r.subject])).toEqual([
      ["overdue", "escalation"],
      ["overdue", "action_item"],
    ]);
  });

  it("stops reminding once the department reports for duty or the item is done", () => {
    const late = new Date(start.getTime() - HOUR);
    const plan = planSweep(
      {
        awaitingAcceptance: [],
        escalations: [{ id: "i", status: "escalated", escalatedToId: "dept", escalationDueAt: late, acknowledgedAt: late }],
        actionItems: [{ id: "a", issueId: "i", unitId: "u", status: "done", dueAt: late }],
      },
      start,
    );
    expect(plan.reminders).toEqual([]);
  });
});
