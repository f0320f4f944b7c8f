import { z } from "zod";
import { recordId, slug } from "./params";
import { RaiseIssueSchema } from "./issues";

/** A W3C date-time as the spec uses it (2010-04-14T06:37:38-08:00, Z, or a date alone). */
const dateTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/)
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()));

/** GET /open311/v2/requests.json: every filter the spec defines. Unknown parameters are ignored, as the spec asks. */
export const Open311RequestsQuery = z.object({
  jurisdiction_id: slug.optional(),
  service_code: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  status: z
    .string()
    .max(20)
    .transform((value) => value.split(",").map((s) => s.trim()))
    .pipe(z.array(z.enum(["open", "closed"])).min(1))
    .optional(),
  start_date: dateTime.optional(),
  end_date: dateTime.optional(),
  service_request_id: z
    .string()
    .max(12_000)
    .transform((value) => value.split(",").map((s) => s.trim()))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^\d{1,9}$/)
            .transform(Number),
        )
        .min(1)
        .max(1000),
    )
    .optional(),
});
export type Open311RequestsFilters = z.infer<typeof Open311RequestsQuery>;

/** Only jurisdiction_id, for the service list and one request. */
export const Open311JurisdictionQuery = z.object({ jurisdiction_id: slug.optional() });

/** "<code>.json" in /open311/v2/services/<code>.json, "<id>.json" in /open311/v2/requests/<id>.json. */
export const Open311ServiceFile = z.string().regex(/^[A-Za-z0-9_-]{1,64}\.json$/);
export const Open311RequestFile = z.string().regex(/^\d{1,9}\.json$/);

// ---- POST requests.json (filing through an API key) ----

/** An empty field counts as absent: form clients send `lat=&long=` for "no place". */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max).optional()).transform((value) => (value ? value : undefined));
const coordinate = (limit: number) => z.preprocess(blankToUndefined, z.coerce.number().min(-limit).max(limit).optional());

/**
 * POST /open311/v2/requests.json. The description keeps the tracker's raise-form limits (RaiseIssueSchema);
 * the address the form's address limit. Contact fields are optional and go to staff only (see docs/open-data.md).
 */
export const Open311PostBody = z
  .object({
    api_key: z.string().min(1).max(200),
    jurisdiction_id: z.preprocess(blankToUndefined, slug.optional()),
    service_code: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
    description: RaiseIssueSchema.shape.description,
    lat: coordinate(90),
    long: coordinate(180),
    address_string: z.preprocess(blankToUndefined, RaiseIssueSchema.shape.address),
    first_name: optionalText(100),
    last_name: optionalText(100),
    email: z.preprocess(blankToUndefined, z.string().trim().max(254).email().optional()),
    phone: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(40)
        .regex(/^[0-9+()\- ]+$/)
        .optional(),
    ),
  })
  .refine((body) => (body.lat === undefined) === (body.long === undefined), { path: ["lat"] });
export type Open311PostInput = z.infer<typeof Open311PostBody>;

/** The staff form on /open311-keys. */
export const Open311KeyIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), label: z.string().trim().min(1, "errors.field.required").max(80, "errors.field.too_long") }),
  z.object({ intent: z.literal("revoke"), keyId: recordId }),
]);
