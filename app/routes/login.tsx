import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signIn } from "../domain/accounts/sign-in.server";
import { signInLimits } from "../domain/accounts/sign-in-limits.server";
import { getEnv } from "../infra/env.server";
import { SignInSchema } from "../schemas/account";
import { failureFor } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { safeRedirect } from "../web/safe-redirect";
import { commitSessionId, getCurrentUser, readSessionId } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol"] };

export const meta: MetaFunction = () => [{ title: "登录 Sign in · 议事 Yishi" }];

export const loader = defineLoader(async ({ request }: LoaderFunctionArgs) => {
  const user = await getCurrentUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
});

export const action = defineAction(async ({ request, context, form }) => {
  const { username, password, redirectTo } = parseForm(SignInSchema, form);
  const session = await signIn(context.db, context.clock, signInLimits(getEnv()), {
    username,
    password,
    ip: context.clientIp,
    previousSessionId: await readSessionId(request),
    userAgent: request.headers.get("User-Agent"),
  });
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await commitSessionId(session.sessionId, request) } });
});

export default function LoginPage() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";
  const failure = failureFor(result);
  const values = failure?.values ?? {};
  const fieldErrors = failure?.fieldErrors ?? {};
  return (
    <div className="mx-auto max-w-md">
      <h1>{t("login.title")}</h1>
      <p className="mt-2 text-ink-muted">{t("login.intro")}</p>
      <Form method="post" className="card mt-6 space-y-5" noValidate>
        {failure?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {failure.formError}
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
      <p className="mt-4">
        <Link to="/register" className="font-medium text-brand-700 underline underline-offset-2">
          {t("enrol:login_link")}
        </Link>
      </p>
      <p className="mt-4 text-sm text-ink-muted">{t("login.demo_hint")}</p>
    </div>
  );
}
