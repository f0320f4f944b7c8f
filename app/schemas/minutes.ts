import { z } from "zod";
import { MAX_INT_COLUMN, idField, positiveInteger, recordId } from "./params";
import { multilineText } from "./text";

// Messages are translation keys; the form translates them into the reader's language.
const revision = z.coerce.number({ error: "minutes:errors.document_malformed" }).int().min(0).max(MAX_INT_COLUMN);
const id = idField("errors.field.required");

/** The editor's actions on /meetings/:meetingId/minutes, one schema per intent. */
export const MinutesActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }),
  z.object({
    intent: z.literal("save"),
    minutesId: id,
    baseRevision: revision,
    content: z.string().min(1, "minutes:errors.document_malformed"),
  }),
  z.object({ intent: z.literal("refresh-blocks"), minutesId: id, baseRevision: revision }),
  z.object({ intent: z.literal("complete-blocks"), minutesId: id, baseRevision: revision }),
  z.object({ intent: z.literal("redraft"), minutesId: id, baseRevision: revision }),
  z.object({ intent: z.literal("restore"), minutesId: id, versionId: id, baseRevision: revision }),
  z.object({ intent: z.literal("send-for-review"), minutesId: id }),
  z.object({
    intent: z.literal("comment"),
    minutesId: id,
    body: multilineText().trim().min(1, "errors.field.required").max(2000, "errors.field.too_long"),
  }),
  z.object({ intent: z.literal("sign-off"), minutesId: id, revision }),
  z.object({ intent: z.literal("publish"), minutesId: id }),
  z.object({
    intent: z.literal("start-correction"),
    minutesId: id,
    note: multilineText().trim().min(5, "minutes:errors.correction_note_short").max(1000, "errors.field.too_long"),
  }),
  z.object({ intent: z.literal("heartbeat"), minutesId: id }),
]);
export type MinutesAction = z.infer<typeof MinutesActionSchema>;
export const MINUTES_INTENTS = MinutesActionSchema.options.map((option) => option.shape.intent.value);

/** The minutes page's query string: a version to show, or a revision to compare with. */
export const MinutesViewQuery = z.object({ version: recordId.optional(), revision: positiveInteger.optional() });
