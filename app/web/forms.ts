/**
 * What every form post answers when it is refused, on every page (ADR 0016). The route that received the
 * form builds it in one place (`defineAction` in route.server.ts); components read it with `failureFor`.
 *
 * - `intent`: which form of the page was sent (pages with several forms put `intent` in a hidden field);
 * - `formError`: a translated sentence about the whole form (a domain refusal), or null;
 * - `reason`: that refusal's translation key, for a page that offers a way out of one particular refusal;
 * - `fieldErrors`: translated messages per field name (`actionItems.0` for rows);
 * - `values`: everything the person typed, so the form comes back without losing a character
 *   (passwords are never sent back).
 */
export interface FormFailure {
  ok: false;
  intent: string | null;
  formError: string | null;
  reason?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

export function isFormFailure(answer: unknown): answer is FormFailure {
  return !!answer && typeof answer === "object" && (answer as FormFailure).ok === false && "fieldErrors" in answer;
}

/**
 * The failure, if it belongs to this form: the same intent (when given) and, for forms repeated per row,
 * the same value of the row's key field (e.g. `{ actionItemId: item.id }`).
 */
export function failureFor(answer: unknown, intent?: string | null, row?: Record<string, string>): FormFailure | undefined {
  if (!isFormFailure(answer)) return undefined;
  if (intent !== undefined && answer.intent !== intent) return undefined;
  if (row && Object.entries(row).some(([field, value]) => answer.values[field] !== value)) return undefined;
  return answer;
}

/** The first message to show for a form: its own error, else the first field's. */
export function firstError(failure: FormFailure | undefined): string | null {
  if (!failure) return null;
  return failure.formError ?? Object.values(failure.fieldErrors)[0] ?? null;
}
