import { describe, expect, it } from "vitest";
import { electTopK } from "../../app/domain/voting/elected";
import { computeResult } from "../../app/domain/voting/tally";

const s = (entries: Record<string, number>) => Object.entries(entries).map(([key, total]) => ({ key, total }));

describe("a “choose up to k” poll elects k options", () => {
  it("elects the two options with the most votes out of four", () => {
    expect(electTopK(s({ a: 7, b: 2, c: 5, d: 1 }), 2)).toEqual({ seats: 2, elected: ["a", "c"], tied: [], seatsOpen: 0 });
  });

  it("names the options tied for the last seat and leaves that seat open", () => {
    expect(electTopK(s({ a: 7, b: 4, c: 4, d: 1 }), 2)).toEqual({ seats: 2, elected: ["a"], tied: ["b", "c"], seatsOpen: 1 });
  });

  it("elects every tied option when they all fit in the seats", () => {
    expect(electTopK(s({ a: 4, b: 4, c: 1 }), 2)).toEqual({ seats: 2, elected: ["a", "b"], tied: [], seatsOpen: 0 });
  });

  it("a tie for first place in a single-choice poll elects nobody and names the tied options", () => {
    expect(electTopK(s({ a: 5, b: 5, c: 1 }), 1)).toEqual({ seats: 1, elected: [], tied: ["a", "b"], seatsOpen: 1 });
  });

  it("never elects an option nobody voted for", () => {
    expect(electTopK(s({ a: 3, b: 0, c: 0 }), 2)).toEqual({ seats: 2, elected: ["a"], tied: [], seatsOpen: 0 });
    expect(electTopK(s({ a: 0, b: 0 }), 1)).toEqual({ seats: 1, elected: [], tied: [], seatsOpen: 0 });
  });

  it("a three-way tie behind a clear winner leaves one seat open; a three-way tie for two seats leaves both open", () => {
    expect(electTopK(s({ a: 9, b: 3, c: 3, d: 3 }), 2)).toEqual({ seats: 2, elected: ["a"], tied: ["b", "c", "d"], seatsOpen: 1 });
    expect(electTopK(s({ a: 3, b: 3, c: 3, d: 1 }), 2)).toEqual({ seats: 2, elected: [], tied: ["a", "b", "c"], seatsOpen: 2 });
  });
});

describe("the stored result of a choice poll", () => {
  const base = {
    poll: {
      id: "p",
      question: "选两项改造内容",
      ballotMode: "secret" as const,
      kind: "multiple" as const,
      maxChoices: 2,
      passRule: "majority_cast" as const,
      abstentionsCount: true,
      options: ["a", "b", "c", "d"].map((key) => ({ key, label: `方案${key}` })),
    },
    ballotsElectronic: 8,
    proxyBallots: 0,
    handCounts: [],
    quorumRule: "more_than_half" as const,
    closedAt: new Date("2026-12-01T10:00:00Z"),
  };

  it("announces k winners, with the seats and ties recorded", () => {
    const r = computeResult({ ...base, electronic: { a: 6, b: 5, c: 3, d: 2 }, attendance: { eligible: 10, present: 8 } });
    expect(r).toMatchObject({ seats: 2, elected: ["a", "b"], tied: [] });
  });

  it("elects nobody without quorum", () => {
    const r = computeResult({ ...base, electronic: { a: 2, b: 1 }, attendance: { eligible: 10, present: 2 } });
    expect(r).toMatchObject({ quorumMet: false, seats: 2, elected: [], tied: [] });
  });

  it("keeps yes/no results free of seats", () => {
    const r = computeResult({
      ...base,
      poll: { ...base.poll, kind: "yes_no_abstain", maxChoices: 1, options: [] },
      electronic: { yes: 5 },
      attendance: { eligible: 10, present: 8 },
    });
    expect(r.seats).toBeUndefined();
    expect(r.elected).toBeUndefined();
  });
});
