import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import minutesStyles from "../components/minutes/minutes.css?url";
import { MinutesEditor } from "../components/minutes/minutes-editor";
import { RenderedMinutes } from "../components/minutes/rendered-minutes";
import { ReviewComments } from "../components/minutes/review-comments";
import { DecisionStatusBadge, MinutesStatusBadge } from "../components/minutes/status-badge";
import { VersionHistory } from "../components/minutes/version-history";
import { MinutesWorkflow, isWorkflowIntent } from "../components/minutes/minutes-workflow";
import {
  addReviewComment,
  completeBlocks,
  openMinutes,
  publishMinutes,
  redraftFromMeeting,
  refreshBlocks,
  restoreVersion,
  sendForReview,
  signOff,
  startCorrection,
} from "../domain/minutes/minutes.server";
import { isEditable } from "../domain/minutes/status";
import { minutesWorkspacePage } from "../domain/minutes/workspace-page.server";
import { translatorFor } from "../i18n/i18next.server";
import { formatInstant } from "../infra/time";
import { MINUTES_INTENTS, MinutesActionSchema, MinutesViewQuery } from "../schemas/minutes";
import { recordId } from "../schemas/params";
import { failureFor, firstError } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { param, parseSearchParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["minutes"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.meeting.title} · 会议纪要 Minutes · 议事 Yishi` : "议事 Yishi" },
];

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const query = parseSearchParams(request, MinutesViewQuery);
  const view = { versionId: query.version ?? null, revision: query.revision ?? null };
  const { t } = await translatorFor(request);
  return minutesWorkspacePage(context.db, context.clock, user, param(params, "meetingId", recordId), t, view);
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const user = await requireUser(request);
    const input = parseForm(MinutesActionSchema, form);
    const { db, clock } = context;
    const meetingId = param(params, "meetingId", recordId);
    const { t, language } = await translatorFor(request);
    switch (input.intent) {
      case "create":
        await openMinutes(db, clock, user, meetingId, t, language);
        break;
      case "redraft":
        await redraftFromMeeting(db, clock, user, input, t, language);
        break;
      case "refresh-blocks":
        await refreshBlocks(db, clock, user, input);
        break;
      case "complete-blocks":
        await completeBlocks(db, clock, user, input, t("minutes:completeness.appended_heading"));
        break;
      case "restore":
        await restoreVersion(db, clock, user, input);
        break;
      case "send-for-review":
        await sendForReview(db, clock, user, input.minutesId);
        break;
      case "comment":
        await addReviewComment(db, clock, user, input);
        break;
      case "sign-off":
        await signOff(db, clock, user, input);
        break;
      case "publish": {
        // The meeting's decisions went on notice with it: tell the notified people's open tabs.
        const { notified } = await publishMinutes(db, clock, user, input);
        await pushNotificationCounts(context, notified);
        break;
      }
      case "start-correction":
        await startCorrection(db, clock, user, input);
        break;
      case "save":
      case "heartbeat":
        // The editor saves through /meetings/:id/minutes/autosave; a plain form post here is not expected.
        break;
    }
    return redirect(`/meetings/${meetingId}/minutes`);
  },
  { intents: MINUTES_INTENTS },
);

export default function MinutesWorkspacePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("minutes");
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { current, rights } = data;
  const [live, setLive] = useState({ revision: current?.revision ?? 0, status: current?.status ?? "draft" });
  useEffect(() => setLive({ revision: current?.revision ?? 0, status: current?.status ?? "draft" }), [current?.revision, current?.status]);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const failure = failureFor(result);
  // A refusal of the whole form: what the domain refused, or a post this page does not know.
  const formError = failure ? (failure.formError ?? failure.fieldErrors.form ?? null) : null;
  const commentFailure = failureFor(result, "comment");
  const publicHref = `/c/${data.context.communitySlug}/meetings/${data.meeting.id}/minutes`;
  const editable = current && rights.edit && isEditable(current.status);

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-ink-muted">
          <Link to={`/meetings/${data.meeting.id}`} className="underline">
            {data.meeting.title}
          </Link>{" "}
          · {formatInstant(data.meeting.startsAt, i18n.language, "documentDateTime")}
        </p>
        <h1>{t("workspace.title")}</h1>
        {current ? (
          <p className="flex flex-wrap items-center gap-2">
            <MinutesStatusBadge status={live.status} />
            <span className="text-ink-muted">{t("versions.revision", { revision: live.revision })}</span>
            {current.correctionOfId ? <span className="badge bg-violet-100 text-violet-900">{t("workspace.correction_badge")}</span> : null}
          </p>
        ) : null}
      </header>

      {formError && !isWorkflowIntent(failure?.intent) ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800" data-testid="form-error">
          {formError}
        </p>
      ) : null}

      {data.lockHolder ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
          {t("workspace.lock_warning", {
            name: data.lockHolder.name,
            time: formatInstant(data.lockHolder.until, i18n.language, "documentDateTime"),
          })}
        </p>
      ) : null}

      {!current ? (
        <section className="card space-y-3">
          {rights.edit ? (
            data.meeting.status === "ended" ? (
              <>
                <p>{t("workspace.no_minutes_yet")}</p>
                <Form method="post">
                  <input type="hidden" name="intent" value="create" />
                  <button type="submit" className="btn-primary" disabled={busy}>
                    {t("workspace.draft_from_meeting")}
                  </button>
                </Form>
              </>
            ) : (
              <p>{t("workspace.meeting_not_ended")}</p>
            )
          ) : (
            <p>{t("workspace.not_ready_for_review")}</p>
          )}
        </section>
      ) : null}

      {current?.correctionNote ? (
        <p className="rounded-lg bg-violet-50 p-3 text-violet-900">{t("workspace.correction_note", { note: current.correctionNote })}</p>
      ) : null}

      {current && editable ? (
        mounted ? (
          <MinutesEditor
            key={`${current.id}:${current.revision}`}
            minutesId={current.id}
            revision={current.revision}
            content={current.content}
            saveUrl={`/meetings/${data.meeting.id}/minutes/autosave`}
            onSaved={(revision, status) => setLive({ revision, status })}
          />
        ) : (
          <div className="card" aria-busy="true">
            <p className="mb-3 text-sm text-ink-muted">{t("workspace.loading_editor")}</p>
            <RenderedMinutes html={current.html} />
          </div>
        )
      ) : null}

      {current && !editable ? (
        <article className="card" aria-label={t("workspace.title")}>
          <RenderedMinutes html={current.html} />
        </article>
      ) : null}

      {current ? (
        <MinutesWorkflow
          minutes={current}
          live={live}
          rights={rights}
          isLatest={data.chain.at(-1)?.id === current.id}
          publicHref={publicHref}
          busy={busy}
          failure={failure}
        />
      ) : null}

      {data.decisions.length ? (
        <section aria-labelledby="decisions-heading" className="card">
          <h2 id="decisions-heading">{t("workspace.decisions")}</h2>
          <ul className="mt-3 divide-y divide-stone-200">
            {data.decisions.map((d) => (
              <li key={d.id} className="space-y-2 py-3">
                <DecisionStatusBadge status={d.status} />
                <p>{d.text}</p>
                {rights.publish || d.status !== "draft" ? (
                  <Link
                    to={rights.publish ? `/decisions/${d.id}` : `/c/${data.context.communitySlug}/decisions/${d.id}`}
                    className="btn-secondary"
                  >
                    {t("workspace.open_decision")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {current && (rights.review || rights.edit) ? (
        <ReviewComments
          comments={data.comments}
          minutesId={current.id}
          canComment={isEditable(current.status) && (rights.edit || current.status !== "draft")}
          error={firstError(commentFailure)}
          value={commentFailure?.values.body}
        />
      ) : null}

      {data.viewedVersion ? (
        <section aria-labelledby="viewed-heading" className="card border-sky-300">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="viewed-heading">{t("versions.viewing", { revision: data.viewedVersion.revision })}</h2>
            <Link to="." className="btn-secondary" preventScrollReset>
              {t("versions.close")}
            </Link>
          </div>
          <RenderedMinutes html={data.viewedVersion.html} />
        </section>
      ) : null}

      {current && data.versions.length ? (
        <VersionHistory
          versions={data.versions}
          minutesId={current.id}
          baseRevision={live.revision}
          canRestore={!!editable}
          viewHref={(id) => `?version=${id}`}
        />
      ) : null}
    </div>
  );
}
