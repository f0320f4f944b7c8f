import { z } from "zod";

/**
 * The stored, immutable result of a closed poll (Poll.result, JSON). Computed once on the server at close;
 * minutes, decision pages and exports read it through parsePollResult and never recompute it.
 */
export const POLL_KINDS = ["yes_no_abstain", "single", "multiple"] as const;
export const BALLOT_MODES = ["named", "secret"] as const;
export const PASS_RULES = ["majority_cast", "half_present", "two_thirds_present"] as const;

export const PollResultSchema = z.object({
  version: z.literal(1),
  pollId: z.string(),
  question: z.string(),
  kind: z.enum(POLL_KINDS),
  ballotMode: z.enum(BALLOT_MODES),
  passRule: z.enum(PASS_RULES),
  abstentionsCount: z.boolean(),
  options: z.array(
    z.object({
      /** "yes" | "no" | "abstain" for yes_no_abstain polls; the PollOption id otherwise. */
      key: z.string(),
      label: z.string(),
      electronic: z.number().int().nonnegative(),
      /** From staff-entered hand counts and paper ballots. */
      manual: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    }),
  ),
  /** Votes cast electronically (including those cast by proxy) and manually. */
  ballotsElectronic: z.number().int().nonnegative(),
  ballotsManual: z.number().int().nonnegative(),
  proxyBallots: z.number().int().nonnegative(),
  /** Members on the roll with a vote. */
  eligible: z.number().int().nonnegative(),
  /** Voting members checked in at close, plus the absent members represented by a proxy. */
  present: z.number().int().nonnegative(),
  quorumRequired: z.number().int().nonnegative(),
  quorumMet: z.boolean(),
  /** The number of votes for the winning option needed to pass, and the base it was computed on. */
  threshold: z.number().int().nonnegative(),
  thresholdBase: z.number().int().nonnegative(),
  /** For yes/no polls: whether the motion passed (false also when quorum was not met). For choice polls: null. */
  passed: z.boolean().nullable(),
  /** For choice polls: the option keys with the most votes (several on a tie). */
  leaders: z.array(z.string()),
  /**
   * For choice polls (app/domain/voting/elected.ts): seats = 1, or k for "choose up to k"; the options
   * elected; the options tied for the seats left open. Absent in results stored before k-winner counting.
   */
  seats: z.number().int().positive().optional(),
  elected: z.array(z.string()).optional(),
  tied: z.array(z.string()).optional(),
  closedAt: z.string(),
});

export type PollResult = z.infer<typeof PollResultSchema>;

export function parsePollResult(json: string | null | undefined): PollResult | null {
  if (!json) return null;
  const parsed = PollResultSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}
