import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import type { TFunction } from "i18next";
import { formatAddress } from "../components/people/address";
import { assistPage } from "../domain/assisted/assist-page.server";
import { CONSENT_METHODS } from "../domain/assisted/consent";
import { fileObjection } from "../domain/decisions/decisions.server";
import { respondToAcceptance } from "../domain/issues/issue-actions.server";
import { issuePath } from "../domain/issues/links";
import { raiseIssue } from "../domain/issues/raise.server";
import { URGENCIES } from "../domain/issues/statuses";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { ASSIST_INTENTS, AssistIntentSchema, AssistQuery } from "../schemas/assist";
import { requireMemberCommunity } from "../web/community.server";
import type { FormFailure } from "../web/forms";
import { failureFor } from "../web/forms";
import { pushNotificationCounts, pushTriageChanged } from "../web/notification-push.server";
import { parseSearchParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "people", "issues", "figures", "minutes"] };

export const meta: MetaFunction = () => [{ title: "代办 Act for a resident · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const query = parseSearchParams(request, AssistQuery);
  return { community, query, ...(await assistPage(context.db, context.clock, user, community, query)) };
});

export const action = defineAction(
  async ({ request, context, form }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    const input = parseForm(AssistIntentSchema, form);
    const onBehalf = { residentId: input.residentId, consentMethod: input.consentMethod };
    const back = (done: string) => `/people/assist?${new URLSearchParams({ for: input.residentId, done }).toString()}`;
    if (input.intent === "raise") {
      const issue = await raiseIssue(context.db, context.clock, context.storage, user, community, input, [], onBehalf);
      await pushNotificationCounts(context, issue.notified);
      pushTriageChanged(context, community.id, issue.staffIds);
      return redirect(`${issuePath(community.slug, issue.number)}?raised=1`);
    }
    if (input.intent === "rate") {
      const result = await respondToAcceptance(
        context.db,
        context.clock,
        user,
        input.issueId,
        { rating: input.rating, reason: input.reason },
        onBehalf,
      );
      await pushNotificationCounts(context, result.notified);
      return redirect(back("rated"));
    }
    const objection = await fileObjection(context.db, context.clock, user, {
      decisionId: input.decisionId,
      reason: input.reason,
      communitySlug: community.slug,
      onBehalf,
    });
    await pushNotificationCounts(context, objection.notified);
    return redirect(back("objected"));
  },
  { intents: ASSIST_INTENTS },
);

/** The resident agreed, and how: required on every form of this page. */
function Consent({ prefix, failure }: { prefix: string; failure: FormFailure | undefined }) {
  const { t } = useTranslation("people");
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  return (
    <fieldset className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3">
      <legend className="px-1 font-semibold">{t("assist.consent_legend")}</legend>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          name="consent"
          value="on"
          required
          defaultChecked={values.consent === "on"}
          className="mt-1 h-5 w-5"
          aria-invalid={errors.consent ? true : undefined}
          aria-describedby={errors.consent ? `${prefix}-consent-error` : undefined}
        />
        <span>{t("assist.consent_label")}</span>
      </label>
      {errors.consent ? (
        <p id={`${prefix}-consent-error`} className="field-error">
          {errors.consent}
        </p>
      ) : null}
      <p className="field-label">{t("assist.consent_method")}</p>
      <div className="flex flex-wrap gap-2">
        {CONSENT_METHODS.map((method) => (
          <label key={method} className="flex min-h-[44px] items-center gap-2 rounded-lg border border-stone-300 bg-white px-3">
            <input
              type="radio"
              name="consentMethod"
              value={method}
              defaultChecked={(values.consentMethod ?? "in_person") === method}
              className="h-5 w-5"
            />
            {t(`assist.method.${method}`)}
          </label>
        ))}
      </div>
      {errors.consentMethod ? <p className="field-error">{errors.consentMethod}</p> : null}
    </fieldset>
  );
}

