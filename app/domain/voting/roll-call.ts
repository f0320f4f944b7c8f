import { z } from "zod";

/**
 * A named poll's roll call, as shown to host and staff, in the CSV, in the minutes' vote-result block and
 * (when declared public) on the public meeting page. Pure data; app/domain/voting/roll-call.server.ts reads it.
 */
export const ROLL_CALL_STATUSES = ["voted", "present_not_voted", "absent"] as const;

export const RollCallEntrySchema = z.object({
  participantId: z.string().max(64),
  name: z.string().max(100),
  role: z.string().max(32),
  status: z.enum(ROLL_CALL_STATUSES),
  /** Option keys chosen ("yes" | "no" | "abstain", or PollOption ids). Empty unless voted. */
  choices: z.array(z.string().max(64)).max(20),
  /** Voted through a proxy, or (not voted) represented by a proxy holder who was present. */
  viaProxy: z.boolean(),
  /** The proxy holder who cast this vote. */
  castByName: z.string().max(100).nullable(),
});
export type RollCallEntry = z.infer<typeof RollCallEntrySchema>;

export interface RollCall {
  pollId: string;
  meetingId: string;
  meetingTitle: string;
  communitySlug: string;
  question: string;
  kind: "yes_no_abstain" | "single" | "multiple";
  status: string;
  public: boolean;
  closedAt: string | null;
  options: { key: string; label: string }[];
  entries: RollCallEntry[];
}

const STATUS_ORDER: Record<RollCallEntry["status"], number> = { voted: 0, present_not_voted: 1, absent: 2 };

/** Voters first, then present non-voters, then absent members; by name within each (as read aloud). */
export function rollCallOrder(a: RollCallEntry, b: RollCallEntry): number {
  // The id breaks ties between namesakes, so the order (and the minutes' content hash) never depends on the query.
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    a.name.localeCompare(b.name, "zh-CN") ||
    (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0)
  );
}

/** The CSV rows of a roll call: one per member, the choice as option labels. */
export function rollCallRows(
  rollCall: RollCall,
  labels: { option: (key: string) => string; status: (status: RollCallEntry["status"]) => string; proxy: (name: string | null) => string },
): string[][] {
  return rollCall.entries.map((e) => [
    e.name,
    labels.status(e.status),
    e.choices.map(labels.option).join("；"),
    e.viaProxy ? labels.proxy(e.castByName) : "",
  ]);
}
