import { z } from "zod";
import { PollResultSchema } from "../voting/result";
import { RollCallEntrySchema } from "../voting/roll-call";
import { QUORUM_RULES } from "../voting/tally";

/**
 * What the locked blocks of the minutes carry. The figures are copied from the database when the draft is
 * made, so the stored document (and its content hash) is self-contained; the server compares them with the
 * database again on every save and on publish, so a block edited into different numbers is refused.
 */
export const VoteResultDataSchema = PollResultSchema.extend({
  /** A named poll's roll call, only when the host declared it public (minutes are published). */
  rollCall: z.array(RollCallEntrySchema).max(2000).optional(),
});
export type VoteResultData = z.infer<typeof VoteResultDataSchema>;

export const AttendanceDataSchema = z.object({
  meetingId: z.string().max(64),
  /** Members on the roll with a vote. */
  eligible: z.number().int().nonnegative(),
  /** Voting members checked in, plus absent members represented by a proxy. */
  present: z.number().int().nonnegative(),
  proxies: z.number().int().nonnegative(),
  quorumRule: z.enum(QUORUM_RULES),
  quorumRequired: z.number().int().nonnegative(),
  quorumMet: z.boolean(),
  /** Everyone checked in, voting or not, in check-in order. */
  attendees: z.array(z.object({ name: z.string().max(100), role: z.string().max(32) })).max(2000),
});
export type AttendanceData = z.infer<typeof AttendanceDataSchema>;

export const DecisionDataSchema = z.object({
  decisionId: z.string().max(64),
  text: z.string().max(10_000),
  pollId: z.string().max(64).nullable(),
});
export type DecisionData = z.infer<typeof DecisionDataSchema>;

export const LOCKED_NODE_TYPES = ["vote-result", "attendance", "decision"] as const;
export type LockedNodeType = (typeof LOCKED_NODE_TYPES)[number];

export function isLockedNodeType(type: string): type is LockedNodeType {
  return (LOCKED_NODE_TYPES as readonly string[]).includes(type);
}

/** A locked block's type with the figures it carries. */
export type LockedBlockContent =
  { type: "vote-result"; data: VoteResultData } | { type: "attendance"; data: AttendanceData } | { type: "decision"; data: DecisionData };

export const LOCKED_DATA_SCHEMAS = {
  "vote-result": VoteResultDataSchema,
  attendance: AttendanceDataSchema,
  decision: DecisionDataSchema,
} as const;
