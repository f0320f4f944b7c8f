import { describe, expect, it } from "vitest";
import type { MeetingState, TallyUpdate } from "../../app/realtime/protocol";
import { applyTally, mergeState } from "../../app/realtime/tally-order";

const poll = (tallyVersion: number, votesCast: number, id = "p1") =>
  ({ id, tallyVersion, votesCast, manualVoters: 0, counts: { yes: votesCast }, status: "open" }) as unknown as NonNullable<
    MeetingState["poll"]
  >;
const state = (p: MeetingState["poll"], title = "议事会") => ({ meetingId: "m1", title, poll: p }) as unknown as MeetingState;
const tally = (version: number, votesCast: number, pollId = "p1"): TallyUpdate => ({
  meetingId: "m1",
  pollId,
  version,
  votesCast,
  manualVoters: 0,
  counts: { yes: votesCast },
});

describe("a screen fed by several processes keeps the newest tally", () => {
  it("applies a newer version and drops an older or equal one, whatever the order of arrival", () => {
    let shown = state(poll(0, 0));
    const shownCounts: number[] = [];
    for (const t of [tally(2, 5), tally(1, 3), tally(4, 9), tally(3, 7), tally(4, 9)]) {
      shown = applyTally(shown, t);
      shownCounts.push(shown.poll!.votesCast);
    }
    expect(shownCounts).toEqual([5, 5, 9, 9, 9]);
    expect(shown.poll).toMatchObject({ tallyVersion: 4, votesCast: 9, counts: { yes: 9 } });
  });

  it("ignores a tally of another poll", () => {
    const shown = state(poll(1, 1));
    expect(applyTally(shown, tally(9, 9, "p2"))).toBe(shown);
  });

  it("takes a whole state but keeps the numbers of the same poll when they are newer on screen", () => {
    const merged = mergeState(state(poll(5, 12)), state(poll(3, 8), "新标题"));
    expect(merged).toMatchObject({ title: "新标题", poll: { tallyVersion: 5, votesCast: 12, counts: { yes: 12 } } });
    expect(mergeState(state(poll(3, 8)), state(poll(5, 12)))).toMatchObject({ poll: { tallyVersion: 5, votesCast: 12 } });
    expect(mergeState(state(poll(9, 20)), state(poll(0, 0, "p2")))).toMatchObject({ poll: { id: "p2", votesCast: 0 } });
    expect(mergeState(null, state(null))).toMatchObject({ poll: null });
  });
});
