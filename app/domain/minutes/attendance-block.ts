import type { AttendanceData } from "./locked-data";
import { attendanceOf } from "../meetings/attendance";
import type { QuorumRule } from "../voting/tally";

export interface ParticipantRecord {
  id: string;
  name: string;
  role: string;
  canVote: boolean;
  checkedInAt: Date | null;
  proxyForId: string | null;
  substituteForId?: string | null;
}

/**
 * Attendance as the minutes state it. The figures come from the meetings domain's own count (the one the host
 * console and the vote used), so the minutes cannot disagree with the meeting; the minutes add who was there.
 */
export function attendanceFrom(meetingId: string, rule: QuorumRule, participants: ParticipantRecord[]): AttendanceData {
  const summary = attendanceOf(
    participants.map((p) => ({
      id: p.id,
      canVote: p.canVote,
      checkedIn: !!p.checkedInAt,
      proxyForId: p.proxyForId,
      substituteForId: p.substituteForId ?? null,
    })),
    rule,
  );
  const attendees = participants
    .filter((p) => p.checkedInAt)
    .sort((a, b) => (a.checkedInAt as Date).getTime() - (b.checkedInAt as Date).getTime() || a.name.localeCompare(b.name, "zh-CN"))
    .map((p) => ({ name: p.name, role: p.role }));
  return {
    meetingId,
    eligible: summary.eligible,
    present: summary.present,
    proxies: summary.proxies,
    quorumRule: rule,
    quorumRequired: summary.quorumRequired,
    quorumMet: summary.quorumMet,
    attendees,
  };
}
