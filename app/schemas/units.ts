import { z } from "zod";
import { SECTOR_GROUPS } from "../domain/roles";
import { LIST_CATEGORIES, UNIT_LISTS } from "../domain/units/lists";
import { intentsOf } from "./intents";
import { calendarDate, idField, recordId } from "./params";
import { lineText, multilineText } from "./text";

// Messages are translation keys; forms translate them into the reader's language.
const required = (max: number, text = lineText) => text().trim().min(1, "errors.field.required").max(max, "errors.field.too_long");
const optional = (max: number, text = lineText) =>
  text()
    .trim()
    .max(max, "errors.field.too_long")
    .optional()
    .transform((value) => (value ? value : undefined));
const category = z.enum(LIST_CATEGORIES, { error: "errors.field.invalid_choice" });
const id = idField("errors.field.invalid_choice");

/**
 * One entry of a list as a person types it: a title in Chinese (the English title is optional; pages in
 * English fall back to the Chinese), what kind of thing it is, how much and when.
 */
const listEntry = {
  titleZh: required(60),
  titleEn: optional(120),
  category,
  quantity: optional(40),
  availability: optional(60),
  description: optional(500, multilineText),
};

/** Everything done from a unit's page, one `intent` each. */
export const UnitListIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add_item"), list: z.enum(UNIT_LISTS, { error: "errors.field.invalid_choice" }), ...listEntry }),
  z.object({ intent: z.literal("update_item"), itemId: id, ...listEntry }),
  z.object({ intent: z.literal("remove_item"), itemId: id }),
  z.object({ intent: z.literal("offer"), needId: id, note: optional(300, multilineText) }),
  z.object({ intent: z.literal("accept"), matchId: id, note: optional(300, multilineText) }),
  z.object({ intent: z.literal("decline"), matchId: id, reason: required(300, multilineText) }),
]);
export type UnitListIntent = z.infer<typeof UnitListIntentSchema>;
export const UNIT_LIST_INTENTS = intentsOf(UnitListIntentSchema);

/** The directory's search: free words, and filters that are ignored (not refused) when malformed. */
export const UnitDirectoryQuery = z.object({
  q: lineText().trim().max(60).catch("").default(""),
  sector: z.enum(SECTOR_GROUPS).optional().catch(undefined),
  area: recordId.optional().catch(undefined),
  offers: category.optional().catch(undefined),
});
export type UnitDirectoryFilter = z.infer<typeof UnitDirectoryQuery>;

export const UnitIdParams = z.object({ unitId: recordId });
export const NeedIdParams = z.object({ needId: recordId });
export const ProjectIdParams = z.object({ projectId: recordId });

/** The community's needs list (staff). */
export const CommunityNeedIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add_need"),
    titleZh: required(60),
    titleEn: optional(120),
    category,
    description: optional(500, multilineText),
    areaId: id.optional().or(z.literal("").transform(() => undefined)),
    /** Issue #13: the resident's issue this need is taken from (prefilled from the issue page). */
    issueId: id.optional().or(z.literal("").transform(() => undefined)),
  }),
  z.object({ intent: z.literal("close_need"), needId: id }),
]);
export const COMMUNITY_NEED_INTENTS = intentsOf(CommunityNeedIntentSchema);

/** A need's matching page: staff ask a unit. */
export const MatchIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("request"), unitId: id, note: optional(300, multilineText) }),
  z.object({ intent: z.literal("accept_offer"), matchId: id }),
  z.object({ intent: z.literal("decline_offer"), matchId: id, reason: required(300, multilineText) }),
]);
export const MATCH_INTENTS = intentsOf(MatchIntentSchema);

/** A joint project's page: milestones and progress, by staff or an owner unit. */
export const ProjectIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add_milestone"),
    title: required(80),
    dueOn: calendarDate("units:errors.date_invalid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
  }),
  z.object({ intent: z.literal("complete_milestone"), milestoneId: id, evidence: required(500, multilineText) }),
  z.object({ intent: z.literal("progress"), progress: z.coerce.number({ error: "errors.field.invalid_choice" }).int().min(0).max(100) }),
  z.object({ intent: z.literal("complete_project") }),
]);
export const PROJECT_INTENTS = intentsOf(ProjectIntentSchema);

/** A unit's representative offers the unit from a need's page. */
export const NeedOfferSchema = z.object({ intent: z.literal("offer"), unitId: id, note: optional(300, multilineText) });
