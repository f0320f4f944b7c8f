import { describe, expect, it } from "vitest";
import { DAY } from "../../app/infra/clock";
import {
  DUTY_MOVES,
  MAX_DUTY_MINUTES,
  canMoveDuty,
  chinaYearOf,
  chinaYearRange,
  dutyMinutes,
  dutyYear,
  hoursOf,
  isSignInOpen,
  totalMinutes,
} from "../../app/domain/volunteering/rules";
import { WISH_MOVES, buildingOnly, canMoveWish, isUnclaimedTooLong, mayConfirmWish, revealsFullName } from "../../app/domain/wishes/rules";

const beijing = (wall: string) => new Date(`${wall}+08:00`);

describe("a duty moves from claimed to confirmed hours, and nothing skips a step", () => {
  it("is signed in, signed out, then confirmed by the office", () => {
    expect(canMoveDuty("claimed", "sign_in")).toBe(true);
    expect(canMoveDuty("signed_in", "sign_out")).toBe(true);
    expect(canMoveDuty("signed_out", "confirm")).toBe(true);
  });

  it("cannot be signed in twice, confirmed before signing out, or withdrawn once started", () => {
    expect(canMoveDuty("signed_in", "sign_in")).toBe(false);
    expect(canMoveDuty("claimed", "confirm")).toBe(false);
    expect(canMoveDuty("signed_in", "confirm")).toBe(false);
    expect(canMoveDuty("signed_in", "withdraw")).toBe(false);
    expect(canMoveDuty("confirmed", "reject")).toBe(false);
  });

  it("may be signed in by the volunteer from an hour before the start until the end", () => {
    const post = { startsAt: beijing("2026-11-20T08:00:00"), endsAt: beijing("2026-11-20T10:00:00") };
    expect(isSignInOpen(post, beijing("2026-11-20T06:59:00"))).toBe(false);
    expect(isSignInOpen(post, beijing("2026-11-20T07:00:00"))).toBe(true);
    expect(isSignInOpen(post, beijing("2026-11-20T10:00:00"))).toBe(true);
    expect(isSignInOpen(post, beijing("2026-11-20T10:01:00"))).toBe(false);
  });

  it("ends in confirmed, rejected or withdrawn, from which nothing moves", () => {
    for (const end of ["confirmed", "rejected", "withdrawn"]) {
      for (const move of Object.keys(DUTY_MOVES) as (keyof typeof DUTY_MOVES)[])
        expect(canMoveDuty(end, move), `${end} ${move}`).toBe(false);
    }
  });
});

describe("a wish goes from review to the wall to a confirmed thank-you", () => {
  it("follows submitted → open → claimed → fulfilled → confirmed", () => {
    expect(canMoveWish("submitted", "approve")).toBe(true);
    expect(canMoveWish("open", "claim")).toBe(true);
    expect(canMoveWish("claimed", "fulfil")).toBe(true);
    expect(canMoveWish("fulfilled", "confirm")).toBe(true);
  });

  it("cannot be claimed before approval, claimed twice, fulfilled unclaimed, or confirmed before it is fulfilled", () => {
    expect(canMoveWish("submitted", "claim")).toBe(false);
    expect(canMoveWish("claimed", "claim")).toBe(false);
    expect(canMoveWish("open", "fulfil")).toBe(false);
    expect(canMoveWish("claimed", "confirm")).toBe(false);
  });

  it("a claimer may give it back to the wall before fulfilling it, not after", () => {
    expect(WISH_MOVES.release.to).toBe("open");
    expect(canMoveWish("claimed", "release")).toBe(true);
    expect(canMoveWish("fulfilled", "release")).toBe(false);
  });

  it("a declined or confirmed wish moves no further", () => {
    for (const end of ["declined", "confirmed"]) {
      for (const move of Object.keys(WISH_MOVES) as (keyof typeof WISH_MOVES)[]) expect(canMoveWish(end, move)).toBe(false);
    }
  });
});

describe("who confirms a wish", () => {
  it("the resident who has an account, and whoever posted it for them", () => {
    expect(mayConfirmWish("resident", { wisherId: "resident", postedById: "resident" })).toBe(true);
    expect(mayConfirmWish("grid", { wisherId: null, postedById: "grid" })).toBe(true);
    expect(mayConfirmWish("resident", { wisherId: "resident", postedById: "grid" })).toBe(true);
    expect(mayConfirmWish("volunteer", { wisherId: "resident", postedById: "grid" })).toBe(false);
  });
});

