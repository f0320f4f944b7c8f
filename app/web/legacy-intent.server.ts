// Being replaced by defineAction in route.server.ts (ADR 0016); deleted once no route uses it.
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { isDomainError, HTTP_STATUS } from "../domain/errors";

export type IntentFailure = {
  ok: false;
  intent: string;
  formError: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
};

/** A refused form on a page with several forms: the error goes back to the form that was sent. */
export function intentFailure(
  intent: string,
  t: TFunction,
  failure: { fieldErrors?: Record<string, string>; values: Record<string, string>; error?: unknown },
  status = 400,
) {
  let formError: string | null = null;
  if (failure.error !== undefined) {
    if (!isDomainError(failure.error)) throw failure.error;
    formError = t(failure.error.key, failure.error.values);
    status = HTTP_STATUS[failure.error.kind];
  }
  const fieldErrors = Object.fromEntries(Object.entries(failure.fieldErrors ?? {}).map(([k, v]) => [k, t(v)]));
  return data<IntentFailure>({ ok: false, intent, formError, fieldErrors, values: failure.values }, { status });
}
