import type { MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { personalDataRows } from "../components/enrol/personal-data-rows";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { myDeletionRequest, myPersonalData, requestDeletion, withdrawDeletion } from "../domain/enrolment/personal-data.server";
import { translatorFor } from "../i18n/i18next.server";
import { formatDateTime } from "../infra/time";
import { ACCOUNT_DATA_INTENTS, DeletionRequestSchema } from "../schemas/enrol";
import { failureFor } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol", "people"] };

export const meta: MetaFunction = () => [{ title: "我的数据 My data · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  const [data, deletion] = await Promise.all([myPersonalData(context.db, user), myDeletionRequest(context.db, user)]);
  const { language, t } = await translatorFor(request, "enrol");
  return { rows: personalDataRows(data, t, language), deletion };
});

export const action = defineAction(
  async ({ request, context, form, intent }) => {
    const user = await requireUser(request);
    if (intent === "withdraw-deletion") await withdrawDeletion(context.db, context.clock, user);
    else await requestDeletion(context.db, context.clock, user, parseForm(DeletionRequestSchema, form));
    return { ok: true as const, intent };
  },
  { intents: ACCOUNT_DATA_INTENTS },
);

export default function MyDataPage() {
  const { rows, deletion } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("enrol");
  const busy = useNavigation().state === "submitting";
  const failure = failureFor(answer, "request-deletion");
  const sections = [...new Set(rows.map((r) => r[0]))];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1>{t("data.title")}</h1>
      <p>{t("data.intro")}</p>
      <div className="flex flex-wrap gap-3">
        <a href="/account/data.csv" className="btn-primary" download>
          {t("data.download_csv")}
        </a>
        <a href="/account/data.json" className="btn-secondary" download>
          {t("data.download_json")}
        </a>
      </div>
      {sections.map((section, index) => (
        <section key={section} className="card" aria-labelledby={`data-${index}`}>
          <h2 id={`data-${index}`}>{section}</h2>
          <dl className="mt-2 divide-y divide-stone-200">
            {rows
              .filter((r) => r[0] === section)
              .map(([, item, value], i) => (
                <div key={i} className="grid gap-1 py-2 sm:grid-cols-3">
                  <dt className="font-medium">{item}</dt>
                  <dd className="break-words sm:col-span-2">{value}</dd>
                </div>
              ))}
          </dl>
        </section>
      ))}

      <section className="card space-y-3" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("data.delete_title")}</h2>
        <p>{t("data.delete_intro")}</p>
        {deletion ? (
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="withdraw-deletion" />
            <p role="status" className="rounded-lg bg-amber-50 p-3 font-medium text-amber-900">
              {t("data.delete_pending", { date: formatDateTime(deletion.createdAt, i18n.language) })}
            </p>
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("data.withdraw")}
            </button>
          </Form>
        ) : (
          <Form method="post" className="space-y-4" noValidate>
            <input type="hidden" name="intent" value="request-deletion" />
            <FormError message={failure?.formError} />
            <Field id="reason" label={t("data.delete_reason")} error={failure?.fieldErrors.reason}>
              <textarea
                id="reason"
                name="reason"
                rows={2}
                defaultValue={failure?.values.reason ?? ""}
                aria-describedby={describedBy("reason", failure?.fieldErrors.reason)}
                className="field-input"
              />
            </Field>
            <div>
              <label className="flex items-start gap-3">
                <input
                  type="checkbox"
                  name="confirm"
                  className="mt-1 h-5 w-5 shrink-0"
                  aria-invalid={failure?.fieldErrors.confirm ? true : undefined}
                  aria-describedby={failure?.fieldErrors.confirm ? "confirm-error" : undefined}
                />
                <span>{t("data.delete_confirm")}</span>
              </label>
              {failure?.fieldErrors.confirm ? (
                <p id="confirm-error" className="field-error">
                  {failure.fieldErrors.confirm}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("data.delete_submit")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
