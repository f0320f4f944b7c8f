import { z } from "zod";
import { lineText } from "./text";
import { recordId } from "./params";

// Messages are translation keys; the form translates them into the reader's language.

/** One cell of a roll row as staff type it when fixing the row: the row's own rules judge the content. */
const cell = (max: number) => lineText().trim().max(max, "errors.field.too_long").default("");

/** A roll row corrected on the preview page. The rules of the roll (roll-rows.ts) check it again. */
export const RollRowFixSchema = z.object({
  line: z.coerce.number().int().min(2).max(1_000_000),
  name: cell(60),
  phone: cell(40),
  building: cell(20),
  entrance: cell(20),
  room: cell(20),
  grid: cell(60),
  representative: cell(10),
});

export const RollRowSkipSchema = z.object({
  line: z.coerce.number().int().min(2).max(1_000_000),
});

/** Confirming an import: the page's script asks for one chunk at a time (progress); a plain form, for all. */
export const RollApplySchema = z.object({
  chunk: z.literal("1").optional(),
});

/** Whose invitation letters to print: everyone an import enrolled who has not activated, or one person. */
export const LettersSchema = z.union([z.object({ importId: recordId }), z.object({ userId: recordId })], {
  error: "errors.malformed_form",
});

export const ActivationSchema = z
  .object({
    code: lineText().trim().min(1, "errors.field.required").max(40, "people:errors.code_unknown"),
    password: z.string().min(1, "errors.field.required").max(256, "errors.field.too_long"),
    confirm: z.string().max(256, "errors.field.too_long"),
  })
  .refine((value) => value.password === value.confirm, { path: ["confirm"], message: "people:password.mismatch" });
