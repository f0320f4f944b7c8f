import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { signInLimits } from "../domain/accounts/sign-in-limits.server";
import { isDomainError } from "../domain/errors";
import { activateAccount } from "../domain/people/activation.server";
import { MIN_PASSWORD_LENGTH } from "../domain/people/limits";
import { getEnv } from "../infra/env.server";
import { endSessionSockets } from "../realtime/end-session-sockets.server";
import { ActivationSchema } from "../schemas/people";
import { failureFor } from "../web/forms";
import { InvalidForm, defineAction, parseForm } from "../web/route.server";
import { commitSessionId, readSessionId } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["people"] };

export const meta: MetaFunction = () => [{ title: "开通账号 Activate your account · 议事 Yishi" }];

export const action = defineAction(async ({ request, context, form }) => {
  const { code, password } = parseForm(ActivationSchema, form);
  try {
    const session = await activateAccount(context.db, context.clock, signInLimits(getEnv()), {
      code,
      password,
      ip: context.clientIp,
      previousSessionId: await readSessionId(request),
      userAgent: request.headers.get("User-Agent"),
    });
    for (const sessionId of session.endedSessionIds) endSessionSockets(context.io, sessionId, "errors.realtime.signed_out");
    return redirect("/", { headers: { "Set-Cookie": await commitSessionId(session.sessionId, request) } });
  } catch (error) {
    // A weak password belongs next to the password field, a wrong code next to the code.
    if (isDomainError(error) && error.key.startsWith("people:password."))
      throw new InvalidForm({ password: error.key }, { min: MIN_PASSWORD_LENGTH });
    if (isDomainError(error) && error.key.startsWith("people:errors.code_")) throw new InvalidForm({ code: error.key });
    throw error;
  }
});

export default function ActivatePage() {
  const { t } = useTranslation("people");
  const failure = failureFor(useActionData<typeof action>());
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const codeInput = useRef<HTMLInputElement>(null);

  // The letter's QR code carries the code after '#', which never reaches the server: fill it in here,
  // then take it out of the address bar and history.
  useEffect(() => {
    const match = /(?:^#|&)code=([0-9]{6,20})/.exec(window.location.hash);
    if (match && codeInput.current && !codeInput.current.value) codeInput.current.value = match[1].replace(/(\d{4})(?=\d)/g, "$1 ");
    if (match) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  const describedBy = (name: string, hint?: string) =>
    [errors[name] ? `${name}-error` : "", hint ?? ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1>{t("activate.title")}</h1>
      <p className="mt-2 text-ink-muted">{t("activate.intro")}</p>
      <Form method="post" className="card mt-6 space-y-5" noValidate>
        {failure?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {failure.formError}
          </p>
        ) : null}
        <div>
          <label htmlFor="code" className="field-label">
            {t("activate.code")}
          </label>
          <input
            ref={codeInput}
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            defaultValue={values.code ?? ""}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={describedBy("code")}
            className="field-input font-mono text-xl tracking-wider"
          />
          {errors.code ? (
            <p id="code-error" className="field-error">
              {errors.code}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="password" className="field-label">
            {t("activate.password")}
          </label>
          <p id="password-hint" className="mb-1 text-sm text-ink-muted">
            {t("activate.password_hint", { min: MIN_PASSWORD_LENGTH })}
          </p>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={describedBy("password", "password-hint")}
            className="field-input"
          />
          {errors.password ? (
            <p id="password-error" className="field-error">
              {errors.password}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="confirm" className="field-label">
            {t("activate.confirm")}
          </label>
          <input
            id="confirm"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={errors.confirm ? true : undefined}
            aria-describedby={describedBy("confirm")}
            className="field-input"
          />
          {errors.confirm ? (
            <p id="confirm-error" className="field-error">
              {errors.confirm}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {busy ? t("activate.submitting") : t("activate.submit")}
        </button>
      </Form>
    </div>
  );
}
