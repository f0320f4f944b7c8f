// Being replaced by parseForm in route.server.ts (ADR 0016); deleted once no route uses it.
import type { z } from "zod";

export type FormResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> };

/**
 * Parses a submitted form with the input's zod schema. On failure it returns the first message of each
 * field (a translation key) together with everything the person typed, so the form can be shown again
 * without losing a character.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.toLowerCase().includes("password")) values[key] = value;
  }
  const result = schema.safeParse(Object.fromEntries(formData.entries()));
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors, values };
}
