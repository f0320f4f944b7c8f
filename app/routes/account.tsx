import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { accountPage, changePassword, changePhone, endOwnSession, signOutEverywhere } from "../domain/accounts/account.server";
import { isDomainError, unauthenticated } from "../domain/errors";
import { MIN_PASSWORD_LENGTH } from "../domain/people/limits";
import { SUPPORTED_LANGUAGES } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { endSessionSockets } from "../realtime/end-session-sockets.server";
import { ChangePasswordSchema, EndSessionSchema, PhoneSchema } from "../schemas/admin";
import type { FormFailure } from "../web/forms";
import { failureFor } from "../web/forms";
import { InvalidForm, defineAction, defineLoader, parseForm } from "../web/route.server";
import { useRootData } from "../web/root-data";
import { destroySessionCookie, readSessionId, requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "admin", "people"] };

export const meta: MetaFunction = () => [{ title: "我的账号 My account · 议事 Yishi" }];

async function signedIn(request: Request) {
  const user = await requireUser(request);
  const sessionId = await readSessionId(request);
  if (!sessionId) throw unauthenticated();
  return { user, sessionId };
}

export const loader = defineLoader(async ({ request, context }) => {
  const { user, sessionId } = await signedIn(request);
  return accountPage(context.db, context.clock, user.id, sessionId);
});

const INTENTS = ["password", "phone", "end-session", "everywhere"] as const;

export const action = defineAction(
  async ({ request, context, form, intent }) => {
    const { user, sessionId } = await signedIn(request);
    const { db, clock } = context;
    const endSockets = (ids: string[]) => {
      for (const id of ids) endSessionSockets(context.io, id, "errors.realtime.signed_out");
    };
    switch (intent) {
      case "password": {
        const input = parseForm(ChangePasswordSchema, form);
        try {
          endSockets((await changePassword(db, clock, user.id, sessionId, input)).endedSessionIds);
        } catch (error) {
          // Each refusal next to the field it is about: a wrong current password, a weak new one.
          if (isDomainError(error) && error.key === "admin:errors.current_password_wrong") throw new InvalidForm({ current: error.key });
          if (isDomainError(error) && error.key.startsWith("people:password."))
            throw new InvalidForm({ password: error.key }, { min: MIN_PASSWORD_LENGTH });
          throw error;
        }
        break;
      }
      case "phone":
        await changePhone(db, clock, user.id, parseForm(PhoneSchema, form).phone);
        break;
      case "end-session":
        endSockets((await endOwnSession(db, user.id, parseForm(EndSessionSchema, form).sessionKey)).endedSessionIds);
        break;
      case "everywhere": {
        endSockets((await signOutEverywhere(db, clock, user.id)).endedSessionIds);
        // The signed-out page clears this device's drafts, as signing out does.
        return redirect("/logout", { headers: { "Set-Cookie": await destroySessionCookie(request) } });
      }
    }
    return { ok: true as const, intent };
  },
  { intents: INTENTS },
);

const DONE: Record<string, string> = {
  password: "account.password_changed",
  phone: "account.phone_saved",
  "end-session": "account.session_ended",
};

