import type { Election } from "./elected";
import { electTopK } from "./elected";
import type { PollResult } from "./result";
import type { BALLOT_MODES, PASS_RULES, POLL_KINDS } from "./result";

/**
 * The counting rules, pure: what a valid choice is, what quorum needs, how a poll's numbers turn into a
 * result. The server computes the stored result with these at close; nothing else decides pass or fail.
 */
export type PollKind = (typeof POLL_KINDS)[number];
export type BallotMode = (typeof BALLOT_MODES)[number];
export type PassRule = (typeof PASS_RULES)[number];
export const QUORUM_RULES = ["more_than_half", "two_thirds", "none"] as const;
export type QuorumRule = (typeof QUORUM_RULES)[number];

export function isQuorumRule(value: string): value is QuorumRule {
  return (QUORUM_RULES as readonly string[]).includes(value);
}

export const YES_NO_KEYS = ["yes", "no", "abstain"] as const;
/** Stored in results as readable bilingual labels; screens translate the key instead. */
export const YES_NO_LABELS: Record<(typeof YES_NO_KEYS)[number], string> = {
  yes: "赞成 / Yes",
  no: "反对 / No",
  abstain: "弃权 / Abstain",
};

export interface PollOptionDef {
  key: string;
  label: string;
}

export interface PollDefinition {
  kind: PollKind;
  maxChoices: number;
  passRule: PassRule;
  abstentionsCount: boolean;
  /** For choice polls, the options; yes/no polls use YES_NO_KEYS. */
  options: PollOptionDef[];
}

export function optionsOf(def: Pick<PollDefinition, "kind" | "options">): PollOptionDef[] {
  if (def.kind === "yes_no_abstain") return YES_NO_KEYS.map((key) => ({ key, label: YES_NO_LABELS[key] }));
  return def.options;
}

export type ChoiceCheck = { ok: true; choices: string[] } | { ok: false; reason: string; values?: Record<string, number> };

/** Is this a ballot the poll accepts? Returns the canonical (sorted, de-duplicated) choice list. */
export function checkChoices(def: Pick<PollDefinition, "kind" | "maxChoices" | "options">, choices: readonly string[]): ChoiceCheck {
  const valid = new Set(optionsOf(def).map((o) => o.key));
  const unique = [...new Set(choices)];
  if (unique.length !== choices.length) return { ok: false, reason: "meetings:errors.duplicateChoice" };
  if (unique.some((c) => !valid.has(c))) return { ok: false, reason: "meetings:errors.unknownChoice" };
  if (unique.length === 0) return { ok: false, reason: "meetings:errors.noChoice" };
  const limit = def.kind === "multiple" ? def.maxChoices : 1;
  if (unique.length > limit) return { ok: false, reason: "meetings:errors.tooManyChoices", values: { max: limit } };
  return { ok: true, choices: unique.sort() };
}

/** How many of the members with a vote must be present. */
export function quorumRequired(eligible: number, rule: QuorumRule): number {
  switch (rule) {
    case "more_than_half":
      return Math.floor(eligible / 2) + 1;
    case "two_thirds":
      return Math.ceil((eligible * 2) / 3);
    case "none":
      return 0;
  }
}

export interface Attendance {
  /** Members on the roll with a vote. */
  eligible: number;
  /** Voting members checked in, plus absent members represented by a present proxy. */
  present: number;
}

export function quorumStatus(attendance: Attendance, rule: QuorumRule): { required: number; met: boolean } {
  const required = quorumRequired(attendance.eligible, rule);
  return { required, met: attendance.present >= required };
}

/**
 * Votes a winning answer needs, and what that is counted against.
 * - majority_cast: more than half of the votes cast (abstentions among them only if abstentionsCount).
 * - half_present: more than half of the members present.
 * - two_thirds_present: at least two-thirds of the members present.
 */
export function passThreshold(
  rule: PassRule,
  numbers: { cast: number; abstentions: number; present: number; abstentionsCount: boolean },
): { threshold: number; base: number } {
  switch (rule) {
    case "majority_cast": {
      const base = numbers.abstentionsCount ? numbers.cast : numbers.cast - numbers.abstentions;
      return { threshold: Math.floor(base / 2) + 1, base };
    }
    case "half_present":
      return { threshold: Math.floor(numbers.present / 2) + 1, base: numbers.present };
    case "two_thirds_present":
      return { threshold: Math.ceil((numbers.present * 2) / 3), base: numbers.present };
  }
}

export interface HandCountEntry {
  counts: Record<string, number>;
  voters: number;
}

