import { describe, expect, it } from "vitest";
import { dueDayOf } from "../../app/domain/issues/deadlines";
import { planSweep } from "../../app/domain/issues/sweep-plan";
import { buildTimeline, referencedIds } from "../../app/domain/issues/timeline";
import { communitySlugInPath, navigationFor } from "../../app/web/navigation";
import { endOfChinaDay } from "../../app/infra/time";

describe("deadline reminders follow the calendar in China", () => {
  const item = (dueAt: Date) => ({ id: "item", issueId: "issue", unitId: "unit", status: "claimed", dueAt });

  it("an item due tonight is 'due today', never 'due tomorrow'", () => {
    const dueAt = endOfChinaDay("2026-12-07");
    const morning = new Date("2026-12-07T08:00:00+08:00");
    expect(dueDayOf(dueAt, morning)).toBe("today");
    const [reminder] = planSweep({ awaitingAcceptance: [], escalations: [], actionItems: [item(dueAt)] }, morning).reminders;
    expect(reminder.kind).toBe("deadline_today");
    expect(reminder.dedupeKey).toBe("deadline_today:action_item:item");
  });

  it("'due tomorrow' is sent the day before, even early in the morning when the deadline is 40 hours away", () => {
    const dueAt = endOfChinaDay("2026-12-08");
    const earlyMorning = new Date("2026-12-07T07:00:00+08:00");
    expect(dueDayOf(dueAt, earlyMorning)).toBe("tomorrow");
    expect(planSweep({ awaitingAcceptance: [], escalations: [], actionItems: [item(dueAt)] }, earlyMorning).reminders[0].kind).toBe(
      "deadline_tomorrow",
    );
    expect(dueDayOf(endOfChinaDay("2026-12-09"), earlyMorning)).toBeNull();
  });

  it("shortly after midnight China time (still the previous day in UTC) today's deadline is 'today'", () => {
    const justAfterMidnight = new Date("2026-12-07T00:10:00+08:00");
    expect(dueDayOf(endOfChinaDay("2026-12-07"), justAfterMidnight)).toBe("today");
    expect(dueDayOf(endOfChinaDay("2026-12-06"), justAfterMidnight)).toBeNull();
  });
});

describe("an issue's timeline links a council decision", () => {
  const decide = {
    id: "e1",
    type: "decide",
    actorId: null,
    fromStatus: "on_agenda",
    toStatus: "decided",
    note: "同意加装电梯",
    data: JSON.stringify({ decisionId: "d1", meetingId: "m1", pollId: "p1" }),
    isPublic: true,
    createdAt: new Date("2026-12-01T10:00:00+08:00"),
  };

  it("stores ids only, and links the public decision, its meeting, the published minutes and the vote", () => {
    expect(referencedIds([decide])).toMatchObject({ decisionIds: ["d1"], meetingIds: ["m1"], pollIds: ["p1"] });
    const [entry] = buildTimeline(
      [decide],
      {},
      {},
      {},
      {
        communitySlug: "smc",
        decisions: { d1: { public: true } },
        meetings: { m1: { title: "十二月议事会", minutesPublished: true } },
        polls: { p1: { counts: [{ label: "同意", total: 9 }], passed: true } },
      },
    );
    expect(entry.note).toBe("同意加装电梯");
    expect(entry.links).toEqual({
      decision: "/c/smc/decisions/d1",
      meeting: { href: "/c/smc/meetings/m1", title: "十二月议事会" },
      minutes: "/c/smc/meetings/m1/minutes",
      vote: { counts: [{ label: "同意", total: 9 }], passed: true },
    });
  });

  it("does not link a decision still in draft, nor minutes not yet published", () => {
    const [entry] = buildTimeline(
      [decide],
      {},
      {},
      {},
      {
        communitySlug: "smc",
        decisions: { d1: { public: false } },
        meetings: { m1: { title: "十二月议事会", minutesPublished: false } },
        polls: {},
      },
    );
    expect(entry.links).toEqual({ meeting: { href: "/c/smc/meetings/m1", title: "十二月议事会" } });
  });

  it("shows the mean rating when residents' ratings resolved the issue", () => {
    const [entry] = buildTimeline(
      [{ ...decide, type: "confirm_fixed", data: JSON.stringify({ average: 4.5, ratings: 2 }), note: null }],
      {},
      {},
      {},
    );
    expect(entry.values).toMatchObject({ average: 4.5, ratings: 2 });
  });
});

describe("the header highlights one section", () => {
  it("the community link is active only on the community's own page, not on its issue pages", () => {
    const links = navigationFor(null, { id: "c", slug: "smc", streetId: "s" });
    expect(links.find((l) => l.label === "nav.community")).toMatchObject({ to: "/c/smc", end: true });
    expect(links.find((l) => l.label === "nav.issues")?.end).toBeUndefined();
    expect(communitySlugInPath("/c/smc/issues/3")).toBe("smc");
  });
});
