/**
 * The one way a route answers (ADR 0016). A route module is thin:
 *
 *   export const loader = defineLoader(async ({ request, params, context }) => {
 *     const user = await requireUser(request);
 *     const meeting = await meetingPage(context.db, user, param(params, "meetingId", recordId)); // a use case
 *     return meeting;
 *   });
 *
 *   export const action = defineAction(async ({ request, context, form }) => {
 *     const user = await requireUser(request);
 *     const input = parseForm(AgendaItemSchema, form);          // refused → 400 with field errors
 *     await addAgendaItem(context.db, context.clock, user, input); // refused → its DomainError's status
 *     return redirect(...);
 *   });
 *
 * Loaders turn a DomainError into an error page with that status; actions turn an invalid form or a
 * DomainError into the same FormFailure shape (forms.ts), translated, with what was typed.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { DomainError } from "../domain/errors";
import { isDomainError } from "../domain/errors";
import { translateFormerResident } from "../domain/enrolment/former-resident";
import { DEFAULT_LANGUAGE } from "../i18n/config";
import { translatorFor } from "../i18n/i18next.server";
import { httpStatusOf } from "./error-mapping";
import type { FormFailure } from "./forms";
import type { IncomingFile } from "./multipart-form.server";
import { readMultipartForm } from "./multipart-form.server";
import { readFormData } from "./params.server";
import { signInUrlFor } from "./session.server";
import { enterRequestScope, forgetRequestMemos } from "./request-scope.server";

/**
 * A form that does not fit its schema: field name → translation key (the first problem of each field), and
 * the values those messages interpolate (a range's bounds), if any.
 */
export class InvalidForm extends Error {
  constructor(
    readonly fieldErrors: Record<string, string>,
    readonly messageValues: Record<string, string | number> = {},
  ) {
    super("invalid form");
    this.name = "InvalidForm";
  }
}

/** What the error page of a refused loader shows: a status and, when the domain said why, that reason. */
export interface RefusedPage {
  reason: string;
  values: Record<string, string | number>;
}

function isPasswordField(name: string): boolean {
  return name.toLowerCase().includes("password");
}

/** The text fields of a form as typed (passwords left out), to send back with a refusal. */
export function submittedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !isPasswordField(key)) values[key] ??= value;
  return values;
}

/**
 * Parses input with its zod schema (the same schema the form's page and any socket event use). From a
 * FormData, each field's first value is read; pass an object for inputs built from several fields (rows).
 * Throws InvalidForm, which defineAction answers with the field messages (interpolating `messageValues`).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: FormData | Record<string, unknown>,
  messageValues?: Record<string, string | number>,
): z.infer<S> {
  const raw = input instanceof FormData ? Object.fromEntries(input.entries()) : input;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    fieldErrors[field] ??= issue.message;
  }
  throw new InvalidForm(fieldErrors, messageValues);
}

/** A DomainError as a thrown error page: the loader's equivalent of a refused form. */
function refusedPage(request: Request, error: DomainError): never {
  if (error.kind === "unauthenticated") throw redirect(signInUrlFor(request));
  throw data<RefusedPage>({ reason: error.key, values: error.values }, { status: httpStatusOf(error) });
}

/**
 * Wraps a loader: anything the domain refuses becomes the error page with the right status (404, 403, …)
 * and the domain's reason, translated by the error boundary. Responses (redirects) pass through.
 */
export function defineLoader<A extends LoaderFunctionArgs, T>(loader: (args: A) => Promise<T>): (args: A) => Promise<T> {
  return async (args) => {
    enterRequestScope(args.request, args.context);
    try {
      const result = await loader(args);
      // A deleted person's stored name is a marker: the reader sees it in their language ("former resident").
      // The first walk only looks (it copies nothing when the marker is absent, the usual case).
      if (translateFormerResident(result, "") === result) return result;
      const { language, t } = await translatorFor(args.request);
      return language === DEFAULT_LANGUAGE ? result : translateFormerResident(result, t("common:former_resident"));
    } catch (error) {
      if (isDomainError(error)) refusedPage(args.request, error);
      throw error;
    }
  };
}

