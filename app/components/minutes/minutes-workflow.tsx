import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isIncompleteMinutesReason } from "../../domain/minutes/completeness";
import { isEditable } from "../../domain/minutes/status";
import { formatInstant } from "../../infra/time";
import type { FormFailure } from "../../web/forms";

/** Intents of the review-and-publishing buttons: their refusals are shown next to those buttons. */
const WORKFLOW_INTENTS: ReadonlySet<string> = new Set([
  "send-for-review",
  "sign-off",
  "publish",
  "redraft",
  "refresh-blocks",
  "complete-blocks",
]);

export function isWorkflowIntent(intent: string | null | undefined): boolean {
  return !!intent && WORKFLOW_INTENTS.has(intent);
}

interface Props {
  minutes: { id: string; status: string; signedOffBy: string | null; signedOffAt: string | null };
  /** Revision and status as the editor last saved them (ahead of the loaded page while someone types). */
  live: { revision: number; status: string };
  rights: { edit: boolean; signOff: boolean; publish: boolean };
  /** The last row of the chain: only it can be corrected. */
  isLatest: boolean;
  publicHref: string;
  busy: boolean;
  failure: FormFailure | undefined;
}

/**
 * Where the minutes stand (draft → review → signed → published) and the buttons that move them on, with a
 * refusal of one of those buttons shown beside them, and, once published, the form that starts a correction.
 */
export function MinutesWorkflow({ minutes, live, rights, isLatest, publicHref, busy, failure }: Props) {
  const { t } = useTranslation("minutes");
  const editable = rights.edit && isEditable(minutes.status);
  const refusal = failure && isWorkflowIntent(failure.intent) ? (failure.formError ?? failure.fieldErrors.form ?? null) : null;
  const noteError = failure?.intent === "start-correction" ? failure.fieldErrors.note : undefined;
  return (
    <section aria-labelledby="workflow-heading" className="card space-y-3">
      <h2 id="workflow-heading">{t("workflow.heading")}</h2>
      <WorkflowHelp status={live.status} signedOffBy={minutes.signedOffBy} signedOffAt={minutes.signedOffAt} />
      {refusal ? (
        // Shown beside the buttons that were pressed, where the person is looking (on a phone the top of the page is far away).
        <div role="alert" className="space-y-2 rounded-lg bg-red-50 p-3 text-red-800" data-testid="form-error">
          <p className="font-medium">{refusal}</p>
          {isIncompleteMinutesReason(failure?.reason) && editable ? (
            <IntentButton
              intent="complete-blocks"
              minutesId={minutes.id}
              revision={live.revision}
              label={t("completeness.put_back_all")}
              busy={busy}
            />
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {rights.edit && live.status === "draft" ? (
          <IntentButton intent="send-for-review" minutesId={minutes.id} label={t("workflow.send_for_review")} busy={busy} primary />
        ) : null}
        {rights.signOff && live.status === "review" ? (
          <IntentButton
            intent="sign-off"
            minutesId={minutes.id}
            revision={live.revision}
            label={t("workflow.sign_off")}
            busy={busy}
            primary
          />
        ) : null}
        {rights.publish && live.status === "signed" ? (
          <IntentButton intent="publish" minutesId={minutes.id} label={t("workflow.publish")} busy={busy} primary />
        ) : null}
        {editable ? (
          <>
            <IntentButton intent="redraft" minutesId={minutes.id} revision={live.revision} label={t("workflow.redraft")} busy={busy} />
            <IntentButton
              intent="refresh-blocks"
              minutesId={minutes.id}
              revision={live.revision}
              label={t("workflow.refresh_blocks")}
              busy={busy}
            />
          </>
        ) : null}
        {minutes.status === "published" ? (
          <Link to={publicHref} className="btn-secondary">
            {t("workflow.view_public")}
          </Link>
        ) : null}
      </div>
      {rights.edit && minutes.status === "published" && isLatest ? (
        <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
          <input type="hidden" name="intent" value="start-correction" />
          <input type="hidden" name="minutesId" value={minutes.id} />
          <label htmlFor="correction-note" className="field-label">
            {t("workflow.correction_note_label")}
          </label>
          <textarea
            id="correction-note"
            name="note"
            rows={2}
            className="field-input"
            defaultValue={failure?.intent === "start-correction" ? (failure.values.note ?? "") : ""}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? "correction-note-error" : undefined}
          />
          {noteError ? (
            <p id="correction-note-error" className="field-error">
              {noteError}
            </p>
          ) : null}
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("workflow.start_correction")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** One button of the workflow: a form posting its intent with the minutes and the revision the person saw. */
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
