import { z } from "zod";
import { POST_KINDS, REGISTRATION_KINDS } from "../domain/volunteering/rules";
import { WISH_CATEGORIES } from "../domain/wishes/rules";
import { intentsOf } from "./intents";
import { parseChinaLocalTime } from "./meetings";
import { idField, recordId } from "./params";
import { lineText, multilineText } from "./text";

// Messages are translation keys; forms translate them into the reader's language.
const required = (max: number, text = lineText) => text().trim().min(1, "errors.field.required").max(max, "errors.field.too_long");
const optional = (max: number, text = lineText) =>
  text()
    .trim()
    .max(max, "errors.field.too_long")
    .optional()
    .transform((value) => (value ? value : undefined));
const id = idField("errors.field.invalid_choice");
const optionalId = id.optional().or(z.literal("").transform(() => undefined));

const chinaTime = z
  .string()
  .min(1, "errors.field.required")
  .transform((value, ctx) => {
    const date = parseChinaLocalTime(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "volunteering:errors.bad_time" });
      return z.NEVER;
    }
    return date;
  });

/** Whole yuan, up to ¥10,000: a small wish is small. Empty means no cap. */
const valueCap = z
  .string()
  .trim()
  .regex(/^\d{0,5}$/, "volunteering:errors.value_cap")
  .transform((value) => (value ? Number(value) : undefined))
  .pipe(z.number().int().min(1, "volunteering:errors.value_cap").max(10_000, "volunteering:errors.value_cap").optional());

/** The wish form, the same for a resident and for a grid worker posting on a resident's behalf. */
export const WishSchema = z.object({
  title: required(40),
  category: z.enum(WISH_CATEGORIES, { error: "errors.field.invalid_choice" }),
  description: optional(300, multilineText),
  valueCap: valueCap.optional().transform((value) => value ?? undefined),
  publicName: required(8),
  building: required(10),
});

/** Everything done from a wish's page, one `intent` each (fulfilment is multipart, with its photo). */
export const WishIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("decline"), reason: required(200, multilineText) }),
  z.object({ intent: z.literal("claim"), unitId: optionalId }),
  z.object({ intent: z.literal("release") }),
  z.object({ intent: z.literal("fulfil"), note: optional(300, multilineText) }),
  z.object({ intent: z.literal("confirm"), thanks: optional(200, multilineText) }),
]);
export const WISH_INTENTS = intentsOf(WishIntentSchema);

export const WishIdParams = z.object({ wishId: recordId });
export const PostIdParams = z.object({ postId: recordId });

/** The volunteering page: registering (双报到), publishing posts, and the office's decisions. */
export const VolunteeringIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("register"),
    kind: z.enum(REGISTRATION_KINDS, { error: "errors.field.invalid_choice" }),
    unitId: optionalId,
    building: required(10),
    skills: optional(100),
  }),
  z.object({ intent: z.literal("confirm_registration"), registrationId: id }),
  z.object({ intent: z.literal("decline_registration"), registrationId: id, reason: required(200, multilineText) }),
  z.object({
    intent: z.literal("create_post"),
    kind: z.enum(POST_KINDS, { error: "errors.field.invalid_choice" }),
    titleZh: required(40),
    titleEn: optional(80),
    description: optional(300, multilineText),
    place: required(60),
    startsAt: chinaTime,
    endsAt: chinaTime,
    slots: z.coerce
      .number({ error: "volunteering:errors.slots" })
      .int("volunteering:errors.slots")
      .min(1, "volunteering:errors.slots")
      .max(200, "volunteering:errors.slots"),
  }),
  z.object({ intent: z.literal("confirm_hours"), dutyId: id }),
]);
export const VOLUNTEERING_INTENTS = intentsOf(VolunteeringIntentSchema);

/** A post's page: claim, sign in and out, and the office's confirmation of hours. */
export const PostIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("claim") }),
  z.object({ intent: z.literal("withdraw"), dutyId: id }),
  z.object({ intent: z.literal("sign_in"), dutyId: id, code: optional(12) }),
  z.object({ intent: z.literal("sign_out"), dutyId: id }),
  z.object({
    intent: z.literal("confirm_hours"),
    dutyId: id,
    // Hours as staff correct them (e.g. "2.5"); empty keeps the signed time.
    hours: z
      .string()
      .trim()
      .regex(/^(\d{1,2}(\.\d{1,2})?)?$/, "volunteering:errors.hours")
      .transform((value) => (value ? Math.round(Number(value) * 60) : undefined))
      .optional(),
  }),
  z.object({ intent: z.literal("reject_duty"), dutyId: id }),
]);
export const POST_INTENTS = intentsOf(PostIntentSchema);

/** The certificate's year in its address; absent or malformed means this year. */
export const CertificateQuery = z.object({
  year: z
    .string()
    .regex(/^20\d{2}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});

/** The QR poster's code in the post's address (/volunteering/posts/<id>?code=…). */
export const CheckInQuery = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9]{4,12}$/)
    .optional()
    .catch(undefined),
});
