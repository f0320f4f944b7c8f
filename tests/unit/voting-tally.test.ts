import { describe, expect, it } from "vitest";
import { attendanceOf, votesHeldBy, type RollEntry } from "../../app/domain/meetings/attendance";
import { PollResultSchema } from "../../app/domain/voting/result";
import type { PollDefinition, ResultInput } from "../../app/domain/voting/tally";
import {
  checkChoices,
  checkHandCount,
  computeResult,
  optionReachesThreshold,
  passThreshold,
  quorumRequired,
} from "../../app/domain/voting/tally";

const yesNo: PollDefinition = { kind: "yes_no_abstain", maxChoices: 1, passRule: "majority_cast", abstentionsCount: false, options: [] };
const pick = (kind: "single" | "multiple", maxChoices = 1): PollDefinition => ({
  kind,
  maxChoices,
  passRule: "majority_cast",
  abstentionsCount: true,
  options: [
    { key: "a", label: "方案A" },
    { key: "b", label: "方案B" },
    { key: "c", label: "方案C" },
  ],
});

function result(def: PollDefinition, electronic: Record<string, number>, extra: Partial<ResultInput> = {}) {
  const ballots = Object.values(electronic).reduce((s, n) => s + n, 0);
  return computeResult({
    poll: { ...def, id: "p1", question: "是否同意？", ballotMode: "named" },
    electronic,
    ballotsElectronic: def.kind === "multiple" ? (extra.ballotsElectronic ?? ballots) : ballots,
    proxyBallots: 0,
    handCounts: [],
    attendance: { eligible: 20, present: 15 },
    quorumRule: "more_than_half",
    closedAt: new Date("2026-11-22T10:00:00Z"),
    ...extra,
  });
}

describe("a ballot's choices", () => {
  it("accepts exactly one of yes / no / abstain", () => {
    expect(checkChoices(yesNo, ["yes"])).toEqual({ ok: true, choices: ["yes"] });
    expect(checkChoices(yesNo, ["yes", "no"])).toMatchObject({ ok: false, reason: "meetings:errors.tooManyChoices" });
    expect(checkChoices(yesNo, [])).toMatchObject({ ok: false, reason: "meetings:errors.noChoice" });
    expect(checkChoices(yesNo, ["maybe"])).toMatchObject({ ok: false, reason: "meetings:errors.unknownChoice" });
  });

  it("refuses a multiple-choice ballot over the limit and accepts up to it", () => {
    const def = pick("multiple", 2);
    expect(checkChoices(def, ["a", "c"])).toEqual({ ok: true, choices: ["a", "c"] });
    expect(checkChoices(def, ["c", "a"])).toEqual({ ok: true, choices: ["a", "c"] });
    expect(checkChoices(def, ["a", "b", "c"])).toEqual({ ok: false, reason: "meetings:errors.tooManyChoices", values: { max: 2 } });
    expect(checkChoices(def, ["a", "a"])).toMatchObject({ ok: false, reason: "meetings:errors.duplicateChoice" });
  });

  it("allows one option on a single-choice poll", () => {
    expect(checkChoices(pick("single"), ["b"]).ok).toBe(true);
    expect(checkChoices(pick("single"), ["a", "b"]).ok).toBe(false);
  });
});

describe("quorum", () => {
  it("needs more than half, or two-thirds, of the members with a vote", () => {
    expect(quorumRequired(20, "more_than_half")).toBe(11);
    expect(quorumRequired(21, "more_than_half")).toBe(11);
    expect(quorumRequired(9, "two_thirds")).toBe(6);
    expect(quorumRequired(10, "two_thirds")).toBe(7);
    expect(quorumRequired(10, "none")).toBe(0);
  });

  it("is lost when members leave before the close: the motion then fails even with a clear majority", () => {
    const r = result(yesNo, { yes: 9, no: 1 }, { attendance: { eligible: 20, present: 10 } });
    expect(r.quorumMet).toBe(false);
    expect(r.quorumRequired).toBe(11);
    expect(r.passed).toBe(false);
    const withQuorum = result(yesNo, { yes: 9, no: 1 }, { attendance: { eligible: 20, present: 11 } });
    expect(withQuorum.passed).toBe(true);
  });
});

