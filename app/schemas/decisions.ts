import { z } from "zod";
import { idField } from "./params";
import { multilineText } from "./text";
import { MAX_NOTICE_DAYS, MIN_NOTICE_DAYS } from "../domain/decisions/notice";

export const FileObjectionSchema = z.object({
  intent: z.literal("object"),
  reason: multilineText().trim().min(5, "minutes:errors.objection_reason_short").max(2000, "errors.field.too_long"),
});

/** What DecisionStaffActionSchema's messages interpolate: the bounds of the notice period. */
export const DECISION_STAFF_MESSAGE_VALUES = { min: MIN_NOTICE_DAYS, max: MAX_NOTICE_DAYS };

export const DecisionStaffActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("publish"),
    noticeDays: z.coerce
      .number({ error: "minutes:errors.notice_days_range" })
      .int("minutes:errors.notice_days_range")
      .min(MIN_NOTICE_DAYS, "minutes:errors.notice_days_range")
      .max(MAX_NOTICE_DAYS, "minutes:errors.notice_days_range"),
  }),
  z.object({
    intent: z.literal("answer"),
    objectionId: idField("errors.not_found"),
    answer: multilineText().trim().min(2, "errors.field.required").max(2000, "errors.field.too_long"),
  }),
]);
