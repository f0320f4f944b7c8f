import { z } from "zod";
import { LEVEL_UNITS } from "../domain/service-levels/working-days";
import { intentsOf } from "./intents";
import { calendarDate, idField } from "./params";
import { lineText } from "./text";

/** A step's allowance: a whole number of working days or hours, within what a street office would set. */
const amount = z.coerce
  .number({ error: "figures:errors.level_invalid" })
  .int("figures:errors.level_invalid")
  .min(0, "figures:errors.level_invalid")
  .max(720, "figures:errors.level_invalid");

export const ServiceLevelIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("set_level"),
    categoryId: idField("issues:errors.category_not_found"),
    unit: z.enum(LEVEL_UNITS, { error: "errors.field.invalid_choice" }),
    triage: amount,
    acknowledge: amount,
    firstAction: amount,
    resolution: amount,
  }),
  z.object({
    intent: z.literal("add_closure"),
    date: calendarDate("issues:errors.date_invalid"),
    reason: lineText().trim().min(1, "errors.field.required").max(60, "errors.field.too_long"),
  }),
  z.object({ intent: z.literal("remove_closure"), closureId: idField("errors.field.invalid_choice") }),
]);
export type ServiceLevelCommand = z.infer<typeof ServiceLevelIntentSchema>;
export const SERVICE_LEVEL_INTENTS = intentsOf(ServiceLevelIntentSchema);