describe("majority of votes cast", () => {
  it("fails on a tie", () => {
    expect(result(yesNo, { yes: 5, no: 5 }).passed).toBe(false);
    expect(result(yesNo, { yes: 6, no: 5 }).passed).toBe(true);
  });

  it("leaves abstentions out when they do not count", () => {
    const r = result(yesNo, { yes: 6, no: 5, abstain: 4 });
    expect(r.thresholdBase).toBe(11);
    expect(r.threshold).toBe(6);
    expect(r.passed).toBe(true);
    expect(r.abstentionsCount).toBe(false);
  });

  it("counts abstentions against when they count", () => {
    const r = result({ ...yesNo, abstentionsCount: true }, { yes: 6, no: 5, abstain: 4 });
    expect(r.thresholdBase).toBe(15);
    expect(r.threshold).toBe(8);
    expect(r.passed).toBe(false);
  });

  it("does not pass when nobody voted", () => {
    expect(result(yesNo, {}).passed).toBe(false);
  });
});

describe("members present", () => {
  it("more than half of those present: abstentions and silence count against", () => {
    const def = { ...yesNo, passRule: "half_present" as const };
    const present = { eligible: 20, present: 14 };
    expect(result(def, { yes: 7, no: 1 }, { attendance: present }).passed).toBe(false);
    expect(result(def, { yes: 8, no: 1 }, { attendance: present }).passed).toBe(true);
    expect(result(def, { yes: 8 }, { attendance: present }).abstentionsCount).toBe(true);
  });

  it("two-thirds of those present, at the boundaries", () => {
    expect(passThreshold("two_thirds_present", { cast: 0, abstentions: 0, present: 9, abstentionsCount: true })).toEqual({
      threshold: 6,
      base: 9,
    });
    expect(passThreshold("two_thirds_present", { cast: 0, abstentions: 0, present: 10, abstentionsCount: true })).toEqual({
      threshold: 7,
      base: 10,
    });
    expect(passThreshold("two_thirds_present", { cast: 0, abstentions: 0, present: 12, abstentionsCount: true })).toEqual({
      threshold: 8,
      base: 12,
    });
    const def = { ...yesNo, passRule: "two_thirds_present" as const };
    expect(result(def, { yes: 6, no: 3 }, { attendance: { eligible: 12, present: 9 } }).passed).toBe(true);
    expect(result(def, { yes: 5, no: 4 }, { attendance: { eligible: 12, present: 9 } }).passed).toBe(false);
    expect(result(def, { yes: 6, no: 4 }, { attendance: { eligible: 12, present: 10 } }).passed).toBe(false);
    expect(result(def, { yes: 7, no: 3 }, { attendance: { eligible: 12, present: 10 } }).passed).toBe(true);
  });
});

describe("hand counts and paper ballots", () => {
  it("are merged into the same result and kept apart as manual", () => {
    const r = result(yesNo, { yes: 4, no: 3 }, { handCounts: [{ counts: { yes: 3, no: 1 }, voters: 4 }] });
    const yes = r.options.find((o) => o.key === "yes");
    expect(yes).toMatchObject({ electronic: 4, manual: 3, total: 7 });
    expect(r.ballotsElectronic).toBe(7);
    expect(r.ballotsManual).toBe(4);
    expect(r.thresholdBase).toBe(11);
    expect(r.passed).toBe(true);
  });

  it("must add up: one answer per hand on a one-answer poll", () => {
    expect(checkHandCount(yesNo, { counts: { yes: 3, no: 1 }, voters: 4 }).ok).toBe(true);
    expect(checkHandCount(yesNo, { counts: { yes: 3, no: 2 }, voters: 4 })).toMatchObject({
      ok: false,
      reason: "meetings:errors.handCountMismatch",
    });
    expect(checkHandCount(yesNo, { counts: { yes: -1, no: 5 }, voters: 4 })).toMatchObject({
      ok: false,
      reason: "meetings:errors.handCountNegative",
    });
    expect(checkHandCount(yesNo, { counts: { maybe: 4 }, voters: 4 })).toMatchObject({
      ok: false,
      reason: "meetings:errors.unknownChoice",
    });
    expect(checkHandCount(pick("multiple", 2), { counts: { a: 4, b: 4, c: 1 }, voters: 4 })).toMatchObject({
      ok: false,
      reason: "meetings:errors.tooManyChoices",
    });
    expect(checkHandCount(pick("multiple", 2), { counts: { a: 4, b: 4 }, voters: 4 }).ok).toBe(true);
  });
});

