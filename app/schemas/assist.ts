import { z } from "zod";
import { CONSENT_METHODS } from "../domain/assisted/consent";
import { isNotFixed } from "../domain/issues/acceptance";
import { FileObjectionSchema } from "./decisions";
import { intentsOf } from "./intents";
import { RaiseIssueSchema } from "./issues";
import { idField } from "./params";
import { lineText, multilineText } from "./text";

// Messages are translation keys; the form translates them into the reader's language.

/** Every assisted form says for whom, that the resident agreed, and how (ADR 0020: consent is the basis). */
const onBehalf = {
  residentId: idField("people:assist.errors.resident_unknown"),
  consent: z.literal("on", { error: "people:assist.errors.consent_required" }),
  consentMethod: z.enum(CONSENT_METHODS, { error: "people:assist.errors.consent_method_required" }),
};

export const AssistIntentSchema = z.discriminatedUnion("intent", [
  RaiseIssueSchema.extend({ intent: z.literal("raise"), ...onBehalf }),
  z
    .object({
      intent: z.literal("rate"),
      ...onBehalf,
      issueId: idField("issues:errors.not_found"),
      rating: z.enum(["1", "2", "3", "4", "5"], { error: "figures:errors.rating_required" }).transform(Number),
      reason: multilineText()
        .trim()
        .max(500, "errors.field.too_long")
        .optional()
        .transform((value) => (value ? value : undefined)),
    })
    .refine((value) => !isNotFixed(value.rating) || !!value.reason, { path: ["reason"], message: "issues:errors.reason_required" }),
  FileObjectionSchema.extend({ intent: z.literal("object"), ...onBehalf, decisionId: idField("minutes:errors.decision_not_found") }),
]);
export type AssistIntent = z.infer<typeof AssistIntentSchema>;
export const ASSIST_INTENTS = intentsOf(AssistIntentSchema);

/** The page's query: who is being searched for, and whom the helper is acting for. Bad values are dropped. */
export const AssistQuery = z.object({
  q: lineText().trim().max(40).optional().catch(undefined),
  for: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
  done: z.enum(["rated", "objected"]).optional().catch(undefined),
});
