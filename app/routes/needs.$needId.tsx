import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import type { MatchReason } from "../domain/matching/rank";
import { answerOfferAsStaff, needPage, offerUnitForNeed, requestUnitForNeed } from "../domain/matching/matching.server";
import { localized } from "../i18n/config";
import { formatDateTime, formatPercent } from "../infra/time";
import { MATCH_INTENTS, MatchIntentSchema, NeedIdParams, NeedOfferSchema } from "../schemas/units";
import { failureFor, firstError } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { parseParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["units"] };

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [{ title: "需求匹配 Matching a need · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { needId } = parseParams(params, NeedIdParams);
  return needPage(context.db, context.clock, await getCurrentUser(request), needId);
});

export const action = defineAction(
  async ({ request, params, context, form, intent }) => {
    const { needId } = parseParams(params, NeedIdParams);
    const user = await requireUser(request);
    let notified: string[];
    let to = `/needs/${needId}`;
    if (intent === "offer") {
      const input = parseForm(NeedOfferSchema, form);
      notified = (await offerUnitForNeed(context.db, context.clock, user, input.unitId, { needId, note: input.note })).notified;
    } else {
      const input = parseForm(MatchIntentSchema, form);
      if (input.intent === "request") {
        notified = (await requestUnitForNeed(context.db, context.clock, user, needId, input)).notified;
      } else {
        const answer = input.intent === "accept_offer" ? { accept: true as const } : { accept: false as const, reason: input.reason };
        const result = await answerOfferAsStaff(context.db, context.clock, user, needId, input.matchId, answer);
        notified = result.notified;
        if (result.projectId) to = `/projects/${result.projectId}`;
      }
    }
    await pushNotificationCounts(context, notified);
    return redirect(to);
  },
  { intents: [...MATCH_INTENTS, "offer"] },
);

function ReasonText({ reason }: { reason: MatchReason }) {
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  switch (reason.kind) {
    case "offers":
      return (
        <>
          {t("match.reason.offers", { title: localized(lang, reason.titleZh, reason.titleEn) })}
          {reason.quantity ? `（${reason.quantity}）` : ""}
          {reason.words.length > 0 ? ` · ${t("match.reason.words", { words: reason.words.join("、") })}` : ""}
        </>
      );
    case "same_area":
      return <>{t("match.reason.same_area")}</>;
    case "on_time":
      return <>{t("match.reason.on_time", { rate: formatPercent(reason.rate, lang) })}</>;
  }
}

