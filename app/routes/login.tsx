import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { systemClock } from "../domain/clock";
import { signIn } from "../domain/accounts/sign-in.server";
import { i18nServer } from "../i18n/i18next.server";
import { SignInSchema } from "../schemas/account";
import { getDb } from "../utils/db.server";
import { getEnv } from "../utils/env.server";
import { parseForm } from "../utils/forms";
import { domainErrorResponse } from "../utils/http.server";
import { safeRedirect } from "../utils/safe-redirect";
import { commitSessionId, getCurrentUser, readSessionId } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "登录 Sign in · 议事 Yishi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  const parsed = parseForm(SignInSchema, await request.formData());
  if (!parsed.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(parsed.fieldErrors).map(([k, v]) => [k, t(v)]));
    return data({ ok: false as const, formError: null, fieldErrors, values: parsed.values }, { status: 400 });
  }
  const { username, password, redirectTo } = parsed.data;
  const env = getEnv();
  try {
    const session = await signIn(
      getDb(),
      systemClock,
      {
        maxFailures: env.SIGNIN_MAX_FAILURES,
        windowMinutes: env.SIGNIN_WINDOW_MINUTES,
        accountMaxFailures: env.SIGNIN_ACCOUNT_MAX_FAILURES,
        ipMaxFailures: env.SIGNIN_IP_MAX_FAILURES,
      },
      { username, password, ip: context.clientIp ?? "unknown", previousSessionId: await readSessionId(request) },
    );
    return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await commitSessionId(session.sessionId, request) } });
  } catch (error) {
    return domainErrorResponse(error, t, { username, redirectTo: redirectTo ?? "" });
  }
}

export default function LoginPage() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";
  const values = result && !result.ok ? result.values : {};
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <div className="mx-auto max-w-md">
      <h1>{t("login.title")}</h1>
      <p className="mt-2 text-ink-muted">{t("login.intro")}</p>
      <Form method="post" className="card mt-6 space-y-5" noValidate>
        {result && !result.ok && result.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {result.formError}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? searchParams.get("redirectTo") ?? "/"} />
        <div>
          <label htmlFor="username" className="field-label">
            {t("login.username")}
          </label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            defaultValue={values.username ?? ""}
            aria-invalid={fieldErrors.username ? true : undefined}
            aria-describedby={fieldErrors.username ? "username-error" : undefined}
            className="field-input"
          />
          {fieldErrors.username ? (
            <p id="username-error" className="field-error">
              {fieldErrors.username}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="password" className="field-label">
            {t("login.password")}
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? "password-error" : undefined}
            className="field-input"
          />
          {fieldErrors.password ? (
            <p id="password-error" className="field-error">
              {fieldErrors.password}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {busy ? t("login.signing_in") : t("login.submit")}
        </button>
      </Form>
      <p className="mt-4 text-sm text-ink-muted">{t("login.demo_hint")}</p>
    </div>
  );
}
