import type { AttendanceData } from "../../editor/nodes/locked-data";
import { QUORUM_RULES } from "../../editor/nodes/locked-data";

export type QuorumRule = (typeof QUORUM_RULES)[number];

export function isQuorumRule(value: string): value is QuorumRule {
  return (QUORUM_RULES as readonly string[]).includes(value);
}

/** Members needed for a quorum under the meeting's rule (more than half, two thirds, or none). */
export function quorumRequired(rule: QuorumRule, eligible: number): number {
  if (rule === "none" || eligible === 0) return 0;
  if (rule === "two_thirds") return Math.ceil((eligible * 2) / 3);
  return Math.floor(eligible / 2) + 1;
}

export interface ParticipantRecord {
  id: string;
  name: string;
  role: string;
  canVote: boolean;
  checkedInAt: Date | null;
  proxyForId: string | null;
}

/**
 * Attendance as the minutes state it: voting members present (a present member holding an absent member's
 * proxy counts for both), the quorum and who was there.
 */
export function attendanceFrom(meetingId: string, rule: QuorumRule, participants: ParticipantRecord[]): AttendanceData {
  const voters = participants.filter((p) => p.canVote);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const checkedInVoters = voters.filter((p) => p.checkedInAt);
  const proxies = checkedInVoters.filter((p) => {
    const absent = p.proxyForId ? byId.get(p.proxyForId) : undefined;
    return absent !== undefined && absent.canVote && !absent.checkedInAt;
  }).length;
  const present = checkedInVoters.length + proxies;
  const required = quorumRequired(rule, voters.length);
  const attendees = participants
    .filter((p) => p.checkedInAt)
    .sort((a, b) => (a.checkedInAt as Date).getTime() - (b.checkedInAt as Date).getTime() || a.name.localeCompare(b.name))
    .map((p) => ({ name: p.name, role: p.role }));
  return {
    meetingId,
    eligible: voters.length,
    present,
    proxies,
    quorumRule: rule,
    quorumRequired: required,
    quorumMet: rule === "none" || present >= required,
    attendees,
  };
}
