import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "../i18n/config";
import { calendarDate, idField, pageNumber, recordId } from "./params";
import { lineText } from "./text";

// Messages are translation keys; the form translates them into the reader's language.

/** Roles staff give on the person page. `resident_rep` is a resident who sits on the council's voting roll. */
export const GRANTABLE_ROLES = [
  "community_staff",
  "meeting_host",
  "grid_worker",
  "unit_rep",
  "expert",
  "resident",
  "resident_rep",
] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

const optionalId = z.preprocess((value) => (value === "" ? undefined : value), recordId.optional());

export const GrantRoleSchema = z
  .object({
    communityId: idField("admin:errors.community_required"),
    role: z.enum(GRANTABLE_ROLES, { error: "admin:errors.role_required" }),
    gridId: optionalId,
    unitId: optionalId,
  })
  .refine((value) => value.role !== "grid_worker" || !!value.gridId, { path: ["gridId"], message: "admin:errors.grid_required" })
  .refine((value) => value.role !== "unit_rep" || !!value.unitId, { path: ["unitId"], message: "admin:errors.unit_required" });

/** Taking a role: the membership, or only its seat on the voting roll (`representative`). */
export const RevokeRoleSchema = z.object({
  membershipId: idField("errors.malformed_form"),
  part: z.enum(["role", "representative"]).default("role"),
});

export const MergeSchema = z.object({
  otherId: idField("admin:errors.merge_pick_other"),
  keep: z.enum(["this", "other"], { error: "admin:errors.merge_pick_survivor" }),
  confirm: z.literal("yes", { error: "admin:errors.merge_confirm" }),
});

/** Finding the other record of the same person by username, name or phone. */
export const PersonSearchSchema = z.object({ find: lineText().trim().max(60).optional() });

export const ChangePasswordSchema = z
  .object({
    current: z.string().min(1, "errors.field.required").max(256, "errors.field.too_long"),
    password: z.string().min(1, "errors.field.required").max(256, "errors.field.too_long"),
    confirm: z.string().max(256, "errors.field.too_long"),
  })
  .refine((value) => value.password === value.confirm, { path: ["confirm"], message: "people:password.mismatch" });

/** A mainland mobile or landline as people write it: digits, spaces, dashes, an optional +86. Empty removes it. */
export const PhoneSchema = z.object({
  phone: lineText()
    .trim()
    .max(20, "admin:errors.phone_invalid")
    .refine((value) => value === "" || /^\+?[0-9][0-9 -]{4,18}[0-9]$/.test(value), "admin:errors.phone_invalid"),
});

export const LanguageSchema = z.object({ language: z.enum(SUPPORTED_LANGUAGES, { error: "errors.malformed_form" }) });

export const EndSessionSchema = z.object({ sessionKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "errors.malformed_form") });

/** The audit trail's filters, from its query string; a malformed value is dropped rather than refused. */
export const AuditQuerySchema = z.object({
  actor: recordId.optional().catch(undefined),
  /** The record the rows are about (a person page links to its history). */
  subject: recordId.optional().catch(undefined),
  type: z
    .string()
    .regex(/^[A-Za-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  from: calendarDate("errors.field.date").optional().catch(undefined),
  to: calendarDate("errors.field.date").optional().catch(undefined),
  page: pageNumber().catch(1),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
