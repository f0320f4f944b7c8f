import { z } from "zod";
import { checkbox, recordRef } from "./meeting-fields";
import { lineText, multilineText } from "./text";
import { BALLOT_MODES, PASS_RULES, POLL_KINDS } from "../domain/voting/result";

// Messages are translation keys. The same schemas parse socket payloads (JSON) and form posts (strings).

export const PollDefinitionSchema = z
  .object({
    meetingId: recordRef,
    agendaItemId: recordRef.nullable().optional(),
    question: lineText().trim().min(1, "errors.field.required").max(300, "errors.field.too_long"),
    kind: z.enum(POLL_KINDS, { error: "errors.field.invalid_choice" }),
    options: z
      .array(lineText().trim().min(1, "errors.field.required").max(120, "errors.field.too_long"))
      .max(20, "meetings:errors.tooManyOptions")
      .default([]),
    maxChoices: z.coerce.number({ error: "errors.field.invalid_choice" }).int().min(1).max(20).default(1),
    ballotMode: z.enum(BALLOT_MODES, { error: "errors.field.invalid_choice" }),
    passRule: z.enum(PASS_RULES, { error: "errors.field.invalid_choice" }),
    abstentionsCount: checkbox,
    resultsHidden: checkbox,
    allowChange: checkbox,
    /** Named polls: publish who voted what with the result (declared before anyone votes). */
    rollCallPublic: checkbox,
  })
  .superRefine((poll, ctx) => {
    if (poll.kind !== "yes_no_abstain" && poll.options.length < 2) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "meetings:errors.needTwoOptions" });
    }
    if (poll.kind === "multiple" && poll.maxChoices > poll.options.length) {
      ctx.addIssue({ code: "custom", path: ["maxChoices"], message: "meetings:errors.maxChoicesTooHigh" });
    }
    if (new Set(poll.options).size !== poll.options.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "meetings:errors.duplicateOption" });
    }
    // Nothing links a secret ballot to its voter, so there is nothing to change later.
    if (poll.ballotMode === "secret" && poll.allowChange) {
      ctx.addIssue({ code: "custom", path: ["allowChange"], message: "meetings:errors.secretCannotChange" });
    }
    if (poll.ballotMode === "secret" && poll.rollCallPublic) {
      ctx.addIssue({ code: "custom", path: ["rollCallPublic"], message: "meetings:errors.secretHasNoRollCall" });
    }
  });
export type PollDefinitionInput = z.infer<typeof PollDefinitionSchema>;

export const CastBallotSchema = z.object({
  pollId: recordRef,
  choices: z.array(recordRef, { error: "meetings:errors.malformed" }).max(20, "meetings:errors.malformed"),
  /** The member whose vote this is: the voter, or the absent member they hold a proxy for. Default: self. */
  forParticipantId: recordRef.optional(),
  /** Chosen by the client per intended vote: a retry after a lost ack sends the same key. */
  idempotencyKey: z.string({ error: "meetings:errors.malformed" }).min(8, "meetings:errors.malformed").max(80, "meetings:errors.malformed"),
});
export type CastBallotInput = z.infer<typeof CastBallotSchema>;

export const PollRefSchema = z.object({ pollId: recordRef });

export const HandCountSchema = z.object({
  pollId: recordRef,
  source: z.enum(["hand", "paper"], { error: "errors.field.invalid_choice" }),
  voters: z.coerce
    .number({ error: "meetings:errors.handCountVoters" })
    .int("meetings:errors.handCountVoters")
    .min(1, "meetings:errors.handCountVoters")
    .max(100_000),
  counts: z.record(
    recordRef,
    z.coerce.number({ error: "meetings:errors.handCountNegative" }).int().min(0, "meetings:errors.handCountNegative").max(100_000),
  ),
  note: multilineText().trim().max(300, "errors.field.too_long").optional(),
});
export type HandCountInput = z.infer<typeof HandCountSchema>;