export default function AssistPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("people");
  const lang = i18n.language;
  const busy = useNavigation().state === "submitting";
  const resident = page.resident;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1>{t("assist.title")}</h1>
        <p className="mt-1 text-ink-muted">{localized(lang, page.community.nameZh, page.community.nameEn)}</p>
        <p className="mt-2">{t("assist.intro")}</p>
      </div>

      <section className="card space-y-3" aria-labelledby="find-heading">
        <h2 id="find-heading">{t("assist.find")}</h2>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="q" className="field-label">
              {t("assist.search_label")}
            </label>
            <input id="q" name="q" maxLength={40} className="field-input" defaultValue={page.query.q ?? ""} />
          </div>
          <button type="submit" className="btn-secondary">
            {t("assist.search")}
          </button>
        </Form>
        {page.residents.length === 0 ? (
          <p className="text-ink-muted">{t("assist.none_found")}</p>
        ) : (
          <ul className="divide-y divide-stone-200" data-testid="assist-residents">
            {page.residents.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{r.displayName}</span>
                  {r.address ? <span className="ml-2 text-sm text-ink-muted">{formatAddress(t, r.address)}</span> : null}
                  {r.phoneTail ? (
                    <span className="ml-2 text-sm text-ink-muted">{t("assist.phone_tail", { digits: r.phoneTail })}</span>
                  ) : null}
                </span>
                <Link
                  to={`/people/assist?${new URLSearchParams({ for: r.id }).toString()}`}
                  className="btn-secondary"
                  aria-label={residentLabel(t, r)}
                >
                  {t("assist.act_for")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {resident ? (
        <>
          <section className="card border-brand-600" aria-labelledby="resident-heading">
            <h2 id="resident-heading">{t("assist.acting_for", { name: resident.displayName })}</h2>
            {resident.address ? <p>{formatAddress(t, resident.address)}</p> : null}
            {page.query.done ? (
              <p role="status" className="mt-2 rounded-lg bg-green-50 p-3 font-medium text-green-900">
                {t(`assist.done_${page.query.done}`, { name: resident.displayName })}
              </p>
            ) : null}
          </section>

          <RaiseForm page={page} residentId={resident.id} failure={failureFor(result, "raise")} busy={busy} />

          <section className="card space-y-4" aria-labelledby="rate-heading">
            <h2 id="rate-heading">{t("assist.rate_heading")}</h2>
            {page.toRate?.length ? null : <p className="text-ink-muted">{t("assist.rate_none")}</p>}
            {page.toRate?.map((issue) => {
              const failure = failureFor(result, "rate", { issueId: issue.id });
              const id = `rate-${issue.id}`;
              return (
                <Form key={issue.id} method="post" className="space-y-3 rounded-lg bg-stone-50 p-3" noValidate>
                  <input type="hidden" name="intent" value="rate" />
                  <input type="hidden" name="residentId" value={resident.id} />
                  <input type="hidden" name="issueId" value={issue.id} />
                  <h3 className="text-lg">
                    <Link to={issuePath(page.community.slug, issue.number)} className="underline">
                      #{issue.number} {issue.title}
                    </Link>
                  </h3>
                  {issue.dueAt ? (
                    <p className="text-sm text-ink-muted">{t("assist.rate_due", { date: formatDateTime(issue.dueAt, lang) })}</p>
                  ) : null}
                  <FormError message={failure?.formError} />
                  <fieldset>
                    <legend className="field-label">{t("assist.rating")}</legend>
                    <div className="grid grid-cols-5 gap-1">
                      {[1, 2, 3, 4, 5].map((n) => (
                        <label
                          key={n}
                          className="flex min-h-[44px] items-center justify-center gap-1 rounded-lg border border-stone-300 bg-white"
                        >
                          <input
                            type="radio"
                            name="rating"
                            value={n}
                            defaultChecked={failure?.values.rating === String(n)}
                            className="h-5 w-5"
                          />
                          {n}
                        </label>
                      ))}
                    </div>
                    {failure?.fieldErrors.rating ? <p className="field-error">{failure.fieldErrors.rating}</p> : null}
                  </fieldset>
                  <Field id={`${id}-reason`} label={t("assist.rating_reason")} error={failure?.fieldErrors.reason}>
                    <textarea
                      id={`${id}-reason`}
                      name="reason"
                      rows={2}
                      maxLength={500}
                      className="field-input"
                      defaultValue={failure?.values.reason ?? ""}
                      aria-describedby={describedBy(`${id}-reason`, failure?.fieldErrors.reason)}
                    />
                  </Field>
                  <Consent prefix={id} failure={failure} />
                  <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                    {t("assist.rate_submit")}
                  </button>
                </Form>
              );
            })}
          </section>

          <section className="card space-y-4" aria-labelledby="object-heading">
            <h2 id="object-heading">{t("assist.object_heading")}</h2>
            {page.decisions?.length ? null : <p className="text-ink-muted">{t("assist.object_none")}</p>}
            {page.decisions?.map((decision) => {
              const failure = failureFor(result, "object", { decisionId: decision.id });
              const id = `object-${decision.id}`;
              return (
                <Form key={decision.id} method="post" className="space-y-3 rounded-lg bg-stone-50 p-3" noValidate>
                  <input type="hidden" name="intent" value="object" />
                  <input type="hidden" name="residentId" value={resident.id} />
                  <input type="hidden" name="decisionId" value={decision.id} />
                  <p className="whitespace-pre-wrap">
                    <Link to={`/c/${page.community.slug}/decisions/${decision.id}`} className="underline">
                      {decision.text}
                    </Link>
                  </p>
                  {decision.noticeEndsAt ? (
                    <p className="text-sm text-ink-muted">
                      {t("assist.object_until", { date: formatDateTime(decision.noticeEndsAt, lang) })}
                    </p>
                  ) : null}
                  <FormError message={failure?.formError} />
                  <Field id={`${id}-reason`} label={t("assist.object_reason")} error={failure?.fieldErrors.reason}>
                    <textarea
                      id={`${id}-reason`}
                      name="reason"
                      rows={3}
                      maxLength={2000}
                      className="field-input"
                      defaultValue={failure?.values.reason ?? ""}
                      aria-describedby={describedBy(`${id}-reason`, failure?.fieldErrors.reason)}
                    />
                  </Field>
                  <Consent prefix={id} failure={failure} />
                  <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                    {t("assist.object_submit")}
                  </button>
                </Form>
              );
            })}
          </section>
        </>
      ) : null}
    </div>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function RaiseForm({
  page,
  residentId,
  failure,
  busy,
}: {
  page: Page;
  residentId: string;
  failure: FormFailure | undefined;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("people");
  const { t: ti } = useTranslation("issues");
  const lang = i18n.language;
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const v = (name: string, fallback = "") => values[name] ?? fallback;
  return (
    <section className="card space-y-4" aria-labelledby="raise-heading">
      <h2 id="raise-heading">{t("assist.raise_heading")}</h2>
      <Form method="post" className="space-y-4" noValidate>
        <input type="hidden" name="intent" value="raise" />
        <input type="hidden" name="residentId" value={residentId} />
        <FormError message={failure?.formError} />
        <Field id="title" label={ti("raise.issue_title")} error={errors.title}>
          <input
            id="title"
            name="title"
            required
            maxLength={80}
            className="field-input"
            defaultValue={v("title")}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={describedBy("title", errors.title)}
          />
        </Field>
        <Field id="description" label={ti("raise.description")} error={errors.description}>
          <textarea
            id="description"
            name="description"
            required
            rows={4}
            maxLength={2000}
            className="field-input"
            defaultValue={v("description")}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describedBy("description", errors.description)}
          />
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field id="categoryId" label={ti("raise.category")} error={errors.categoryId}>
            <select
              id="categoryId"
              name="categoryId"
              className="field-input"
              defaultValue={v("categoryId")}
              aria-invalid={errors.categoryId ? true : undefined}
              aria-describedby={describedBy("categoryId", errors.categoryId)}
            >
              <option value="">{ti("triage.choose")}</option>
              {page.categories?.map((c) => (
                <option key={c.id} value={c.id}>
                  {localized(lang, c.nameZh, c.nameEn)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="gridId" label={ti("raise.grid")} error={errors.gridId}>
            <select id="gridId" name="gridId" className="field-input" defaultValue={v("gridId", page.resident?.gridId ?? "")}>
              <option value="">{ti("raise.grid_unknown")}</option>
              {page.grids?.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.code} {localized(lang, g.nameZh, g.nameEn)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="address" label={ti("raise.address")} error={errors.address}>
          <input id="address" name="address" maxLength={200} className="field-input" defaultValue={v("address")} />
        </Field>
        <fieldset>
          <legend className="field-label">{ti("raise.urgency")}</legend>
          <div className="grid grid-cols-3 gap-2">
            {URGENCIES.map((u) => (
              <label key={u} className="flex min-h-[44px] items-center gap-1.5 whitespace-nowrap rounded-lg border border-stone-300 px-2">
                <input type="radio" name="urgency" value={u} defaultChecked={v("urgency", "normal") === u} className="h-5 w-5" />
                {ti(`urgency.${u}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Consent prefix="raise" failure={failure} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("assist.raise_submit")}
        </button>
      </Form>
    </section>
  );
}

/** "为冯秀兰代办（3幢2单元102室 尾号 0402）": a screen reader tells two residents of the same name apart too. */
function residentLabel(
  t: TFunction,
  r: { displayName: string; address: Parameters<typeof formatAddress>[1]; phoneTail: string | null },
): string {
  const details = [
    r.address ? formatAddress(t, r.address) : null,
    r.phoneTail ? t("assist.phone_tail", { digits: r.phoneTail }) : null,
  ].filter((part): part is string => part !== null);
  return details.length === 0
    ? t("assist.act_for_named", { name: r.displayName })
    : t("assist.act_for_named_with", { name: r.displayName, details: details.join(" ") });
}