/** Staff-entered counts must add up: one answer per hand on a one-answer poll, at most k on a multiple one. */
export function checkHandCount(def: Pick<PollDefinition, "kind" | "maxChoices" | "options">, entry: HandCountEntry): ChoiceCheck {
  const valid = new Set(optionsOf(def).map((o) => o.key));
  if (!Number.isInteger(entry.voters) || entry.voters < 1) return { ok: false, reason: "meetings:errors.handCountVoters" };
  let sum = 0;
  for (const [key, n] of Object.entries(entry.counts)) {
    if (!valid.has(key)) return { ok: false, reason: "meetings:errors.unknownChoice" };
    if (!Number.isInteger(n) || n < 0) return { ok: false, reason: "meetings:errors.handCountNegative" };
    if (n > entry.voters) return { ok: false, reason: "meetings:errors.handCountOptionTooHigh" };
    sum += n;
  }
  if (def.kind !== "multiple" && sum !== entry.voters)
    return { ok: false, reason: "meetings:errors.handCountMismatch", values: { voters: entry.voters, sum } };
  if (def.kind === "multiple" && sum > entry.voters * def.maxChoices)
    return { ok: false, reason: "meetings:errors.tooManyChoices", values: { max: def.maxChoices } };
  return { ok: true, choices: [] };
}

export interface ResultInput {
  poll: PollDefinition & { id: string; question: string; ballotMode: BallotMode };
  /** Electronic votes per option key (a ballot with several choices adds one to each). */
  electronic: Record<string, number>;
  /** Electronic votes recorded (one per vote held; proxies included). */
  ballotsElectronic: number;
  proxyBallots: number;
  handCounts: HandCountEntry[];
  attendance: Attendance;
  quorumRule: QuorumRule;
  closedAt: Date;
}

/** The immutable result stored at close (app/domain/voting/result.ts describes every field). */
export function computeResult(input: ResultInput): PollResult {
  const { poll } = input;
  const options = optionsOf(poll).map((option) => {
    const electronic = input.electronic[option.key] ?? 0;
    const manual = input.handCounts.reduce((sum, h) => sum + (h.counts[option.key] ?? 0), 0);
    return { key: option.key, label: option.label, electronic, manual, total: electronic + manual };
  });
  const ballotsManual = input.handCounts.reduce((sum, h) => sum + h.voters, 0);
  const cast = input.ballotsElectronic + ballotsManual;
  const quorum = quorumStatus(input.attendance, input.quorumRule);
  const abstentions = options.find((o) => o.key === "abstain")?.total ?? 0;
  const abstentionsCount = poll.kind !== "yes_no_abstain" || poll.passRule !== "majority_cast" ? true : poll.abstentionsCount;
  const { threshold, base } = passThreshold(poll.passRule, {
    cast,
    abstentions: poll.kind === "yes_no_abstain" ? abstentions : 0,
    present: input.attendance.present,
    abstentionsCount,
  });

  let passed: boolean | null = null;
  let leaders: string[] = [];
  let election: Election | null = null;
  if (poll.kind === "yes_no_abstain") {
    const yes = options.find((o) => o.key === "yes")?.total ?? 0;
    passed = quorum.met && base > 0 && yes >= threshold;
  } else {
    const top = Math.max(0, ...options.map((o) => o.total));
    leaders = top > 0 ? options.filter((o) => o.total === top).map((o) => o.key) : [];
    const seats = poll.kind === "multiple" ? poll.maxChoices : 1;
    // Without quorum the meeting cannot elect anyone, as a motion without quorum does not carry.
    election = quorum.met ? electTopK(options, seats) : { seats, elected: [], tied: [], seatsOpen: 0 };
  }

  return {
    version: 1,
    pollId: poll.id,
    question: poll.question,
    kind: poll.kind,
    ballotMode: poll.ballotMode,
    passRule: poll.passRule,
    abstentionsCount,
    options,
    ballotsElectronic: input.ballotsElectronic,
    ballotsManual,
    proxyBallots: input.proxyBallots,
    eligible: input.attendance.eligible,
    present: input.attendance.present,
    quorumRequired: quorum.required,
    quorumMet: quorum.met,
    threshold,
    thresholdBase: base,
    passed,
    leaders,
    ...(election ? { seats: election.seats, elected: election.elected, tied: election.tied } : {}),
    closedAt: input.closedAt.toISOString(),
  };
}

/**
 * Does an option of a choice poll reach the pass threshold? Not shown for choice polls (who is elected is
 * decided by electTopK); kept for rules that ask for an absolute majority, such as checking a run-off.
 */
export function optionReachesThreshold(result: PollResult, key: string): boolean {
  const option = result.options.find((o) => o.key === key);
  return !!option && result.quorumMet && option.total >= result.threshold;
}
