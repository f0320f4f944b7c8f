import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { HTTP_STATUS, isDomainError } from "../domain/errors";

/**
 * Turns a domain error thrown by an action into a 4xx response carrying the translated message and the
 * values the person typed, so the form comes back intact. Anything else is re-thrown (a real 500).
 */
export function domainErrorResponse(error: unknown, t: TFunction, values: Record<string, string> = {}) {
  if (!isDomainError(error)) throw error;
  return data(
    { ok: false as const, formError: t(error.key, error.values), fieldErrors: {} as Record<string, string>, values },
    { status: HTTP_STATUS[error.kind] },
  );
}
