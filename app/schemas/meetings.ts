import { fromChinaWallTime } from "../infra/time";
import { z } from "zod";
import { checkbox, recordRef } from "./meeting-fields";
import { lineText, multilineText } from "./text";
import { QUORUM_RULES } from "../domain/voting/tally";

// Messages are translation keys. The same schemas parse socket payloads (JSON) and form posts (strings).
export const MEETING_FORMS = ["observation", "roundtable", "supervision"] as const;
export const PARTICIPANT_ROLES = ["resident_rep", "unit_rep", "expert", "observer"] as const;
export const OPINION_STANCES = ["support", "oppose", "neutral", "conditional"] as const;
export type MeetingForm = (typeof MEETING_FORMS)[number];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** `<input type="datetime-local">` gives local wall time without a zone: the communities are in China (UTC+8). */
export function parseChinaLocalTime(value: string): Date | null {
  if (!value) return null;
  // A bare date (a due date) means the end of that day.
  const full = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:00` : value.length === 16 ? `${value}:00` : value;
  const date = fromChinaWallTime(full);
  return Number.isNaN(date.getTime()) ? null : date;
}
const chinaTime = z
  .string()
  .min(1, "errors.field.required")
  .transform((value, ctx) => {
    const date = parseChinaLocalTime(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "meetings:errors.badTime" });
      return z.NEVER;
    }
    return date;
  });

export const MeetingCreateSchema = z.object({
  title: lineText().trim().min(1, "errors.field.required").max(120, "errors.field.too_long"),
  form: z.enum(MEETING_FORMS, { error: "errors.field.invalid_choice" }),
  startsAt: chinaTime,
  place: lineText().trim().min(1, "errors.field.required").max(120, "errors.field.too_long"),
  hostId: recordRef,
  quorumRule: z.enum(QUORUM_RULES, { error: "errors.field.invalid_choice" }),
  speakerMinutes: z.coerce
    .number({ error: "errors.field.invalid_choice" })
    .int()
    .min(1, "errors.field.invalid_choice")
    .max(30, "errors.field.invalid_choice")
    .default(3),
  addStandingRoll: checkbox,
});
export type MeetingCreateInput = z.infer<typeof MeetingCreateSchema>;

export const AgendaIssueSchema = z.object({ issueId: recordRef });
export const AgendaItemSchema = z.object({
  title: lineText().trim().min(1, "errors.field.required").max(160, "errors.field.too_long"),
  description: multilineText().trim().max(2000, "errors.field.too_long").optional(),
});
export const AgendaMoveSchema = z.object({ agendaItemId: recordRef, direction: z.enum(["up", "down"]) });
export const AgendaItemRefSchema = z.object({ agendaItemId: recordRef });

export const RollMemberSchema = z.object({
  userId: recordRef,
  role: z.enum(PARTICIPANT_ROLES, { error: "errors.field.invalid_choice" }),
  canVote: checkbox,
});
export const RollGuestSchema = z.object({
  name: lineText().trim().min(1, "errors.field.required").max(60, "errors.field.too_long"),
  role: z.enum(PARTICIPANT_ROLES, { error: "errors.field.invalid_choice" }),
  canVote: checkbox,
});
export const ParticipantRefSchema = z.object({ participantId: recordRef });
export const CheckInSchema = z.object({ meetingId: recordRef, participantId: recordRef, present: checkbox });
export const ProxySchema = z.object({ holderId: recordRef, representedId: recordRef.optional().or(z.literal("")).default("") });

export const MeetingRefSchema = z.object({ meetingId: recordRef });
/** What a person may type into the join box (spaces and dashes included); longer input is refused unread. */
export const JOIN_CODE_INPUT_MAX = 32;
export const JoinCodeSchema = z.object({
  code: z
    .string()
    .max(JOIN_CODE_INPUT_MAX, "meetings:errors.badCode")
    .trim()
    .transform((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, ""))
    .pipe(z.string().min(4, "meetings:errors.badCode").max(12, "meetings:errors.badCode")),
});
export const SetCurrentItemSchema = z.object({ meetingId: recordRef, agendaItemId: recordRef });
export const SpeakerRefSchema = z.object({ meetingId: recordRef, requestId: recordRef });

export const CommentSchema = z.object({
  meetingId: recordRef,
  agendaItemId: recordRef,
  body: multilineText().trim().min(1, "errors.field.required").max(1000, "errors.field.too_long"),
});
export const OpinionSchema = z.object({
  meetingId: recordRef,
  agendaItemId: recordRef,
  stance: z.enum(OPINION_STANCES, { error: "errors.field.invalid_choice" }),
  rationale: multilineText().trim().min(1, "errors.field.required").max(4000, "errors.field.too_long"),
  conflictOfInterest: multilineText().trim().min(1, "meetings:errors.declareConflict").max(1000, "errors.field.too_long"),
});
export const HideContentSchema = z.object({
  meetingId: recordRef,
  kind: z.enum(["comment", "opinion"]),
  id: recordRef,
  reason: multilineText().trim().max(300).optional(),
});

export const ActionItemDraftSchema = z.object({
  unitId: recordRef,
  description: multilineText().trim().min(1, "errors.field.required").max(1000, "errors.field.too_long"),
  dueAt: chinaTime,
});
/** Action items agreed with one decision, at most. */
export const MAX_ACTION_ITEMS = 20;
const ROW_FIELD = /^actionItems\.(\d{1,2})\.(unitId|description|dueAt)$/;

/**
 * A posted decision form names its action items' fields `actionItems.<i>.<field>`: they become the rows of
 * `actionItems`, in order, and a row left entirely blank is no row. Input that already has an
 * `actionItems` list (JSON) is taken as it is.
 */
function actionItemRows(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray((input as { actionItems?: unknown }).actionItems)) return input;
  const rows = new Map<number, Record<string, string>>();
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const match = ROW_FIELD.exec(key);
    if (!match) rest[key] = value;
    else if (typeof value === "string") rows.set(Number(match[1]), { ...rows.get(Number(match[1])), [match[2]]: value });
  }
  const actionItems = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => Object.values(row).some((v) => v.trim() !== ""));
  return { ...rest, actionItems };
}

export const DecisionSchema = z.preprocess(
  actionItemRows,
  z.object({
    meetingId: recordRef,
    agendaItemId: recordRef,
    pollId: recordRef
      .optional()
      .or(z.literal(""))
      .transform((v) => (v ? v : undefined)),
    text: multilineText().trim().min(1, "errors.field.required").max(4000, "errors.field.too_long"),
    actionItems: z.array(ActionItemDraftSchema).max(MAX_ACTION_ITEMS).default([]),
  }),
);
export type DecisionInput = z.infer<typeof DecisionSchema>;
