import { z } from "zod";
import { isNotFixed } from "../domain/issues/acceptance";
import { ISSUE_STATUSES, URGENCIES } from "../domain/issues/statuses";
import { intentsOf } from "./intents";
import { MAX_INT_COLUMN, calendarDate, idField, pageNumber, positiveInteger, recordId, slug } from "./params";
import { lineText, multilineText } from "./text";

// Messages are translation keys; forms translate them into the reader's language.
// Free text is multi-line unless said otherwise; control characters are stripped either way.
const required = (max: number, text = multilineText) => text().trim().min(1, "errors.field.required").max(max, "errors.field.too_long");
const optional = (max: number, text = multilineText) =>
  text()
    .trim()
    .max(max, "errors.field.too_long")
    .optional()
    .transform((value) => (value ? value : undefined));
const isoDate = calendarDate("issues:errors.date_invalid");
const version = z.coerce.number().int().min(0).max(MAX_INT_COLUMN);

export const RaiseIssueSchema = z.object({
  title: required(80, lineText),
  description: required(2000),
  categoryId: idField("issues:errors.category_required"),
  gridId: idField("errors.field.invalid_choice")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  address: optional(200, lineText),
  urgency: z.enum(URGENCIES, { error: "errors.field.invalid_choice" }).default("normal"),
});
export type RaiseIssueInput = z.infer<typeof RaiseIssueSchema>;

/** An id from a query string, or nothing when it is absent or malformed (hints are never refused). */
const asId = (value: string | undefined) => (value && recordId.safeParse(value).success ? value : undefined);

export const SimilarIssuesQuery = z.object({
  title: lineText().trim().max(80).default(""),
  gridId: z.string().max(64).optional().transform(asId),
  categoryId: z.string().max(64).optional().transform(asId),
});

/** An issue's address: /c/<community>/issues/<number>. */
export const IssuePathParams = z.object({ community: slug, number: positiveInteger });

/** Everything done from an issue's page, one `intent` each. */
export const IssueIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), version, note: optional(500) }),
  z.object({ intent: z.literal("reject"), version, reason: required(500) }),
  z.object({
    intent: z.literal("merge"),
    version,
    targetNumber: z.coerce
      .number({ error: "issues:errors.merge_target_invalid" })
      .int()
      .positive("issues:errors.merge_target_invalid")
      .max(MAX_INT_COLUMN, "issues:errors.merge_target_invalid"),
  }),
  z.object({ intent: z.literal("resolve_directly"), version, note: required(500) }),
  z.object({ intent: z.literal("put_on_agenda"), version, note: optional(500) }),
  z.object({
    intent: z.literal("escalate"),
    version,
    unitId: idField("issues:errors.unit_required"),
    dueDate: isoDate,
    note: optional(500),
  }),
  z.object({ intent: z.literal("acknowledge"), version, note: optional(500) }),
  z.object({
    intent: z.literal("add_action_item"),
    unitId: idField("issues:errors.unit_required"),
    description: required(500),
    dueDate: isoDate,
  }),
  z.object({ intent: z.literal("claim"), actionItemId: idField("issues:errors.action_item_not_found") }),
  z.object({
    intent: z.literal("progress"),
    actionItemId: idField("issues:errors.action_item_not_found"),
    text: required(1000),
    percent: z.coerce
      .number({ error: "issues:errors.percent_invalid" })
      .int("issues:errors.percent_invalid")
      .min(0, "issues:errors.percent_invalid")
      .max(100, "issues:errors.percent_invalid"),
  }),
  z.object({ intent: z.literal("done"), actionItemId: idField("issues:errors.action_item_not_found"), text: optional(1000) }),
  z
    .object({
      intent: z.literal("acceptance"),
      rating: z.enum(["1", "2", "3", "4", "5"], { error: "figures:errors.rating_required" }).transform(Number),
      reason: optional(500),
    })
    // 1–2 means "not fixed": staff need to know what is still wrong.
    .refine((value) => !isNotFixed(value.rating) || !!value.reason, { path: ["reason"], message: "issues:errors.reason_required" }),
  z.object({ intent: z.literal("follow") }),
  z.object({ intent: z.literal("me_too") }),
  z.object({ intent: z.literal("unfollow") }),
]);
export type IssueIntent = z.infer<typeof IssueIntentSchema>;
export const ISSUE_INTENTS = intentsOf(IssueIntentSchema);

export const STATUS_FILTERS = ["open", "done", ...ISSUE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The public list's query string. Unknown or malformed values are dropped rather than refused. */
export const IssueListQuery = z.object({
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  category: z.string().max(64).optional().catch(undefined),
  grid: z.string().max(64).optional().catch(undefined),
  unit: recordId.optional().catch(undefined),
  overdue: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
  // Raised from / to (China months, yyyy-mm): the figures' period, so a dashboard number links to its issues.
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  q: lineText()
    .trim()
    .max(80)
    .optional()
    .catch(undefined)
    .transform((value) => (value ? value : undefined)),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type IssueListFilters = z.infer<typeof IssueListQuery>;

export function parseListQuery(searchParams: URLSearchParams): IssueListFilters {
  const raw: Record<string, string> = {};
  for (const [key, value] of searchParams) if (value !== "") raw[key] = value;
  return IssueListQuery.parse(raw);
}

/** The notification centre's query string: which page of the list. */
export const NotificationsQuery = z.object({ page: pageNumber() });

export const MarkNotificationsSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: idField("errors.not_found") }),
  z.object({ intent: z.literal("read_all") }),
]);
export const NOTIFICATION_INTENTS = intentsOf(MarkNotificationsSchema);

const categoryName = { nameZh: required(30, lineText), nameEn: required(60, lineText) };
export const CategoryIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), ...categoryName }),
  z.object({ intent: z.literal("rename"), categoryId: idField("issues:errors.category_not_found"), ...categoryName }),
  z.object({ intent: z.literal("archive"), categoryId: idField("issues:errors.category_not_found") }),
  z.object({ intent: z.literal("restore"), categoryId: idField("issues:errors.category_not_found") }),
  z.object({ intent: z.literal("up"), categoryId: idField("issues:errors.category_not_found") }),
  z.object({ intent: z.literal("down"), categoryId: idField("issues:errors.category_not_found") }),
]);
export type CategoryCommand = z.infer<typeof CategoryIntentSchema>;
export const CATEGORY_INTENTS = intentsOf(CategoryIntentSchema);
