import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { formatAddress } from "../components/people/address";
import { myRegistrations, reapply } from "../domain/enrolment/verification.server";
import { isDomainError } from "../domain/errors";
import { localized } from "../i18n/config";
import { ReapplySchema } from "../schemas/enrol";
import { failureFor } from "../web/forms";
import { InvalidForm, defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol", "people"] };

export const meta: MetaFunction = () => [{ title: "我的注册 My registration · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  return { registrations: await myRegistrations(context.db, user) };
});

export const action = defineAction(async ({ request, context, form }) => {
  const user = await requireUser(request);
  const input = parseForm(ReapplySchema, form);
  try {
    await reapply(context.db, context.clock, user, input);
  } catch (error) {
    if (isDomainError(error) && typeof error.values.field === "string") throw new InvalidForm({ [error.values.field]: error.key });
    throw error;
  }
  return { ok: true as const };
});

export default function RegistrationStatusPage() {
  const { registrations } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("enrol");
  // The address words live with the roll (people namespace), where the roll page formats them too.
  const { t: tp } = useTranslation("people");
  const lang = i18n.language;
  const failure = failureFor(answer);
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1>{t("status.title")}</h1>
      {answer && "ok" in answer && answer.ok ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t("status.reapplied")}
        </p>
      ) : null}
      {registrations.length === 0 ? <p className="card">{t("status.none")}</p> : null}
      {registrations.map((r) => {
        const grid = r.community?.grids.find((g) => g.id === r.gridId);
        return (
          <section key={r.id} className="card space-y-3" aria-labelledby={`reg-${r.id}`}>
            <h2 id={`reg-${r.id}`} className="flex flex-wrap items-center gap-2">
              {r.community ? localized(lang, r.community.nameZh, r.community.nameEn) : ""}
              <span className={`badge ${r.verification === "verified" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
                {t(`state.${r.verification}`)}
              </span>
            </h2>
            <p>{t("status.address", { address: formatAddress(tp, r) })}</p>
            {grid ? <p>{t("status.grid", { grid: localized(lang, grid.nameZh, grid.nameEn) })}</p> : null}
            <p className="font-medium">{t(`status.${r.verification}`)}</p>
            {r.verification === "declined" && r.declineReason ? <p>{t("status.reason", { reason: r.declineReason })}</p> : null}
            {r.verification === "declined" && r.community ? (
              <Form method="post" className="space-y-4 border-t border-stone-200 pt-4" noValidate>
                <h3>{t("status.reapply_title")}</h3>
                <p className="text-ink-muted">{t("status.reapply_intro")}</p>
                <FormError message={failure?.formError} />
                <input type="hidden" name="recordId" value={r.id} />
                <div className="grid grid-cols-3 items-end gap-2">
                  {(["building", "entrance", "room"] as const).map((name) => (
                    <Field key={name} id={name} label={t(`register.${name}`)} error={errors[name]}>
                      <input
                        id={name}
                        name={name}
                        defaultValue={values[name] ?? r[name]}
                        aria-invalid={errors[name] ? true : undefined}
                        aria-describedby={describedBy(name, errors[name])}
                        className="field-input"
                      />
                    </Field>
                  ))}
                </div>
                <Field id="gridId" label={t("register.grid")} error={errors.gridId}>
                  <select
                    id="gridId"
                    name="gridId"
                    defaultValue={values.gridId ?? r.gridId ?? ""}
                    aria-invalid={errors.gridId ? true : undefined}
                    aria-describedby={describedBy("gridId", errors.gridId)}
                    className="field-input"
                  >
                    {r.community.grids.map((g) => (
                      <option key={g.id} value={g.id}>
                        {localized(lang, g.nameZh, g.nameEn)}
                      </option>
                    ))}
                  </select>
                </Field>
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("status.reapply_submit")}
                </button>
              </Form>
            ) : null}
          </section>
        );
      })}
      <p>
        <Link to="/" className="font-medium text-brand-700 underline underline-offset-2">
          {t("common:shell.app_name")}
        </Link>
      </p>
    </div>
  );
}