describe("the wall never shows who the resident is", () => {
  it("refuses a full name as the name on the wall, allows how neighbours call her", () => {
    expect(revealsFullName("张秀英", "张秀英")).toBe(true);
    expect(revealsFullName("张秀英阿姨", "张秀英")).toBe(true);
    expect(revealsFullName("张阿姨", "张秀英")).toBe(false);
    expect(revealsFullName("Ms Zhang", "Zhang Xiuying")).toBe(false);
  });

  it("keeps only the building number, refusing entrances and doors", () => {
    expect(buildingOnly("3")).toBe("3");
    expect(buildingOnly("3幢")).toBe("3");
    expect(buildingOnly(" 12 号楼 ")).toBe("12");
    expect(buildingOnly("3幢2单元301")).toBeNull();
    expect(buildingOnly("301室")).toBeNull();
  });

  it("flags an open wish nobody claimed for seven days since it went on the wall", () => {
    const approved = beijing("2026-11-01T10:00:00");
    expect(isUnclaimedTooLong({ status: "open", reviewedAt: approved }, new Date(approved.getTime() + 6 * DAY))).toBe(false);
    expect(isUnclaimedTooLong({ status: "open", reviewedAt: approved }, new Date(approved.getTime() + 7 * DAY))).toBe(true);
    expect(isUnclaimedTooLong({ status: "claimed", reviewedAt: approved }, new Date(approved.getTime() + 30 * DAY))).toBe(false);
  });
});

describe("service hours", () => {
  it("count whole quarter hours from sign-in to sign-out", () => {
    expect(dutyMinutes(beijing("2026-11-20T08:00:00"), beijing("2026-11-20T10:14:00"))).toBe(120);
    expect(dutyMinutes(beijing("2026-11-20T08:00:00"), beijing("2026-11-20T10:15:00"))).toBe(135);
    expect(dutyMinutes(beijing("2026-11-20T08:00:00"), beijing("2026-11-20T07:00:00"))).toBe(0);
  });

  it("never count a forgotten sign-out as more than a long day", () => {
    expect(dutyMinutes(beijing("2026-11-20T08:00:00"), beijing("2026-11-22T08:00:00"))).toBe(MAX_DUTY_MINUTES);
  });

  it("add up per person, per unit of those who came for one, and per post", () => {
    const totals = totalMinutes([
      { userId: "a", unitId: "hospital", postId: "sorting", minutes: 120 },
      { userId: "b", unitId: "property", postId: "sorting", minutes: 150 },
      { userId: "a", unitId: "hospital", postId: "patrol", minutes: 90 },
      { userId: "c", unitId: null, postId: "patrol", minutes: 60 },
      { userId: "c", unitId: null, postId: "patrol", minutes: 0 },
    ]);
    expect(totals.total).toBe(420);
    expect(Object.fromEntries(totals.byPerson)).toEqual({ a: 210, b: 150, c: 60 });
    expect(Object.fromEntries(totals.byUnit)).toEqual({ hospital: 210, property: 150 });
    expect(Object.fromEntries(totals.byPost)).toEqual({ sorting: 270, patrol: 150 });
    expect(hoursOf(210)).toBe(3.5);
    expect(hoursOf(135)).toBe(2.3);
  });
});

describe("a certificate year is the calendar year in China", () => {
  it("starts at midnight on 1 January in Beijing, which is 16:00 UTC the day before", () => {
    const { from, to } = chinaYearRange(2026);
    expect(from.toISOString()).toBe("2025-12-31T16:00:00.000Z");
    expect(to.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("counts a duty at 00:30 on New Year's Day in Beijing for the new year, though UTC is still in the old one", () => {
    const newYearsNight = beijing("2027-01-01T00:30:00");
    expect(newYearsNight.getUTCFullYear()).toBe(2026);
    expect(chinaYearOf(newYearsNight)).toBe(2027);
    expect(dutyYear({ signedInAt: newYearsNight, createdAt: beijing("2026-12-20T09:00:00") })).toBe(2027);
  });

  it("counts a duty served on New Year's Eve for the old year, even if staff confirm it in January", () => {
    const eve = beijing("2026-12-31T23:30:00");
    expect(dutyYear({ signedInAt: eve, createdAt: eve })).toBe(2026);
    const { from, to } = chinaYearRange(2026);
    expect(eve >= from && eve < to).toBe(true);
  });
});
