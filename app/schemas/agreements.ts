import { z } from "zod";
import { commitmentLines, commitmentsProblem, termProblem } from "../domain/units/agreements";
import { calendarDate, idField } from "./params";
import { lineText, multilineText } from "./text";

// Messages are translation keys; forms translate them into the reader's language.
const required = (max: number) => lineText().trim().min(1, "errors.field.required").max(max, "errors.field.too_long");
const date = calendarDate("units:agreements.errors.date");
const id = idField("errors.field.invalid_choice");

/** A cooperation agreement (共建协议) as staff record it: commitments one per line. */
export const AgreementCreateSchema = z
  .object({
    intent: z.literal("create"),
    title: required(100),
    startsOn: date,
    endsOn: date,
    commitments: multilineText().max(5000, "errors.field.too_long"),
    communitySignatory: required(40),
    communityRole: required(40),
    unitSignatory: required(40),
    unitRole: required(40),
  })
  .superRefine((value, ctx) => {
    const term = termProblem(value.startsOn, value.endsOn);
    if (term) ctx.addIssue({ code: "custom", path: ["endsOn"], message: term });
    const commitments = commitmentsProblem(commitmentLines(value.commitments));
    if (commitments) ctx.addIssue({ code: "custom", path: ["commitments"], message: commitments });
  })
  .transform(({ commitments, intent: _intent, ...rest }) => ({ ...rest, commitments: commitmentLines(commitments) }));
export type AgreementInput = z.infer<typeof AgreementCreateSchema>;

/** Link a commitment to a joint project of the same unit (an empty choice unlinks it). */
export const AgreementLinkSchema = z.object({
  intent: z.literal("link"),
  commitmentId: id,
  projectId: id.optional().or(z.literal("").transform(() => undefined)),
});
export type AgreementLink = z.infer<typeof AgreementLinkSchema>;

/** Correct an agreement's title, term or signatories (commitments stay, with their links). */
export const AgreementUpdateSchema = z
  .object({
    intent: z.literal("update"),
    agreementId: id,
    title: required(100),
    startsOn: date,
    endsOn: date,
    communitySignatory: required(40),
    communityRole: required(40),
    unitSignatory: required(40),
    unitRole: required(40),
  })
  .superRefine((value, ctx) => {
    const term = termProblem(value.startsOn, value.endsOn);
    if (term) ctx.addIssue({ code: "custom", path: ["endsOn"], message: term });
  });
export type AgreementUpdate = z.infer<typeof AgreementUpdateSchema>;

export const AGREEMENT_INTENTS = ["create", "update", "link"];
