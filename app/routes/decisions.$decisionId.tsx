import { AssistedLine } from "../components/assisted/assisted-line";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NoticeWindow } from "../components/minutes/decision-parts";
import minutesStyles from "../components/minutes/minutes.css?url";
import { DecisionStatusBadge } from "../components/minutes/status-badge";
import { staffDecisionPage } from "../domain/decisions/decision-page.server";
import { answerObjection, publishDecision } from "../domain/decisions/decisions.server";
import { formatInstant } from "../infra/time";
import { DECISION_STAFF_MESSAGE_VALUES, DecisionStaffActionSchema } from "../schemas/decisions";
import { recordId } from "../schemas/params";
import type { FormFailure } from "../web/forms";
import { failureFor } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["minutes"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

export const meta: MetaFunction = () => [{ title: "决议公示管理 Decision notice · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  return staffDecisionPage(context.db, context.clock, user, param(params, "decisionId", recordId));
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const user = await requireUser(request);
    const decisionId = param(params, "decisionId", recordId);
    const input = parseForm(DecisionStaffActionSchema, form, DECISION_STAFF_MESSAGE_VALUES);
    const { notified } =
      input.intent === "publish"
        ? await publishDecision(context.db, context.clock, user, { decisionId, noticeDays: input.noticeDays })
        : await answerObjection(context.db, context.clock, user, { decisionId, objectionId: input.objectionId, answer: input.answer });
    await pushNotificationCounts(context, notified);
    return redirect(`/decisions/${decisionId}`);
  },
  { intents: ["publish", "answer"] },
);

export default function StaffDecisionPage() {
  const { decision, rights, defaultDays, minDays, maxDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("minutes");
  const busy = useNavigation().state !== "idle";
  const failure = failureFor(result);
  const formError = failure ? (failure.formError ?? failure.fieldErrors.form ?? null) : null;
  const publishFailure = failureFor(result, "publish");
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2">
          <DecisionStatusBadge status={decision.status} />
          {decision.meeting ? (
            <Link to={`/meetings/${decision.meeting.id}/minutes`} className="underline">
              {decision.meeting.title}
            </Link>
          ) : null}
        </p>
        <h1>{t("staff_decision.title")}</h1>
        <blockquote className="card whitespace-pre-wrap font-semibold">{decision.text}</blockquote>
        <NoticeWindow info={decision} />
        <Link to={`/c/${decision.communitySlug}/decisions/${decision.id}`} className="btn-secondary">
          {t("staff_decision.public_page")}
        </Link>
      </header>

      {formError ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
          {formError}
        </p>
      ) : null}

      {decision.status === "draft" && rights.publish ? (
        <Form method="post" className="card space-y-3" noValidate>
          <h2>{t("staff_decision.publish_heading")}</h2>
          <input type="hidden" name="intent" value="publish" />
          <div>
            <label htmlFor="notice-days" className="field-label">
              {t("staff_decision.notice_days")}
            </label>
            <input
              id="notice-days"
              name="noticeDays"
              type="number"
              min={minDays}
              max={maxDays}
              inputMode="numeric"
              className="field-input max-w-[10rem]"
              defaultValue={publishFailure?.values.noticeDays ?? String(defaultDays)}
              aria-invalid={publishFailure?.fieldErrors.noticeDays ? true : undefined}
              aria-describedby={publishFailure?.fieldErrors.noticeDays ? "notice-days-error" : undefined}
            />
            {publishFailure?.fieldErrors.noticeDays ? (
              <p id="notice-days-error" className="field-error">
                {publishFailure.fieldErrors.noticeDays}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("staff_decision.publish")}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="staff-objections" className="card space-y-4">
        <h2 id="staff-objections">{t("decision_page.objections", { count: decision.objections.length })}</h2>
        {decision.objections.length === 0 ? <p className="text-ink-muted">{t("decision_page.no_objections")}</p> : null}
        {decision.objections.map((o) => (
          <article key={o.id} className="rounded-lg border border-stone-200 p-3" data-testid="staff-objection">
            <p className="text-sm text-ink-muted">
              {o.authorName} · {formatInstant(o.createdAt, i18n.language, "documentDateTime")}
            </p>
            {o.assisted ? <AssistedLine view={o.assisted} kind="objection" /> : null}
            <p className="mt-1 whitespace-pre-wrap">{o.reason}</p>
            {o.answer ? (
              <div className="mt-2 rounded-lg bg-emerald-50 p-3">
                <p className="text-sm font-semibold text-emerald-900">
                  {t("decision_page.answer_by_staff", { time: formatInstant(o.answeredAt, i18n.language, "documentDateTime") })}
                </p>
                <p className="whitespace-pre-wrap">{o.answer}</p>
              </div>
            ) : rights.answer ? (
              <AnswerForm objectionId={o.id} failure={failureFor(result, "answer", { objectionId: o.id })} busy={busy} />
            ) : null}
          </article>
        ))}
      </section>
    </div>
  );
}

/** Staff's public answer to one objection; a refused answer comes back with what was typed. */
function AnswerForm({ objectionId, failure, busy }: { objectionId: string; failure: FormFailure | undefined; busy: boolean }) {
  const { t } = useTranslation("minutes");
  const error = failure?.fieldErrors.answer;
  return (
    <Form method="post" className="mt-2 space-y-2" noValidate>
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="objectionId" value={objectionId} />
      <label htmlFor={`answer-${objectionId}`} className="field-label">
        {t("staff_decision.answer_label")}
      </label>
      <textarea
        id={`answer-${objectionId}`}
        name="answer"
        rows={3}
        className="field-input"
        defaultValue={failure?.values.answer ?? ""}
        aria-invalid={error ? true : undefined}
      />
      {error ? <p className="field-error">{error}</p> : null}
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("staff_decision.answer_submit")}
      </button>
    </Form>
  );
}
