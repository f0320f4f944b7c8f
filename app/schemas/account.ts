import { z } from "zod";
import { lineText } from "./text";
import { SUPPORTED_LANGUAGES } from "../i18n/config";

// Messages are translation keys; the form translates them into the reader's language.
export const SignInSchema = z.object({
  username: lineText().trim().min(1, "errors.field.required").max(64, "errors.field.too_long"),
  password: z.string().min(1, "errors.field.required").max(256, "errors.field.too_long"),
  redirectTo: z.string().optional(),
});

export const SetLanguageSchema = z.object({
  language: z.enum(SUPPORTED_LANGUAGES, { error: "errors.field.invalid_choice" }),
  redirectTo: z.string().optional(),
});

export const SetCommunitySchema = z.object({
  community: z.string().min(1, "errors.field.required"),
  redirectTo: z.string().optional(),
});
