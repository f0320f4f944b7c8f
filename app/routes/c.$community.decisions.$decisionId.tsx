import { AssistedLine } from "../components/assisted/assisted-line";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExpertOpinions, NoticeWindow, VoteResultSection } from "../components/minutes/decision-parts";
import minutesStyles from "../components/minutes/minutes.css?url";
import { DecisionStatusBadge } from "../components/minutes/status-badge";
import { publicDecisionPage } from "../domain/decisions/decision-page.server";
import { fileObjection } from "../domain/decisions/decisions.server";
import { localized } from "../i18n/config";
import { formatInstant } from "../infra/time";
import { FileObjectionSchema } from "../schemas/decisions";
import { recordId, slug } from "../schemas/params";
import { failureFor, firstError } from "../web/forms";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["minutes"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.decision.text.slice(0, 40)} · 决议 Decision · 议事 Yishi` : "议事 Yishi" },
];

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const viewer = await getCurrentUser(request);
  return publicDecisionPage(context.db, context.clock, viewer, param(params, "community", slug), param(params, "decisionId", recordId));
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const user = await requireUser(request);
    const communitySlug = param(params, "community", slug);
    const decisionId = param(params, "decisionId", recordId);
    const { reason } = parseForm(FileObjectionSchema, form);
    await fileObjection(context.db, context.clock, user, { communitySlug, decisionId, reason });
    return redirect(`/c/${communitySlug}/decisions/${decisionId}?filed=1#objections`);
  },
  { intents: ["object"] },
);

export default function PublicDecisionPage() {
  const { decision, signedIn, canObject, isStaff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("minutes");
  const navigation = useNavigation();
  const failure = failureFor(result);
  const error = firstError(failure);
  const slug = decision.communitySlug;
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-ink-muted">
          <DecisionStatusBadge status={decision.status} />
          {decision.meeting ? (
            <span>
              {decision.meeting.title} · {formatInstant(decision.meeting.startsAt, i18n.language, "documentDateTime")}
            </span>
          ) : null}
        </p>
        <h1>{t("decision_page.title")}</h1>
        <blockquote className="card whitespace-pre-wrap text-lg font-semibold" data-testid="decision-text">
          {decision.text}
        </blockquote>
        <NoticeWindow info={decision} />
        <nav aria-label={t("decision_page.related")} className="flex flex-wrap gap-2">
          {decision.issue ? (
            <Link to={`/c/${slug}/issues/${decision.issue.number}`} className="btn-secondary">
              {t("decision_page.issue_link", { number: decision.issue.number, title: decision.issue.title })}
            </Link>
          ) : null}
          {decision.meeting && decision.minutesPublished ? (
            <Link to={`/c/${slug}/meetings/${decision.meeting.id}/minutes`} className="btn-secondary">
              {t("decision_page.minutes_link")}
            </Link>
          ) : null}
          {isStaff ? (
            <Link to={`/decisions/${decision.id}`} className="btn-secondary">
              {t("decision_page.staff_link")}
            </Link>
          ) : null}
        </nav>
      </header>

      <VoteResultSection result={decision.voteResult} />
      <ExpertOpinions opinions={decision.opinions} />

      {decision.actionItems.length ? (
        <section aria-labelledby="actions-heading" className="card">
          <h2 id="actions-heading">{t("decision_page.action_items")}</h2>
          <ul className="mt-3 list-disc space-y-1 pl-6">
            {decision.actionItems.map((a) => (
              <li key={a.id}>
                {t("draft.action_item", {
                  unit: localized(i18n.language, a.unitZh, a.unitEn),
                  description: a.description,
                  due: formatInstant(a.dueAt, i18n.language, "documentDateTime"),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section id="objections" aria-labelledby="objections-heading" className="card space-y-4">
        <h2 id="objections-heading">{t("decision_page.objections", { count: decision.objections.length })}</h2>
        {decision.objections.length === 0 ? <p className="text-ink-muted">{t("decision_page.no_objections")}</p> : null}
        <ol className="space-y-3">
          {decision.objections.map((o, index) => (
            <li key={o.id} className="rounded-lg border border-stone-200 p-3" data-testid="objection">
              <p className="text-sm text-ink-muted">
                {t("decision_page.objection_by", { n: index + 1, time: formatInstant(o.createdAt, i18n.language, "documentDateTime") })}
                {o.mine ? <span className="badge ml-2 bg-brand-100 text-brand-800">{t("decision_page.yours")}</span> : null}
              </p>
              {o.assisted ? <AssistedLine view={o.assisted} kind="objection" /> : null}
              <p className="mt-1 whitespace-pre-wrap">{o.reason}</p>
              {o.answer ? (
                <div className="mt-2 rounded-lg bg-emerald-50 p-3" data-testid="objection-answer">
                  <p className="text-sm font-semibold text-emerald-900">
                    {t("decision_page.answer_by_staff", { time: formatInstant(o.answeredAt, i18n.language, "documentDateTime") })}
                  </p>
                  <p className="whitespace-pre-wrap">{o.answer}</p>
                </div>
              ) : (
                <p className="mt-2 text-sm text-amber-800">{t("decision_page.awaiting_answer")}</p>
              )}
            </li>
          ))}
        </ol>

        {decision.objectionsOpen ? (
          canObject ? (
            <Form method="post" className="space-y-2 border-t border-stone-200 pt-4" noValidate>
              <input type="hidden" name="intent" value="object" />
              <label htmlFor="objection-reason" className="field-label">
                {t("decision_page.objection_label")}
              </label>
              <p id="objection-hint" className="text-sm text-ink-muted">
                {t("decision_page.objection_hint")}
              </p>
              <textarea
                id="objection-reason"
                name="reason"
                rows={4}
                className="field-input"
                defaultValue={failure?.values.reason ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "objection-hint objection-error" : "objection-hint"}
              />
              {error ? (
                <p id="objection-error" role="alert" className="field-error">
                  {error}
                </p>
              ) : null}
              <button type="submit" className="btn-primary" disabled={navigation.state !== "idle"}>
                {t("decision_page.objection_submit")}
              </button>
            </Form>
          ) : !signedIn ? (
            <p>
              <Link to={`/login?redirectTo=${encodeURIComponent(`/c/${slug}/decisions/${decision.id}#objections`)}`} className="underline">
                {t("decision_page.sign_in_to_object")}
              </Link>
            </p>
          ) : null
        ) : null}
      </section>
    </article>
  );
}
