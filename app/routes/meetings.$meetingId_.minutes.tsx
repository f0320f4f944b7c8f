import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "../infra/time";
import minutesStyles from "../components/minutes/minutes.css?url";
import { MinutesEditor } from "../components/minutes/minutes-editor";
import { RenderedMinutes } from "../components/minutes/rendered-minutes";
import { ReviewComments } from "../components/minutes/review-comments";
import { DecisionStatusBadge, MinutesStatusBadge } from "../components/minutes/status-badge";
import { VersionHistory } from "../components/minutes/version-history";
import { systemClock } from "../infra/clock";
import { isDomainError } from "../domain/errors";
import { decisionPublishedKey, notifiedUsers } from "../domain/decisions/notified.server";
import { describeIncomplete, isIncompleteMinutesError } from "../domain/minutes/completeness";
import { loadMinutesWorkspace } from "../domain/minutes/minutes-page.server";
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
import { i18nServer } from "../i18n/i18next.server";
import { MinutesActionSchema, MinutesViewQuery } from "../schemas/minutes";
import { getDb } from "../infra/db.server";
import { parseForm } from "../web/legacy-forms";
import { HTTP_STATUS } from "../domain/errors";
import { requireUser } from "../web/session.server";
import { pushNotificationCounts } from "../web/notification-push.server";
import { param, parseSearchParams, readFormData } from "../web/params.server";
import { recordId } from "../schemas/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.meeting.title} · 会议纪要 Minutes · 议事 Yishi` : "议事 Yishi" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18nServer.getFixedT(request);
  const query = parseSearchParams(request, MinutesViewQuery);
  const view = { versionId: query.version ?? null, revision: query.revision ?? null };
  try {
    const workspace = await loadMinutesWorkspace(getDb(), systemClock, user, param(params, "meetingId", recordId), t, view);
    if (!workspace.rights.edit && !workspace.rights.review) throw data(null, { status: 403 });
    // Reviewers see the minutes once staff send them for review, not while they are a rough draft.
    if (!workspace.rights.edit && workspace.current?.status === "draft")
      return { ...workspace, current: null, versions: [], viewedVersion: null, comments: [] };
    return workspace;
  } catch (error) {
    if (isDomainError(error)) throw data(null, { status: HTTP_STATUS[error.kind] });
    throw error;
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18nServer.getFixedT(request);
  const language = await i18nServer.getLocale(request);
  const form = await readFormData(request);
  const typed = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const parsed = parseForm(MinutesActionSchema, form);
  if (!parsed.ok) {
    const [field, key] = Object.entries(parsed.fieldErrors)[0] ?? ["form", "errors.unexpected"];
    return data({ ok: false as const, intent: parsed.values.intent ?? "", field, error: t(key), values: parsed.values }, { status: 400 });
  }
  const db = getDb();
  const input = parsed.data;
  const meetingId = param(params, "meetingId", recordId);
  const here = `/meetings/${meetingId}/minutes`;
  try {
    switch (input.intent) {
      case "create":
        await openMinutes(db, systemClock, user, meetingId, t, language);
        break;
      case "redraft":
        await redraftFromMeeting(db, systemClock, user, input, t, language);
        break;
      case "refresh-blocks":
        await refreshBlocks(db, systemClock, user, input);
        break;
      case "complete-blocks":
        await completeBlocks(db, systemClock, user, input, t("minutes:completeness.appended_heading"));
        break;
      case "restore":
        await restoreVersion(db, systemClock, user, input);
        break;
      case "send-for-review":
        await sendForReview(db, systemClock, user, input.minutesId);
        break;
      case "comment":
        await addReviewComment(db, systemClock, user, input);
        break;
      case "sign-off":
        await signOff(db, systemClock, user, input);
        break;
      case "publish": {
        await publishMinutes(db, systemClock, user, input);
        // The meeting's decisions went on notice with it: tell the notified people's open tabs.
        const decisions = await db.decision.findMany({ where: { meetingId }, select: { id: true } });
        await pushNotificationCounts(
          context,
          await notifiedUsers(
            db,
            decisions.map((d) => decisionPublishedKey(d.id)),
          ),
        );
        break;
      }
      case "start-correction":
        await startCorrection(db, systemClock, user, input);
        break;
      case "save":
      case "heartbeat":
        // The editor saves through /meetings/:id/minutes/autosave; a plain form post here is not expected.
        return redirect(here);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const incomplete = isIncompleteMinutesError(error);
    return data(
      {
        ok: false as const,
        intent: input.intent,
        field: "form",
        error: incomplete ? describeIncomplete(error, t) : t(error.key, error.values),
        values: typed,
        incomplete,
      },
      { status: HTTP_STATUS[error.kind] },
    );
  }
  return redirect(here);
}

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
  const failure = result && !result.ok ? result : null;
  const incomplete = failure && "incomplete" in failure && failure.incomplete;
  const publicHref = `/c/${data.context.communitySlug}/meetings/${data.meeting.id}/minutes`;
  const editable = current && rights.edit && current.status !== "published";

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

      {failure && failure.field === "form" && !WORKFLOW_INTENTS.has(failure.intent) ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800" data-testid="form-error">
          {failure.error}
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
        <section aria-labelledby="workflow-heading" className="card space-y-3">
          <h2 id="workflow-heading">{t("workflow.heading")}</h2>
          <WorkflowHelp status={live.status} signedOffBy={current.signedOffBy} signedOffAt={current.signedOffAt} />
          {failure && failure.field === "form" && WORKFLOW_INTENTS.has(failure.intent) ? (
            // Shown beside the buttons that were pressed, where the person is looking (on a phone the top of the page is far away).
            <div role="alert" className="space-y-2 rounded-lg bg-red-50 p-3 text-red-800" data-testid="form-error">
              <p className="font-medium">{failure.error}</p>
              {incomplete && rights.edit && current.status !== "published" ? (
                <IntentButton
                  intent="complete-blocks"
                  minutesId={current.id}
                  revision={live.revision}
                  label={t("completeness.put_back_all")}
                  busy={busy}
                />
              ) : null}
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {rights.edit && live.status === "draft" ? (
              <IntentButton intent="send-for-review" minutesId={current.id} label={t("workflow.send_for_review")} busy={busy} primary />
            ) : null}
            {rights.signOff && live.status === "review" ? (
              <IntentButton
                intent="sign-off"
                minutesId={current.id}
                revision={live.revision}
                label={t("workflow.sign_off")}
                busy={busy}
                primary
              />
            ) : null}
            {rights.publish && live.status === "signed" ? (
              <IntentButton intent="publish" minutesId={current.id} label={t("workflow.publish")} busy={busy} primary />
            ) : null}
            {editable ? (
              <>
                <IntentButton intent="redraft" minutesId={current.id} revision={live.revision} label={t("workflow.redraft")} busy={busy} />
                <IntentButton
                  intent="refresh-blocks"
                  minutesId={current.id}
                  revision={live.revision}
                  label={t("workflow.refresh_blocks")}
                  busy={busy}
                />
              </>
            ) : null}
            {current.status === "published" ? (
              <Link to={publicHref} className="btn-secondary">
                {t("workflow.view_public")}
              </Link>
            ) : null}
          </div>
          {rights.edit && current.status === "published" && data.chain.at(-1)?.id === current.id ? (
            <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
              <input type="hidden" name="intent" value="start-correction" />
              <input type="hidden" name="minutesId" value={current.id} />
              <label htmlFor="correction-note" className="field-label">
                {t("workflow.correction_note_label")}
              </label>
              <textarea
                id="correction-note"
                name="note"
                rows={2}
                className="field-input"
                defaultValue={failure?.intent === "start-correction" ? (failure.values.note ?? "") : ""}
                aria-invalid={failure?.field === "note" || undefined}
                aria-describedby={failure?.field === "note" ? "correction-note-error" : undefined}
              />
              {failure?.field === "note" ? (
                <p id="correction-note-error" className="field-error">
                  {failure.error}
                </p>
              ) : null}
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("workflow.start_correction")}
              </button>
            </Form>
          ) : null}
        </section>
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
          canComment={current.status !== "published" && (rights.edit || current.status !== "draft")}
          error={failure?.intent === "comment" ? failure.error : null}
          value={failure?.intent === "comment" ? failure.values.body : undefined}
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

/** Intents of the review-and-publishing buttons: their refusals are shown next to those buttons. */
const WORKFLOW_INTENTS = new Set(["send-for-review", "sign-off", "publish", "redraft", "refresh-blocks", "complete-blocks"]);

function IntentButton({
  intent,
  minutesId,
  revision,
  label,
  busy,
  primary,
}: {
  intent: string;
  minutesId: string;
  revision?: number;
  label: string;
  busy: boolean;
  primary?: boolean;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="minutesId" value={minutesId} />
      {revision !== undefined ? (
        <>
          <input type="hidden" name="revision" value={revision} />
          <input type="hidden" name="baseRevision" value={revision} />
        </>
      ) : null}
      <button type="submit" className={primary ? "btn-primary" : "btn-secondary"} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

function WorkflowHelp({ status, signedOffBy, signedOffAt }: { status: string; signedOffBy: string | null; signedOffAt: string | null }) {
  const { t, i18n } = useTranslation("minutes");
  if (status === "signed" && signedOffBy)
    return <p>{t("workflow.help.signed", { name: signedOffBy, time: formatInstant(signedOffAt, i18n.language, "documentDateTime") })}</p>;
  return <p>{t(`workflow.help.${status}`)}</p>;
}
