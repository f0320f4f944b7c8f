/**
 * Domain errors carry a translation key (under `errors.` in app/i18n/locales) and optional values,
 * never a sentence: routes and socket handlers translate them into the user's language.
 */
export type DomainErrorKind = "not_found" | "forbidden" | "conflict" | "invalid" | "rate_limited" | "unauthenticated" | "unavailable";

/** Turns a translation key and its values into the reader's language: i18next's `t`, or a test's stand-in. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "DomainError";
  }

  /** The refusal as a sentence. A refusal that names several things (the blocks missing from minutes) overrides it. */
  describe(t: Translate): string {
    return t(this.key, this.values);
  }
}

export const notFound = (key = "errors.not_found", values?: Record<string, string | number>) => new DomainError("not_found", key, values);
export const forbidden = (key = "errors.forbidden", values?: Record<string, string | number>) => new DomainError("forbidden", key, values);
export const conflict = (key: string, values?: Record<string, string | number>) => new DomainError("conflict", key, values);
export const invalid = (key: string, values?: Record<string, string | number>) => new DomainError("invalid", key, values);
export const unauthenticated = (key = "errors.sign_in_required") => new DomainError("unauthenticated", key);
/** Not refused, not done: the same request may succeed if sent again shortly (a restart, a failed write). */
export const unavailable = (key: string, values?: Record<string, string | number>) => new DomainError("unavailable", key, values);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
