import type { DomainError, DomainErrorKind } from "../domain/errors";
import type { Refusal } from "../realtime/protocol";

/**
 * The one translation of a domain refusal for each transport (ADR 0016): an HTTP status for routes, and for
 * socket acks a refusal whose closed reason is the error's kind, carrying the same translation key.
 */
const HTTP_STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
  unauthenticated: 401,
  unavailable: 503,
};

export function httpStatusOf(error: DomainError): number {
  return HTTP_STATUS[error.kind];
}

export function refusalOf(error: DomainError): Refusal {
  return { ok: false, reason: error.kind, message: error.key, values: error.values };
}