describe("proxies", () => {
  const roll: RollEntry[] = [
    { id: "holder", canVote: true, checkedIn: true, proxyForId: "absent" },
    { id: "absent", canVote: true, checkedIn: false, proxyForId: null },
    { id: "other", canVote: true, checkedIn: true, proxyForId: null },
    { id: "away", canVote: true, checkedIn: false, proxyForId: null },
    { id: "observer", canVote: false, checkedIn: true, proxyForId: null },
  ];

  it("count the represented absent member as present and give the holder two votes", () => {
    const attendance = attendanceOf(roll, "more_than_half");
    expect(attendance).toMatchObject({ eligible: 4, present: 3, proxies: 1, checkedIn: 3, quorumRequired: 3, quorumMet: true });
    expect(votesHeldBy(roll[0], roll)).toEqual(["holder", "absent"]);
  });

  it("fall away when the represented member arrives in person, or the holder is not in the room", () => {
    const arrived = roll.map((p) => (p.id === "absent" ? { ...p, checkedIn: true } : p));
    expect(votesHeldBy(arrived[0], arrived)).toEqual(["holder"]);
    expect(attendanceOf(arrived, "more_than_half").present).toBe(3);
    const holderAway = roll.map((p) => (p.id === "holder" ? { ...p, checkedIn: false } : p));
    expect(votesHeldBy(holderAway[0], holderAway)).toEqual([]);
    expect(attendanceOf(holderAway, "more_than_half")).toMatchObject({ present: 1, quorumMet: false });
  });

  it("are reported in the result", () => {
    const r = result(yesNo, { yes: 3 }, { proxyBallots: 1, attendance: attendanceOf(roll, "more_than_half") });
    expect(r.proxyBallots).toBe(1);
    expect(r.present).toBe(3);
    expect(r.passed).toBe(true);
  });
});

describe("choice polls", () => {
  it("name the leaders, several on a tie, and leave pass/fail to the threshold per option", () => {
    const r = result(pick("single"), { a: 5, b: 5, c: 1 });
    expect(r.passed).toBeNull();
    expect(r.leaders).toEqual(["a", "b"]);
    expect(r.threshold).toBe(6);
    expect(optionReachesThreshold(r, "a")).toBe(false);
    const clear = result(pick("single"), { a: 7, b: 3 });
    expect(clear.leaders).toEqual(["a"]);
    expect(optionReachesThreshold(clear, "a")).toBe(true);
  });

  it("count multiple-choice thresholds against voters, not ticks", () => {
    const r = result(pick("multiple", 2), { a: 6, b: 5, c: 3 }, { ballotsElectronic: 8 });
    expect(r.thresholdBase).toBe(8);
    expect(r.threshold).toBe(5);
    expect(optionReachesThreshold(r, "a")).toBe(true);
    expect(optionReachesThreshold(r, "b")).toBe(true);
    expect(optionReachesThreshold(r, "c")).toBe(false);
  });

  it("produce results that match the stored schema", () => {
    expect(PollResultSchema.safeParse(result(pick("single"), { a: 1 })).success).toBe(true);
    expect(PollResultSchema.safeParse(result(yesNo, { yes: 1 })).success).toBe(true);
  });
});
