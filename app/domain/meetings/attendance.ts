import type { QuorumRule } from "../voting/tally";
import { quorumStatus } from "../voting/tally";

/**
 * Who counts as present, pure. A proxy counts only while the member it represents is absent: when they
 * arrive in person, they vote for themselves and the proxy falls away.
 */
export interface RollEntry {
  id: string;
  canVote: boolean;
  checkedIn: boolean;
  proxyForId: string | null;
  /** Joint meetings: a unit's substitute points at the unit's delegate, whose one vote either may cast. */
  substituteForId?: string | null;
}

export interface AttendanceSummary {
  /** Everyone checked in (observers and experts too). */
  checkedIn: number;
  eligible: number;
  present: number;
  proxies: number;
  quorumRequired: number;
  quorumMet: boolean;
}

export function validProxy(holder: RollEntry, represented: RollEntry | undefined): boolean {
  return (
    !!represented && holder.checkedIn && holder.canVote && represented.canVote && !represented.checkedIn && represented.id !== holder.id
  );
}

/** A substitute may cast their unit's vote while checked in, whether or not the delegate came too. */
export function validSubstitute(holder: RollEntry, seat: RollEntry | undefined): boolean {
  return !!seat && holder.checkedIn && seat.canVote && seat.id !== holder.id;
}

/** Units present only through their substitute: each unit counts once, however many of its people came. */
export function seatsHeldBySubstitutes(roll: readonly RollEntry[]): number {
  const byId = new Map(roll.map((p) => [p.id, p]));
  return roll.filter((p) => {
    const seat = p.substituteForId ? byId.get(p.substituteForId) : undefined;
    return !!seat && validSubstitute(p, seat) && !seat.checkedIn;
  }).length;
}

export function attendanceOf(roll: readonly RollEntry[], rule: QuorumRule): AttendanceSummary {
  const byId = new Map(roll.map((p) => [p.id, p]));
  const eligible = roll.filter((p) => p.canVote).length;
  const votersIn = roll.filter((p) => p.canVote && p.checkedIn).length;
  const proxies = roll.filter((p) => p.proxyForId && validProxy(p, byId.get(p.proxyForId))).length;
  const present = votersIn + proxies + seatsHeldBySubstitutes(roll);
  const quorum = quorumStatus({ eligible, present }, rule);
  return {
    checkedIn: roll.filter((p) => p.checkedIn).length,
    eligible,
    present,
    proxies,
    quorumRequired: quorum.required,
    quorumMet: quorum.met,
  };
}

/** The votes one person may cast now: their own, and the one they hold by proxy. */
export function votesHeldBy(holder: RollEntry, roll: readonly RollEntry[]): string[] {
  if (holder.substituteForId) {
    const seat = roll.find((p) => p.id === holder.substituteForId);
    return seat && validSubstitute(holder, seat) ? [seat.id] : [];
  }
  if (!holder.canVote || !holder.checkedIn) return [];
  const votes = [holder.id];
  const represented = holder.proxyForId ? roll.find((p) => p.id === holder.proxyForId) : undefined;
  if (represented && validProxy(holder, represented)) votes.push(represented.id);
  return votes;
}
