import type { DomainError, DomainErrorKind } from "../domain/errors";

/**
 * The one translation of a domain refusal into HTTP (ADR 0016). Socket acks carry the kind itself as their
 * closed refusal reason (realtime/protocol.ts), with the same translation key.
 */
const HTTP_STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
  unauthenticated: 401,
};

export function httpStatusOf(error: DomainError): number {
  return HTTP_STATUS[error.kind];
}
