import type { MeetingState, TallyUpdate } from "./protocol";

/**
 * Several processes send a screen tallies and states read at different moments; each carries the poll's
 * tally version (one counter in the database, bumped in the transaction that changes the numbers), so a
 * screen keeps the highest version it has seen and never shows a count going back (ADR 0021).
 */

/** A tally for the poll on screen replaces the numbers only when it is newer. */
export function applyTally(state: MeetingState, tally: TallyUpdate): MeetingState {
  if (!state.poll || state.poll.id !== tally.pollId) return state;
  if (tally.version <= state.poll.tallyVersion) return state;
  return {
    ...state,
    poll: {
      ...state.poll,
      tallyVersion: tally.version,
      votesCast: tally.votesCast,
      manualVoters: tally.manualVoters,
      counts: tally.counts ?? state.poll.counts,
    },
  };
}

/**
 * A whole state (a `meeting:state` broadcast or a snapshot) replaces the screen's, except that the numbers
 * of the same poll stay when the screen already shows a newer version of them.
 */
export function mergeState(current: MeetingState | null, incoming: MeetingState): MeetingState {
  const shown = current?.poll;
  const next = incoming.poll;
  if (!shown || !next || shown.id !== next.id || shown.tallyVersion <= next.tallyVersion) return incoming;
  return {
    ...incoming,
    poll: {
      ...next,
      tallyVersion: shown.tallyVersion,
      votesCast: shown.votesCast,
      manualVoters: shown.manualVoters,
      counts: shown.counts ?? next.counts,
    },
  };
}