export default function AccountPage() {
  const { account, sessions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("admin");
  const lang = i18n.language;
  const root = useRootData();
  const done = answer && "ok" in answer && answer.ok && answer.intent ? DONE[answer.intent] : null;
  const largeText = root?.textSize === "large";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1>{t("account.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("account.intro", { name: account.displayName, username: account.username })}</p>
      </div>
      {done ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t(done)}
        </p>
      ) : null}

      <PasswordForm failure={failureFor(answer, "password")} succeeded={done === DONE.password} />

      <section className="card space-y-3" aria-labelledby="phone-heading">
        <h2 id="phone-heading">{t("account.phone_heading")}</h2>
        <PhoneForm phone={account.phone ?? ""} failure={failureFor(answer, "phone")} />
      </section>

      <section className="card space-y-4" aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">{t("account.preferences_heading")}</h2>
        <Form method="post" action="/set-language" reloadDocument className="space-y-2">
          <input type="hidden" name="redirectTo" value="/account" />
          <fieldset>
            <legend className="field-label">{t("account.language")}</legend>
            <div className="flex flex-wrap gap-2">
              {SUPPORTED_LANGUAGES.map((language) => (
                <button
                  key={language}
                  type="submit"
                  name="language"
                  value={language}
                  lang={language}
                  aria-pressed={lang === language}
                  className={lang === language ? "btn-primary" : "btn-secondary"}
                >
                  {language === "en" ? "English" : "简体中文"}
                </button>
              ))}
            </div>
          </fieldset>
        </Form>
        <Form method="post" action="/set-text-size" reloadDocument>
          <input type="hidden" name="redirectTo" value="/account" />
          <fieldset>
            <legend className="field-label">{t("account.text_size")}</legend>
            <div className="flex flex-wrap gap-2">
              <button
                type="submit"
                name="size"
                value="normal"
                aria-pressed={!largeText}
                className={largeText ? "btn-secondary" : "btn-primary"}
              >
                {t("account.text_normal")}
              </button>
              <button
                type="submit"
                name="size"
                value="large"
                aria-pressed={largeText}
                className={largeText ? "btn-primary text-lg" : "btn-secondary text-lg"}
              >
                {t("account.text_large")}
              </button>
            </div>
          </fieldset>
        </Form>
      </section>

      <section className="card space-y-4" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("account.sessions_heading")}</h2>
        <p className="text-ink-muted">{t("account.sessions_intro")}</p>
        {failureFor(answer, "end-session")?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {failureFor(answer, "end-session")?.formError}
          </p>
        ) : null}
        <ul className="divide-y divide-stone-200">
          {sessions.map((s) => {
            const device = s.device
              ? t("device.name", { browser: t(`device.browser.${s.device.browser}`), system: t(`device.system.${s.device.system}`) })
              : t("account.unknown_device");
            return (
              <li key={s.key} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="session">
                <div>
                  <p className="font-semibold">
                    {device}
                    {s.current ? <span className="badge ml-2 bg-brand-50 text-brand-800">{t("account.this_device")}</span> : null}
                  </p>
                  <p className="text-sm text-ink-muted">
                    {t("account.last_seen", { date: formatDateTime(s.lastSeenAt, lang) })} ·{" "}
                    {t("account.signed_in_at", { date: formatDateTime(s.signedInAt, lang) })}
                  </p>
                </div>
                {s.current ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="end-session" />
                    <input type="hidden" name="sessionKey" value={s.key} />
                    <button type="submit" className="btn-secondary">
                      {t("account.end_session")}
                      <span className="sr-only"> {device}</span>
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-4">
          <p id="everywhere-help" className="text-sm text-ink-muted">
            {t("account.sign_out_everywhere_help")}
          </p>
          <button type="submit" name="intent" value="everywhere" className="btn-secondary" aria-describedby="everywhere-help">
            {t("account.sign_out_everywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}

function PasswordForm({ failure, succeeded }: { failure: FormFailure | undefined; succeeded: boolean }) {
  const { t } = useTranslation("admin");
  const form = useRef<HTMLFormElement>(null);
  // A changed password is not left in the fields for the next person at a shared phone.
  useEffect(() => {
    if (succeeded) form.current?.reset();
  }, [succeeded]);
  const busy = useNavigation().state === "submitting";
  const errors = failure?.fieldErrors ?? {};
  const describedBy = (name: string, hint?: string) =>
    [errors[name] ? `${name}-error` : "", hint ?? ""].filter(Boolean).join(" ") || undefined;
  const field = (name: "current" | "password" | "confirm", label: string, autoComplete: string, hint?: string) => (
    <div>
      <label htmlFor={name} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="mb-1 text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(name, hint ? `${name}-hint` : undefined)}
        className="field-input"
      />
      {errors[name] ? (
        <p id={`${name}-error`} className="field-error">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t("account.password_heading")}</h2>
      <Form ref={form} method="post" className="mt-3 space-y-4" noValidate>
        <input type="hidden" name="intent" value="password" />
        {failure?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {failure.formError}
          </p>
        ) : null}
        {field("current", t("account.current"), "current-password")}
        {field("password", t("account.new"), "new-password", t("account.new_hint", { min: MIN_PASSWORD_LENGTH }))}
        {field("confirm", t("account.confirm"), "new-password")}
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("account.change_password")}
        </button>
      </Form>
    </section>
  );
}

function PhoneForm({ phone, failure }: { phone: string; failure: FormFailure | undefined }) {
  const { t } = useTranslation("admin");
  const error = failure?.fieldErrors.phone ?? failure?.formError;
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="phone" />
      <div>
        <label htmlFor="phone" className="field-label">
          {t("account.phone")}
        </label>
        <p id="phone-hint" className="mb-1 text-sm text-ink-muted">
          {t("account.phone_hint")}
        </p>
        <input
          id="phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          defaultValue={failure?.values.phone ?? phone}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "phone-hint phone-error" : "phone-hint"}
          className="field-input"
        />
        {error ? (
          <p id="phone-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn-secondary">
        {t("account.save_phone")}
      </button>
    </Form>
  );
}