export default function NeedPage() {
  const { need, issue, matches, projects, suggestions, streetUnits, offerableUnits, isStaff } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const busy = useNavigation().state !== "idle";
  const requestFailure = failureFor(answer, "request");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <p className="text-sm text-ink-muted">
          <Link to={`/c/${need.community.slug}/needs`} className="underline underline-offset-2">
            {t("community_lists.title")} · {localized(lang, need.community.nameZh, need.community.nameEn)}
          </Link>
        </p>
        <h1>{localized(lang, need.titleZh, need.titleEn)}</h1>
        <p className="mt-1 text-ink-muted">
          {t(`category.${need.category}`)}
          {need.area ? ` · ${localized(lang, need.area.nameZh, need.area.nameEn)}` : ""} · {t(`need.status.${need.status}`)}
        </p>
        {need.description ? <p className="mt-2 whitespace-pre-line">{need.description}</p> : null}
        {issue ? (
          <p className="mt-2">
            <Link
              to={`/c/${need.community.slug}/issues/${issue.number}`}
              className="font-medium text-brand-700 underline underline-offset-2"
            >
              {t("need.from_issue", { number: issue.number, title: issue.title })}
            </Link>
          </p>
        ) : null}
      </div>

      {projects.length > 0 ? (
        <section className="card border-green-300 bg-green-50" aria-labelledby="project-heading">
          <h2 id="project-heading">{t("need.project")}</h2>
          <ul className="mt-2">
            {projects.map((project) => (
              <li key={project.id}>
                <Link to={`/projects/${project.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {localized(lang, project.titleZh, project.titleEn)}
                </Link>{" "}
                <span className="text-ink-muted">
                  · {t(`project.status.${project.status}`)} · {t("project.progress_value", { percent: project.progress })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {offerableUnits.length > 0 ? (
        <section className="card" aria-labelledby="offer-heading">
          <h2 id="offer-heading">{t("match.offer_heading")}</h2>
          <FormError message={firstError(failureFor(answer, "offer"))} />
          {offerableUnits.map((unit) => (
            <Form method="post" key={unit.id} className="mt-2 space-y-2">
              <input type="hidden" name="unitId" value={unit.id} />
              <Field id={`offer-note-${unit.id}`} label={t("match.offer_note", { unit: localized(lang, unit.nameZh, unit.nameEn) })}>
                <textarea id={`offer-note-${unit.id}`} name="note" rows={2} maxLength={300} className="field-input" />
              </Field>
              <button type="submit" name="intent" value="offer" className="btn-primary" disabled={busy}>
                {t("match.offer")}
              </button>
            </Form>
          ))}
        </section>
      ) : null}

      {isStaff && need.status === "open" ? (
        <section className="card" aria-labelledby="suggest-heading">
          <h2 id="suggest-heading">{t("match.suggestions")}</h2>
          <p className="mt-1 text-ink-muted">{t("match.suggestions_lead")}</p>
          <FormError message={firstError(requestFailure)} />
          {suggestions.length === 0 ? <p className="mt-2 text-ink-muted">{t("match.no_suggestions")}</p> : null}
          <ol className="mt-2 space-y-3">
            {suggestions.map((s) => (
              <li key={s.unitId} className="rounded-lg border border-stone-200 p-3">
                <Link to={`/units/${s.unitId}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {localized(lang, s.unit.nameZh, s.unit.nameEn)}
                </Link>
                <ul className="mt-1 list-disc ps-5 text-sm">
                  {s.reasons.map((reason, index) => (
                    <li key={index}>
                      <ReasonText reason={reason} />
                    </li>
                  ))}
                </ul>
                {s.alreadyAsked ? (
                  <p className="mt-2 text-sm text-ink-muted">{t("match.already_asked")}</p>
                ) : (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="unitId" value={s.unitId} />
                    <button
                      type="submit"
                      name="intent"
                      value="request"
                      className="btn-primary"
                      disabled={busy}
                      aria-label={t("match.request_unit", { unit: localized(lang, s.unit.nameZh, s.unit.nameEn) })}
                    >
                      {t("match.request")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ol>
          {streetUnits.length > 0 ? (
            <Form method="post" className="mt-4 grid grid-cols-1 gap-3 border-t border-stone-200 pt-4 sm:grid-cols-[1fr_auto] sm:items-end">
              <Field id="request-unit" label={t("match.request_other")} error={requestFailure?.fieldErrors.unitId}>
                <select id="request-unit" name="unitId" className="field-input" defaultValue={requestFailure?.values.unitId ?? ""}>
                  <option value="">{t("match.choose_unit")}</option>
                  {streetUnits.map((unit) => (
                    <option key={unit.id} value={unit.id}>
                      {localized(lang, unit.nameZh, unit.nameEn)}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="submit" name="intent" value="request" className="btn-secondary" disabled={busy}>
                {t("match.request")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {matches.length > 0 ? (
        <section className="card" aria-labelledby="matches-heading">
          <h2 id="matches-heading">{t("match.history")}</h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {matches.map((match) => {
              const failure = failureFor(answer, undefined, { matchId: match.id });
              return (
                <li key={match.id} className="py-3">
                  <p>
                    <Link to={`/units/${match.unit.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                      {localized(lang, match.unit.nameZh, match.unit.nameEn)}
                    </Link>{" "}
                    <span className="badge bg-stone-100">{t(`match.direction.${match.direction}`)}</span>{" "}
                    <span
                      className={`badge ${match.status === "accepted" ? "bg-green-100 text-green-900" : match.status === "declined" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900"}`}
                    >
                      {t(`match.status.${match.status}`)}
                    </span>
                  </p>
                  <p className="text-sm text-ink-muted">{formatDateTime(match.decidedAt ?? match.createdAt, lang)}</p>
                  {match.note ? <p className="mt-1 whitespace-pre-line">{match.note}</p> : null}
                  {match.reason ? (
                    <p className="mt-1 whitespace-pre-line">
                      {t(match.status === "declined" ? "match.declined_because" : "match.answer_note")}: {match.reason}
                    </p>
                  ) : null}
                  {isStaff && match.direction === "offer" && match.status === "pending" ? (
                    <div className="mt-2 space-y-2">
                      <FormError message={firstError(failure)} />
                      <Form method="post">
                        <input type="hidden" name="matchId" value={match.id} />
                        <button type="submit" name="intent" value="accept_offer" className="btn-primary" disabled={busy}>
                          {t("match.accept_offer")}
                        </button>
                      </Form>
                      <Form method="post" className="space-y-2">
                        <input type="hidden" name="matchId" value={match.id} />
                        <Field id={`decline-${match.id}`} label={t("match.decline_reason")} error={failure?.fieldErrors.reason}>
                          <textarea id={`decline-${match.id}`} name="reason" rows={2} maxLength={300} className="field-input" />
                        </Field>
                        <button type="submit" name="intent" value="decline_offer" className="btn-secondary" disabled={busy}>
                          {t("match.decline")}
                        </button>
                      </Form>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
