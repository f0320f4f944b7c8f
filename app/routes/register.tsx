import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { signInLimits } from "../domain/accounts/sign-in-limits.server";
import { registerResident, registrationChoices } from "../domain/enrolment/register.server";
import { isDomainError } from "../domain/errors";
import { MIN_PASSWORD_LENGTH } from "../domain/people/limits";
import { localized } from "../i18n/config";
import { getEnv } from "../infra/env.server";
import { RegistrationSchema } from "../schemas/enrol";
import { failureFor } from "../web/forms";
import { InvalidForm, defineAction, defineLoader, parseForm } from "../web/route.server";
import { commitSessionId, getCurrentUser, readSessionId } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol", "people"] };

export const meta: MetaFunction = () => [{ title: "注册账号 Register · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  if (await getCurrentUser(request)) throw redirect("/register/status");
  return { communities: await registrationChoices(context.db) };
});

export const action = defineAction(async ({ request, context, form }) => {
  const input = parseForm(RegistrationSchema, form, { min: MIN_PASSWORD_LENGTH });
  try {
    const session = await registerResident(context.db, context.clock, signInLimits(getEnv()), {
      ...input,
      ip: context.clientIp,
      previousSessionId: await readSessionId(request),
    });
    return redirect("/register/status", { headers: { "Set-Cookie": await commitSessionId(session.sessionId, request) } });
  } catch (error) {
    // Refusals about one field (a weak password, a phone already in use) are shown next to that field.
    if (isDomainError(error) && typeof error.values.field === "string")
      throw new InvalidForm({ [error.values.field]: error.key }, { min: MIN_PASSWORD_LENGTH });
    throw error;
  }
});

export default function RegisterPage() {
  const { communities } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("enrol");
  const failure = failureFor(useActionData<typeof action>());
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const lang = i18n.language;
  const input = (name: string, hint?: string) => ({
    id: name,
    name,
    defaultValue: values[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": describedBy(name, errors[name], hint),
    className: "field-input",
  });
  return (
    <div className="mx-auto max-w-md">
      <h1>{t("register.title")}</h1>
      <p className="mt-2 text-ink-muted">{t("register.intro")}</p>
      <Form method="post" className="card mt-6 space-y-5" noValidate>
        <FormError message={failure?.formError} />
        <Field id="name" label={t("register.name")} hint={t("register.name_hint")} error={errors.name}>
          <input {...input("name", t("register.name_hint"))} autoComplete="name" required />
        </Field>
        <Field id="phone" label={t("register.phone")} hint={t("register.phone_hint")} error={errors.phone}>
          <input {...input("phone", t("register.phone_hint"))} type="tel" inputMode="tel" autoComplete="tel-national" required />
        </Field>
        <fieldset className="space-y-2" aria-describedby="address-hint">
          <legend className="field-label">{t("register.address")}</legend>
          <p id="address-hint" className="text-sm text-ink-muted">
            {t("register.address_hint")}
          </p>
          <div className="grid grid-cols-3 items-end gap-2">
            <Field id="building" label={t("register.building")} error={errors.building}>
              <input {...input("building")} required />
            </Field>
            <Field id="entrance" label={t("register.entrance")} error={errors.entrance}>
              <input {...input("entrance")} />
            </Field>
            <Field id="room" label={t("register.room")} error={errors.room}>
              <input {...input("room")} required />
            </Field>
          </div>
        </fieldset>
        <Field id="gridId" label={t("register.grid")} hint={t("register.grid_hint")} error={errors.gridId}>
          <select {...input("gridId", t("register.grid_hint"))} required>
            <option value="">{t("register.choose_grid")}</option>
            {communities.map((c) => (
              <optgroup key={c.id} label={localized(lang, c.nameZh, c.nameEn)}>
                {c.grids.map((g) => (
                  <option key={g.id} value={g.id}>
                    {localized(lang, c.nameZh, c.nameEn)} · {localized(lang, g.nameZh, g.nameEn)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field
          id="password"
          label={t("register.password")}
          hint={t("register.password_hint", { min: MIN_PASSWORD_LENGTH })}
          error={errors.password}
        >
          <input {...input("password", "hint")} defaultValue={undefined} type="password" autoComplete="new-password" required />
        </Field>
        <Field id="confirm" label={t("register.confirm")} error={errors.confirm}>
          <input {...input("confirm")} defaultValue={undefined} type="password" autoComplete="new-password" required />
        </Field>
        <div>
          <label className="flex items-start gap-3">
            <input
              type="checkbox"
              name="consent"
              defaultChecked={values.consent === "on"}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={errors.consent ? "consent-error" : undefined}
              className="mt-1 h-5 w-5 shrink-0"
            />
            <span>{t("register.consent")}</span>
          </label>
          {errors.consent ? (
            <p id="consent-error" className="field-error">
              {errors.consent}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {busy ? t("register.submitting") : t("register.submit")}
        </button>
      </Form>
      <p className="mt-4">
        {t("register.have_account")}{" "}
        <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
          {t("register.sign_in")}
        </Link>
      </p>
    </div>
  );
}
