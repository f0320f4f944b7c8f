import { describe, expect, it } from "vitest";
import { workGate } from "../../app/domain/decisions/work-gate";

const now = new Date("2026-12-01T10:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("work on a decided issue waits for the public notice", () => {
  it("may start when the issue has no decision, or only final ones", () => {
    expect(workGate([], now)).toEqual({ open: true });
    expect(workGate([{ status: "final", noticeEndsAt: days(-3), unanswered: 0 }], now)).toEqual({ open: true });
  });

  it("waits while the decision is recorded but not yet published", () => {
    expect(workGate([{ status: "draft", noticeEndsAt: null, unanswered: 0 }], now)).toEqual({
      open: false,
      reason: "unpublished",
      until: null,
    });
  });

  it("waits while residents may still object, and says until when", () => {
    expect(workGate([{ status: "notice", noticeEndsAt: days(2), unanswered: 0 }], now)).toEqual({
      open: false,
      reason: "notice_open",
      until: days(2),
    });
  });

  it("waits for the latest of several notice windows", () => {
    const gate = workGate(
      [
        { status: "notice", noticeEndsAt: days(2), unanswered: 0 },
        { status: "notice", noticeEndsAt: days(5), unanswered: 1 },
        { status: "final", noticeEndsAt: days(-1), unanswered: 0 },
      ],
      now,
    );
    expect(gate).toEqual({ open: false, reason: "notice_open", until: days(5) });
  });

  it("waits after the window while an objection is unanswered", () => {
    expect(workGate([{ status: "notice", noticeEndsAt: days(-1), unanswered: 2 }], now)).toEqual({
      open: false,
      reason: "awaiting_answers",
      until: null,
      unanswered: 2,
    });
  });

  it("may start once the window is over and every objection is answered, even before the sweep marks it final", () => {
    expect(workGate([{ status: "notice", noticeEndsAt: days(-1), unanswered: 0 }], now)).toEqual({ open: true });
    expect(workGate([{ status: "notice", noticeEndsAt: now, unanswered: 0 }], now)).toEqual({ open: true });
  });
});
