import { z } from "zod";
import { SERIES_DAY_RULES, SERIES_FREQUENCIES } from "../domain/joint-meetings/recurrence";
import { QUORUM_RULES } from "../domain/voting/tally";
import { idField, recordId } from "./params";
import { lineText } from "./text";

// Messages are translation keys; forms translate them into the reader's language.
const required = (max: number) => lineText().trim().min(1, "errors.field.required").max(max, "errors.field.too_long");
const id = idField("errors.field.invalid_choice");
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: "errors.field.invalid_choice" });
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,2}$/, "errors.field.invalid_choice")
    .transform(Number)
    .pipe(z.number().int().min(min, "errors.field.invalid_choice").max(max, "errors.field.invalid_choice"));
/** Empty means "no substitute" / "not invited". */
const optionalId = z
  .union([id, z.literal("")])
  .optional()
  .transform((value) => (value ? value : null));

/** One unit's seat: its delegate and (optionally) its substitute; a unit with no delegate is not invited. */
export const SeatSchema = z.object({ unitId: id, delegateId: optionalId, substituteId: optionalId });
export type SeatInput = z.infer<typeof SeatSchema>;

/**
 * A joint-meeting series by the 三定 rule. The day is either the nth (or last) weekday of the month or a
 * day of the month; the fields of the other rule are ignored.
 */
export const JointSeriesSchema = z
  .object({
    title: required(120),
    theme: required(200),
    place: required(120),
    frequency: choice(SERIES_FREQUENCIES),
    monthInPeriod: wholeNumber(1, 3).default(1),
    dayRule: choice(SERIES_DAY_RULES),
    ordinal: wholeNumber(-1, 4)
      .refine((n) => n !== 0, "errors.field.invalid_choice")
      .default(1),
    weekday: wholeNumber(1, 7).default(4),
    dayOfMonth: wholeNumber(1, 31).default(1),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "units:jointMeetings.errors.badTime"),
    ahead: wholeNumber(1, 4).default(2),
    hostId: id,
    quorumRule: choice(QUORUM_RULES),
    seats: z.array(SeatSchema).max(200, "errors.field.too_long").default([]),
  })
  .transform((input) => ({ ...input, monthInPeriod: input.frequency === "monthly" ? 1 : input.monthInPeriod }));
export type JointSeriesInput = z.infer<typeof JointSeriesSchema>;

/** The form as posted: the seat rows come as parallel fields (one select pair per unit). */
export function seriesFormInput(form: FormData): Record<string, unknown> {
  const units = form.getAll("seatUnit").map(String);
  const delegates = form.getAll("seatDelegate").map(String);
  const substitutes = form.getAll("seatSubstitute").map(String);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !key.startsWith("seat")) fields[key] ??= value;
  return {
    ...fields,
    seats: units.map((unitId, i) => ({ unitId, delegateId: delegates[i] ?? "", substituteId: substitutes[i] ?? "" })),
  };
}

export const SeriesIdParams = z.object({ seriesId: recordId });
