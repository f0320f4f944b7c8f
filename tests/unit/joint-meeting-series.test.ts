import { describe, expect, it } from "vitest";
import { chinaDateTimeString } from "../../app/infra/time";
import type { SeriesRule } from "../../app/domain/joint-meetings/recurrence";
import { dayInMonth, occurrencesAfter, occurrencesToCreate } from "../../app/domain/joint-meetings/recurrence";
import { attendanceOf, votesHeldBy } from "../../app/domain/meetings/attendance";

const quarterlyFirstThursday: SeriesRule = {
  frequency: "quarterly",
  monthInPeriod: 1,
  dayRule: "nth_weekday",
  ordinal: 1,
  weekday: 4,
  time: "14:30",
};
const china = (dates: Date[]) => dates.map(chinaDateTimeString);

describe("joint-meeting series (三定: fixed time, place and theme)", () => {
  it("meets on the first Thursday of each quarter at 14:30 China time", () => {
    const dates = occurrencesAfter(quarterlyFirstThursday, new Date("2026-12-07T00:00:00Z"), 4);
    expect(china(dates)).toEqual(["2027-01-07 14:30", "2027-04-01 14:30", "2027-07-01 14:30", "2027-10-07 14:30"]);
    // 14:30 in Shanghai is 06:30 UTC, whatever zone the server is in.
    expect(dates[0]!.toISOString()).toBe("2027-01-07T06:30:00.000Z");
  });

  it("skips this quarter's meeting once it has passed, counting time in China not UTC", () => {
    // 2027-01-07 14:30 China = 06:30 UTC: at 06:29 UTC it is still ahead, at 06:30 it is not.
    expect(china(occurrencesAfter(quarterlyFirstThursday, new Date("2027-01-07T06:29:00Z"), 1))).toEqual(["2027-01-07 14:30"]);
    expect(china(occurrencesAfter(quarterlyFirstThursday, new Date("2027-01-07T06:30:00Z"), 1))).toEqual(["2027-04-01 14:30"]);
  });

  it("reads the calendar month in China: 31 Dec 17:00 UTC is already January in Shanghai", () => {
    const monthlyFirstMonday: SeriesRule = {
      frequency: "monthly",
      monthInPeriod: 1,
      dayRule: "nth_weekday",
      ordinal: 1,
      weekday: 1,
      time: "09:00",
    };
    // 2027-01-01 01:00 China; the first Monday of January 2027 is the 4th.
    expect(china(occurrencesAfter(monthlyFirstMonday, new Date("2026-12-31T17:00:00Z"), 2))).toEqual([
      "2027-01-04 09:00",
      "2027-02-01 09:00",
    ]);
  });

  it("falls back to the last day of short months, leap years included", () => {
    const rule: SeriesRule = { frequency: "monthly", monthInPeriod: 1, dayRule: "day_of_month", dayOfMonth: 31, time: "09:00" };
    expect(china(occurrencesAfter(rule, new Date("2027-12-31T12:00:00Z"), 5))).toEqual([
      "2028-01-31 09:00",
      "2028-02-29 09:00",
      "2028-03-31 09:00",
      "2028-04-30 09:00",
      "2028-05-31 09:00",
    ]);
    expect(dayInMonth(rule, 2027, 2)).toBe(28);
  });

  it("finds the last Friday of a month and the second month of a quarter", () => {
    const rule: SeriesRule = { frequency: "quarterly", monthInPeriod: 2, dayRule: "nth_weekday", ordinal: -1, weekday: 5, time: "15:00" };
    expect(china(occurrencesAfter(rule, new Date("2027-01-01T00:00:00Z"), 4))).toEqual([
      "2027-02-26 15:00",
      "2027-05-28 15:00",
      "2027-08-27 15:00",
      "2027-11-26 15:00",
    ]);
  });

  it("keeps the chosen number scheduled ahead without creating any twice", () => {
    const now = new Date("2026-12-07T00:00:00Z");
    expect(china(occurrencesToCreate(quarterlyFirstThursday, now, null, 0, 2))).toEqual(["2027-01-07 14:30", "2027-04-01 14:30"]);
    const latest = new Date("2027-04-01T06:30:00Z");
    expect(occurrencesToCreate(quarterlyFirstThursday, now, latest, 2, 2)).toEqual([]);
    // After January's meeting took place, one more is added after April's.
    const later = new Date("2027-01-08T00:00:00Z");
    expect(china(occurrencesToCreate(quarterlyFirstThursday, later, latest, 1, 2))).toEqual(["2027-07-01 14:30"]);
  });
});

describe("a unit's one vote at a joint meeting", () => {
  const delegate = { id: "d", canVote: true, checkedIn: false, proxyForId: null };
  const substitute = { id: "s", canVote: false, checkedIn: true, proxyForId: null, substituteForId: "d" };
  const other = { id: "o", canVote: true, checkedIn: true, proxyForId: null };

  it("counts a unit present once, whether its delegate, its substitute or both came", () => {
    expect(attendanceOf([delegate, substitute, other], "more_than_half").present).toBe(2);
    expect(attendanceOf([{ ...delegate, checkedIn: true }, substitute, other], "more_than_half").present).toBe(2);
    expect(attendanceOf([delegate, { ...substitute, checkedIn: false }, other], "more_than_half").present).toBe(1);
    expect(attendanceOf([delegate, substitute, other], "more_than_half").eligible).toBe(2);
  });

  it("gives the substitute the unit's vote (held in the delegate's name) and never one of their own", () => {
    const roll = [delegate, substitute, other];
    expect(votesHeldBy(substitute, roll)).toEqual(["d"]);
    expect(votesHeldBy({ ...substitute, checkedIn: false }, roll)).toEqual([]);
    expect(votesHeldBy({ ...delegate, checkedIn: true }, roll)).toEqual(["d"]);
  });
});
