import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NoticeWindow } from "../components/minutes/decision-parts";
import { formatInstant } from "../infra/time";
import minutesStyles from "../components/minutes/minutes.css?url";
import { DecisionStatusBadge } from "../components/minutes/status-badge";
import { systemClock } from "../infra/clock";
import { loadDecisionPage } from "../domain/decisions/decision-page.server";
import { answerObjection, publishDecision } from "../domain/decisions/decisions.server";
import { decisionPublishedKey, notifiedUsers, objectionAnsweredKey } from "../domain/decisions/notified.server";
import { DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS, MIN_NOTICE_DAYS } from "../domain/decisions/notice";
import { HTTP_STATUS, isDomainError } from "../domain/errors";
import { can } from "../domain/permissions";
import { i18nServer } from "../i18n/i18next.server";
import { DecisionStaffActionSchema } from "../schemas/decisions";
import { getDb } from "../infra/db.server";
import { parseForm } from "../web/legacy-forms";
import { requireUser } from "../web/session.server";
import { pushNotificationCounts } from "../web/notification-push.server";
import { param, readFormData } from "../web/params.server";
import { recordId } from "../schemas/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

export const meta: MetaFunction = () => [{ title: "决议公示管理 Decision notice · 议事 Yishi" }];

async function requireStaffDecision(request: Request, decisionId: string | undefined) {
  const user = await requireUser(request);
  const page = await loadDecisionPage(getDb(), systemClock, decisionId ?? "");
  if (!page) throw data(null, { status: 404 });
  const resource = { communityId: page.communityId, streetId: page.streetId, hostId: page.hostId };
  const rights = { publish: can(user, "publish:minutes", resource), answer: can(user, "answer:objection", resource) };
  if (!rights.publish && !rights.answer) throw data(null, { status: 403 });
  return { user, page, rights };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { page, rights } = await requireStaffDecision(request, param(params, "decisionId", recordId));
  return { decision: page, rights, defaultDays: DEFAULT_NOTICE_DAYS, minDays: MIN_NOTICE_DAYS, maxDays: MAX_NOTICE_DAYS };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, page } = await requireStaffDecision(request, param(params, "decisionId", recordId));
  const t = await i18nServer.getFixedT(request);
  const form = await readFormData(request);
  const typed = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const parsed = parseForm(DecisionStaffActionSchema, form);
  const range = { min: MIN_NOTICE_DAYS, max: MAX_NOTICE_DAYS };
  if (!parsed.ok) {
    const [field, key] = Object.entries(parsed.fieldErrors)[0] ?? ["form", "errors.unexpected"];
    return data({ ok: false as const, field, error: t(key, range), values: parsed.values }, { status: 400 });
  }
  const db = getDb();
  try {
    if (parsed.data.intent === "publish") {
      await publishDecision(db, systemClock, user, { decisionId: page.id, noticeDays: parsed.data.noticeDays });
      await pushNotificationCounts(context, await notifiedUsers(db, [decisionPublishedKey(page.id)]));
    } else {
      await answerObjection(db, systemClock, user, { objectionId: parsed.data.objectionId, answer: parsed.data.answer });
      await pushNotificationCounts(context, await notifiedUsers(db, [objectionAnsweredKey(parsed.data.objectionId)]));
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data(
      { ok: false as const, field: "form", error: t(error.key, error.values), values: typed },
      { status: HTTP_STATUS[error.kind] },
    );
  }
  return redirect(`/decisions/${page.id}`);
}

export default function StaffDecisionPage() {
  const { decision, rights, defaultDays, minDays, maxDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("minutes");
  const busy = useNavigation().state !== "idle";
  const failure = result && !result.ok ? result : null;
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

      {failure && failure.field === "form" ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
          {failure.error}
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
              defaultValue={failure?.values.noticeDays ?? String(defaultDays)}
              aria-invalid={failure?.field === "noticeDays" || undefined}
              aria-describedby={failure?.field === "noticeDays" ? "notice-days-error" : undefined}
            />
            {failure?.field === "noticeDays" ? (
              <p id="notice-days-error" className="field-error">
                {failure.error}
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
            <p className="mt-1 whitespace-pre-wrap">{o.reason}</p>
            {o.answer ? (
              <div className="mt-2 rounded-lg bg-emerald-50 p-3">
                <p className="text-sm font-semibold text-emerald-900">
                  {t("decision_page.answer_by_staff", { time: formatInstant(o.answeredAt, i18n.language, "documentDateTime") })}
                </p>
                <p className="whitespace-pre-wrap">{o.answer}</p>
              </div>
            ) : rights.answer ? (
              <Form method="post" className="mt-2 space-y-2" noValidate>
                <input type="hidden" name="intent" value="answer" />
                <input type="hidden" name="objectionId" value={o.id} />
                <label htmlFor={`answer-${o.id}`} className="field-label">
                  {t("staff_decision.answer_label")}
                </label>
                <textarea
                  id={`answer-${o.id}`}
                  name="answer"
                  rows={3}
                  className="field-input"
                  defaultValue={failure?.values.objectionId === o.id ? (failure.values.answer ?? "") : ""}
                  aria-invalid={(failure?.values.objectionId === o.id && failure.field === "answer") || undefined}
                />
                {failure?.values.objectionId === o.id && failure.field === "answer" ? <p className="field-error">{failure.error}</p> : null}
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("staff_decision.answer_submit")}
                </button>
              </Form>
            ) : null}
          </article>
        ))}
      </section>
    </div>
  );
}
