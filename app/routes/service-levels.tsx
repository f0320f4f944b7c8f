import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { LEVEL_STEPS } from "../domain/service-levels/levels";
import { changeServiceLevels, serviceLevelsPage } from "../domain/service-levels/levels.server";
import { LEVEL_UNITS } from "../domain/service-levels/working-days";
import { localized } from "../i18n/config";
import { SERVICE_LEVEL_INTENTS, ServiceLevelIntentSchema } from "../schemas/service-levels";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor, firstError } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["figures", "issues"] };

export const meta: MetaFunction = () => [{ title: "办理时限 Service levels · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return { community, ...(await serviceLevelsPage(context.db, context.clock, user, community)) };
});

export const action = defineAction(
  async ({ request, context, form }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    await changeServiceLevels(context.db, context.clock, user, community, parseForm(ServiceLevelIntentSchema, form));
    return redirect("/service-levels");
  },
  { intents: SERVICE_LEVEL_INTENTS },
);

export default function ServiceLevelsPage() {
  const { community, categories, closures, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("figures");
  const lang = i18n.language;
  const busy = useNavigation().state !== "idle";
  const closureFailure = failureFor(failure, "add_closure");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1>{t("levels.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("levels.lead", { community: localized(lang, community.nameZh, community.nameEn) })}</p>
        <Link to="/triage" className="mt-2 inline-flex min-h-[44px] items-center underline underline-offset-2">
          {t("levels.back")}
        </Link>
      </div>
      <ol className="space-y-3">
        {categories.map((category) => {
          const f = failureFor(failure, "set_level", { categoryId: category.id });
          const name = localized(lang, category.nameZh, category.nameEn);
          return (
            <li key={category.id} className="card">
              <Form method="post" className="space-y-3" aria-label={t("levels.edit", { name })} noValidate>
                <h2 className="text-lg">{name}</h2>
                {category.isDefault ? <p className="text-sm text-ink-muted">{t("levels.default")}</p> : null}
                <FormError message={firstError(f)} />
                <input type="hidden" name="intent" value="set_level" />
                <input type="hidden" name="categoryId" value={category.id} />
                <Field id={`unit-${category.id}`} label={t("levels.unit")}>
                  <select
                    id={`unit-${category.id}`}
                    name="unit"
                    className="field-input"
                    defaultValue={f?.values.unit ?? category.levels.unit}
                  >
                    {LEVEL_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {t(`levels.units.${unit}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                  {LEVEL_STEPS.map((step) => (
                    <Field key={step} id={`${step}-${category.id}`} label={t(`levels.steps.${step}`)} error={f?.fieldErrors[step]}>
                      <input
                        id={`${step}-${category.id}`}
                        name={step}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={720}
                        className="field-input"
                        defaultValue={f?.values[step] ?? String(category.levels[step])}
                      />
                    </Field>
                  ))}
                </div>
                <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                  {t("levels.save")}
                </button>
              </Form>
            </li>
          );
        })}
      </ol>
      <p className="text-sm text-ink-muted">{t("levels.applies_to_new")}</p>

      <section className="card space-y-3" aria-labelledby="closures-heading">
        <h2 id="closures-heading">{t("levels.closures")}</h2>
        <p className="text-ink-muted">{t("levels.closures_lead")}</p>
        {closures.length === 0 ? <p>{t("levels.no_closures")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {closures.map((closure) => (
            <li key={closure.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <time dateTime={closure.date}>{closure.date}</time> · {closure.reason}
              </span>
              <Form method="post">
                <input type="hidden" name="closureId" value={closure.id} />
                <button type="submit" name="intent" value="remove_closure" className="btn-secondary" disabled={busy}>
                  {t("levels.remove_closure", { date: closure.date })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form
          method="post"
          className="grid grid-cols-1 gap-3 sm:grid-cols-[auto_1fr_auto] sm:items-end"
          aria-label={t("levels.add_closure")}
          noValidate
        >
          <input type="hidden" name="intent" value="add_closure" />
          <Field id="closure-date" label={t("levels.closure_date")} error={closureFailure?.fieldErrors.date}>
            <input
              id="closure-date"
              name="date"
              type="date"
              min={today}
              className="field-input"
              defaultValue={closureFailure?.values.date ?? ""}
            />
          </Field>
          <Field id="closure-reason" label={t("levels.closure_reason")} error={closureFailure?.fieldErrors.reason}>
            <input
              id="closure-reason"
              name="reason"
              maxLength={60}
              className="field-input"
              defaultValue={closureFailure?.values.reason ?? ""}
            />
          </Field>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("levels.add_closure")}
          </button>
        </Form>
      </section>
    </div>
  );
}
