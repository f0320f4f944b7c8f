import { z } from "zod";
import { lineText } from "./text";
import { SUPPORTED_LANGUAGES } from "../i18n/config";

// Messages are translation keys; the form translates them into the reader's language.
export const SignInSchema = z.object({
  username: lineText().trim().min(1, "errors.field.required").max(64, "errors.field.too_long"),
  password: z.string().min(1, "errors.field.required").max(256, "errors.field.too_long"),
  redirectTo: z.string().optional(),
});

export const TEXT_SIZES = ["normal", "large"] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/*
 * The header's switches (language, text size, community) always take the person back to the page they
 * pressed them on: a choice that is not on offer is dropped, and nothing changes, rather than refused.
 */
const choiceOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

export const SetLanguageSchema = z.object({ language: choiceOf(SUPPORTED_LANGUAGES), redirectTo: z.string().optional() });

export const SetTextSizeSchema = z.object({ size: choiceOf(TEXT_SIZES), redirectTo: z.string().optional() });

export const SetCommunitySchema = z.object({
  community: z.string().min(1).optional().catch(undefined),
  redirectTo: z.string().optional(),
});
