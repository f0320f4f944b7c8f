import { z } from "zod";
import { VERIFICATION_METHODS } from "../domain/enrolment/rules";
import { SECTOR_GROUPS, UNIT_KINDS } from "../domain/roles";
import { recordId } from "./params";
import { lineText, multilineText } from "./text";

// Messages are translation keys; the form translates them into the reader's language. The domain's rules
// (enrolment/rules.ts) judge the content; these only bound what is read.

const field = (max: number) => lineText().trim().min(1, "errors.field.required").max(max, "errors.field.too_long");

/** The address on the registration and re-application forms: building and room required, entrance optional. */
const address = {
  building: field(20),
  entrance: lineText().trim().max(20, "errors.field.too_long").default(""),
  room: field(20),
  gridId: recordId.or(z.literal("")).refine((value) => value !== "", "enrol:errors.grid_required"),
};

export const RegistrationSchema = z
  .object({
    name: field(40),
    phone: field(30),
    ...address,
    password: z.string().min(1, "errors.field.required").max(256, "errors.field.too_long"),
    confirm: z.string().max(256, "errors.field.too_long"),
    consent: z.literal("on", { error: "enrol:errors.consent_required" }),
  })
  .refine((value) => value.password === value.confirm, { path: ["confirm"], message: "people:password.mismatch" });

export const ReapplySchema = z.object({ recordId, ...address });

const method = z.enum(VERIFICATION_METHODS, { error: "enrol:errors.method_required" });
const note = multilineText().trim().max(500, "errors.field.too_long").optional();

export const ApproveSchema = z.object({ recordId, method, note });
export const DeclineSchema = z.object({
  recordId,
  method,
  note,
  reason: multilineText().trim().min(1, "enrol:errors.reason_required").max(500, "errors.field.too_long"),
});

export const VERIFY_INTENTS = ["approve", "decline"] as const;

export const DeletionRequestSchema = z.object({
  reason: multilineText().trim().max(500, "errors.field.too_long").optional(),
  confirm: z.literal("on", { error: "enrol:errors.deletion_confirm_required" }),
});
export const DeletionConfirmSchema = z.object({ requestId: recordId });
export const ACCOUNT_DATA_INTENTS = ["request-deletion", "withdraw-deletion"] as const;

const optionalLine = (max: number) =>
  lineText()
    .trim()
    .max(max, "errors.field.too_long")
    .optional()
    .transform((value) => (value ? value : undefined));

/** A participating unit as staff type it (the English name falls back to the Chinese one). */
export const UnitFieldsSchema = z.object({
  nameZh: field(60),
  nameEn: optionalLine(120),
  kind: z.enum(UNIT_KINDS, { error: "errors.field.invalid_choice" }),
  sectorGroup: z.enum(SECTOR_GROUPS, { error: "errors.field.invalid_choice" }),
  areaId: recordId.optional().or(z.literal("").transform(() => undefined)),
  contactName: optionalLine(40),
  contactPhone: optionalLine(40),
});
export const UnitRepresentativeSchema = z.object({
  userId: recordId.or(z.literal("")).refine((v) => v !== "", "enrol:errors.person_required"),
});
export const UnitRepresentativeRemoveSchema = z.object({ membershipId: recordId });
export const UNIT_ADMIN_INTENTS = ["save", "add-rep", "remove-rep", "archive", "restore"] as const;
