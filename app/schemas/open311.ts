import { z } from "zod";
import { slug } from "./params";

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
