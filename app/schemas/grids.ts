import { z } from "zod";
import { intentsOf } from "./intents";
import { idField, recordId } from "./params";
import { lineText } from "./text";

// Messages are translation keys; the form translates them into the reader's language.
const name = (max: number) => lineText().trim().min(1, "errors.field.required").max(max, "errors.field.too_long");
const households = z.coerce
  .number({ error: "admin:grids.errors.households_range" })
  .int("admin:grids.errors.households_range")
  .min(0, "admin:grids.errors.households_range")
  .max(100_000, "admin:grids.errors.households_range");
const gridFields = { nameZh: name(30), nameEn: name(60), households };

export const GridsIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add_grid"),
    code: lineText()
      .trim()
      .min(1, "errors.field.required")
      .max(20, "errors.field.too_long")
      .regex(/^[A-Za-z0-9-]+$/, "admin:grids.errors.code_format"),
    ...gridFields,
  }),
  z.object({
    intent: z.literal("update_grid"),
    gridId: idField("admin:grids.errors.grid_not_found"),
    ...gridFields,
    workerMembershipId: z.preprocess((value) => (value === "" ? undefined : value), recordId.optional()),
  }),
  z.object({ intent: z.literal("add_area"), nameZh: name(30), nameEn: name(60) }),
  z.object({ intent: z.literal("rename_area"), areaId: idField("admin:grids.errors.area_not_found"), nameZh: name(30), nameEn: name(60) }),
]);
export const GRIDS_INTENTS = intentsOf(GridsIntentSchema);