export interface FormArgs extends ActionFunctionArgs {
  /** The submitted form (text fields; with `multipart`, files are in `files`). */
  form: FormData;
  /** The `intent` field of pages with several forms, or null. */
  intent: string | null;
  /** Files of a multipart form, already size-checked (only with `multipart: true`). */
  files: IncomingFile[];
}

export interface ActionOptions {
  /** Read the body as multipart (photos), with the upload limits of multipart-form.server.ts. */
  multipart?: boolean;
  /** Intents this action knows; any other is refused as malformed before the handler runs. */
  intents?: readonly string[];
  /**
   * What of the typed values goes back with a refusal (default: all but passwords). For fields whose
   * refused input must not be echoed into the page, e.g. a join code far longer than any code.
   */
  echo?: (typed: Record<string, string>) => Record<string, string>;
  /**
   * The route has no component (a resource route): refusals are sent as JSON Responses with their status.
   * Remix sends a `data()` value from such a route as it is, with status 200, to a request that is not one
   * of its own data requests (a form posted before JavaScript has loaded).
   */
  resource?: boolean;
}

/**
 * Wraps an action: reads the form once, then answers every refusal the same way: an InvalidForm with its
 * field messages (400), a DomainError with its message and status, both translated into the reader's
 * language and carrying the intent and what was typed. Unexpected errors stay 500s.
 */
export function defineAction<T>(
  handler: (args: FormArgs) => Promise<T>,
  options: ActionOptions & { resource: true },
): (args: ActionFunctionArgs) => Promise<T | Response>;
export function defineAction<T>(
  handler: (args: FormArgs) => Promise<T>,
  options?: ActionOptions,
): (args: ActionFunctionArgs) => Promise<T | ReturnType<typeof data<FormFailure>>>;
export function defineAction<T>(
  handler: (args: FormArgs) => Promise<T>,
  options: ActionOptions = {},
): (args: ActionFunctionArgs) => Promise<T | ReturnType<typeof data<FormFailure>> | Response> {
  const refuse = async (refusal: Promise<ReturnType<typeof data<FormFailure>>>) => {
    const answer = await refusal;
    return options.resource ? Response.json(answer.data, answer.init ?? undefined) : answer;
  };
  return async (args) => {
    enterRequestScope(args.request, args.context);
    let form: FormData;
    let files: IncomingFile[] = [];
    try {
      if (options.multipart) ({ formData: form, files } = await readMultipartForm(args.request));
      else form = await readFormData(args.request);
    } catch (error) {
      if (isDomainError(error)) return refuse(failure(args.request, null, {}, { error }));
      throw error;
    }
    const intentValue = form.get("intent");
    const intent = typeof intentValue === "string" ? intentValue : null;
    const values = (options.echo ?? ((typed) => typed))(submittedValues(form));
    if (options.intents && (intent === null || !options.intents.includes(intent))) {
      return refuse(failure(args.request, intent, values, { fieldErrors: { form: "errors.malformed_form" } }));
    }
    try {
      return await handler({ ...args, form, intent, files });
    } catch (error) {
      if (error instanceof InvalidForm)
        return refuse(failure(args.request, intent, values, { fieldErrors: error.fieldErrors, messageValues: error.messageValues }));
      // A wrong password is refused here too (401 with its message); pages that need a person call
      // requireUser first, which sends visitors to sign in.
      if (isDomainError(error)) return refuse(failure(args.request, intent, values, { error }));
      throw error;
    } finally {
      forgetRequestMemos(args.request);
    }
  };
}

/** Builds the refusal: translated messages, the intent and the typed values, with the right status. */
async function failure(
  request: Request,
  intent: string | null,
  values: Record<string, string>,
  problem: { fieldErrors: Record<string, string>; messageValues?: Record<string, string | number> } | { error: DomainError },
) {
  const { t } = await translatorFor(request);
  if ("error" in problem) {
    const { error } = problem;
    return data<FormFailure>(
      { ok: false, intent, formError: error.describe(t), reason: error.key, fieldErrors: {}, values },
      { status: httpStatusOf(error) },
    );
  }
  const fieldErrors = Object.fromEntries(Object.entries(problem.fieldErrors).map(([field, key]) => [field, t(key, problem.messageValues)]));
  return data<FormFailure>({ ok: false, intent, formError: null, fieldErrors, values }, { status: 400 });
}
