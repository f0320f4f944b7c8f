import { describe, expect, it } from "vitest";
import { DAY } from "../../app/infra/clock";
import { isDueForFinal, noticeEnd, noticeStateOf, objectionsOpen } from "../../app/domain/decisions/notice";

const start = new Date("2026-11-22T10:00:00+08:00");
const published = { status: "notice", noticeEndsAt: noticeEnd(start, 7), finalAt: null };

describe("public notice window", () => {
  it("is open for exactly the configured days", () => {
    expect(published.noticeEndsAt.getTime() - start.getTime()).toBe(7 * DAY);
    expect(objectionsOpen(published, new Date(start.getTime() + 7 * DAY - 1))).toBe(true);
    expect(objectionsOpen(published, new Date(start.getTime() + 7 * DAY))).toBe(false);
    expect(objectionsOpen({ status: "draft", noticeEndsAt: null }, start)).toBe(false);
  });

  it("becomes final after the window only once every objection is answered", () => {
    const after = new Date(start.getTime() + 8 * DAY);
    expect(isDueForFinal(published, 0, new Date(start.getTime() + DAY))).toBe(false);
    expect(isDueForFinal(published, 1, after)).toBe(false);
    expect(isDueForFinal(published, 0, after)).toBe(true);
    expect(noticeStateOf(published, 2, after)).toEqual({ phase: "awaiting_answers", endedAt: published.noticeEndsAt, unanswered: 2 });
    expect(noticeStateOf(published, 0, start)).toMatchObject({ phase: "open", msLeft: 7 * DAY });
    expect(noticeStateOf({ status: "final", noticeEndsAt: published.noticeEndsAt, finalAt: after }, 0, after)).toEqual({
      phase: "final",
      finalAt: after,
    });
    expect(noticeStateOf({ status: "draft", noticeEndsAt: null, finalAt: null }, 0, after)).toEqual({ phase: "unpublished" });
  });
});
