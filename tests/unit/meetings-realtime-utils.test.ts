import { describe, expect, it, vi } from "vitest";
import { escapeText, foldLine, meetingCalendar } from "../../app/domain/meetings/ical";
import { parseChinaLocalTime } from "../../app/schemas/meetings";
import { CastBallotSchema, PollDefinitionSchema } from "../../app/schemas/voting";
import { Coalescer, FreshShared } from "../../app/realtime/broadcasts.server";

describe("broadcast coalescing", () => {
  it("runs a job at most once per interval however often it is asked, and once more after the last request", async () => {
    vi.useFakeTimers();
    const coalescer = new Coalescer(100);
    let runs = 0;
    const job = async () => {
      runs++;
    };
    for (let i = 0; i < 500; i++) {
      coalescer.request("tally:p1", job);
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(200);
    // 500 ms of requests → about one run per 100 ms, and never one per request.
    expect(runs).toBeGreaterThanOrEqual(5);
    expect(runs).toBeLessThanOrEqual(7);
    vi.useRealTimers();
  });

  it("keeps polls apart", async () => {
    vi.useFakeTimers();
    const coalescer = new Coalescer(100);
    const seen: string[] = [];
    coalescer.request("a", async () => void seen.push("a"));
    coalescer.request("b", async () => void seen.push("b"));
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.sort()).toEqual(["a", "b"]);
    vi.useRealTimers();
  });
});

describe("fresh shared reads", () => {
  it("never answers a caller with a read that started before it asked, yet shares reads among waiting callers", async () => {
    const fresh = new FreshShared<number>();
    let version = 0;
    let reads = 0;
    const resolvers: (() => void)[] = [];
    const read = () =>
      new Promise<number>((resolve) => {
        reads++;
        const snapshot = version;
        resolvers.push(() => resolve(snapshot));
      });
    const first = fresh.get("m", read);
    version = 1; // a change commits after the first read began
    const second = fresh.get("m", read);
    const third = fresh.get("m", read);
    resolvers.shift()?.();
    expect(await first).toBe(0);
    // The callers who asked during the first read get a read of their own, started once the first settles.
    await vi.waitFor(() => expect(resolvers).toHaveLength(1));
    resolvers.shift()?.();
    expect(await second).toBe(1);
    expect(await third).toBe(1);
    expect(reads).toBe(2);
  });
});

describe("iCal export", () => {
  it("escapes text and folds long Chinese lines without splitting characters", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const folded = foldLine(`SUMMARY:${"议事会".repeat(20)}`);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(`SUMMARY:${"议事会".repeat(20)}`);
  });

  it("writes one event in UTC with a two-hour default length", () => {
    const ics = meetingCalendar(
      {
        uid: "meeting-1@yishi",
        title: "民生圆桌会",
        startsAt: new Date("2026-11-24T19:00:00+08:00"),
        endsAt: null,
        place: "议事厅",
        url: "https://example.org/m/ABC123",
        description: "1. 停车",
      },
      new Date("2026-11-22T00:00:00Z"),
    );
    expect(ics).toContain("DTSTART:20261124T110000Z\r\n");
    expect(ics).toContain("DTEND:20261124T130000Z\r\n");
    expect(ics).toContain("SUMMARY:民生圆桌会\r\n");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  });
});

describe("shared schemas", () => {
  it("read form times as China time", () => {
    expect(parseChinaLocalTime("2026-11-24T19:00")?.toISOString()).toBe("2026-11-24T11:00:00.000Z");
    expect(parseChinaLocalTime("2026-12-01")?.toISOString()).toBe("2026-12-01T15:59:00.000Z");
    expect(parseChinaLocalTime("soon")).toBeNull();
  });

  it("refuse a secret poll that allows changing the vote, and choice polls without two options", () => {
    const base = { meetingId: "m", question: "问题", ballotMode: "secret", passRule: "majority_cast" };
    expect(PollDefinitionSchema.safeParse({ ...base, kind: "yes_no_abstain", allowChange: true }).error?.issues[0]?.message).toBe(
      "meetings:errors.secretCannotChange",
    );
    expect(PollDefinitionSchema.safeParse({ ...base, kind: "single", options: ["甲"] }).error?.issues[0]?.message).toBe(
      "meetings:errors.needTwoOptions",
    );
    expect(
      PollDefinitionSchema.safeParse({ ...base, kind: "multiple", options: ["甲", "乙"], maxChoices: 3 }).error?.issues[0]?.message,
    ).toBe("meetings:errors.maxChoicesTooHigh");
    expect(PollDefinitionSchema.safeParse({ ...base, kind: "multiple", options: ["甲", "乙", "丙"], maxChoices: 2 }).success).toBe(true);
  });

  it("require an idempotency key with every ballot", () => {
    expect(CastBallotSchema.safeParse({ pollId: "p", choices: ["yes"] }).success).toBe(false);
    expect(CastBallotSchema.safeParse({ pollId: "p", choices: ["yes"], idempotencyKey: "0123456789" }).success).toBe(true);
  });
});
