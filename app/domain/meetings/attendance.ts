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

export function attendanceOf(roll: readonly RollEntry[], rule: QuorumRule): AttendanceSummary {
  const byId = new Map(roll.map((p) => [p.id, p]));
  const eligible = roll.filter((p) => p.canVote).length;
  const votersIn = roll.filter((p) => p.canVote && p.checkedIn).length;
  const proxies = roll.filter((p) => p.proxyForId && validProxy(p, byId.get(p.proxyForId))).length;
  const present = votersIn + proxies;
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
  if (!holder.canVote || !holder.checkedIn) return [];
  const votes = [holder.id];
  const represented = holder.proxyForId ? roll.find((p) => p.id === holder.proxyForId) : undefined;
  if (represented && validProxy(holder, represented)) votes.push(represented.id);
  return votes;
}
