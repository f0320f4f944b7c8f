import { useTranslation } from "react-i18next";
import { RATINGS } from "../../domain/issues/acceptance";
import { localized } from "../../i18n/config";
import { formatDateTime } from "../../infra/time";
import { Field, describedBy } from "./form-bits";
import type { FormFailure } from "../../web/forms";
import { failureFor } from "../../web/forms";
import { IntentForm } from "./intent-form";

export function AcknowledgePanel({ version, failure }: { version: number; failure: unknown }) {
  const { t } = useTranslation("issues");
  const f = failureFor(failure, "acknowledge");
  return (
    <IntentForm intent="acknowledge" failure={f} hidden={{ version }} className="mt-3 space-y-3" label={t("escalation.acknowledge")}>
      {({ busy }) => (
        <>
          <Field id="ack-note" label={t("escalation.ack_note")}>
            <textarea id="ack-note" name="note" rows={2} className="field-input" defaultValue={f?.values.note ?? ""} />
          </Field>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t("escalation.acknowledge")}
          </button>
        </>
      )}
    </IntentForm>
  );
}

export function AcceptancePanel({ dueAt, answered, failure }: { dueAt: string | null; answered: boolean; failure: unknown }) {
  const { t, i18n } = useTranslation("issues");
  const f = failureFor(failure, "acceptance");
  return (
    <section className="card no-print border-brand-600" aria-labelledby="acceptance-heading">
      <h2 id="acceptance-heading">{t("acceptance.heading")}</h2>
      {dueAt ? <p className="text-ink-muted">{t("acceptance.window", { date: formatDateTime(dueAt, i18n.language) })}</p> : null}
      {answered ? (
        <p className="mt-2 font-medium">{t("acceptance.thanks")}</p>
      ) : (
        <IntentForm intent="acceptance" failure={f} className="mt-3 space-y-3">
          {({ busy }) => (
            <>
              <fieldset>
                <legend className="field-label">{t("figures:acceptance.question")}</legend>
                <div className="grid grid-cols-1 gap-2 sm:grid-cols-5">
                  {RATINGS.map((rating) => (
                    <label
                      key={rating}
                      className="flex min-h-[48px] items-center gap-2 rounded-lg border border-stone-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                    >
                      <input
                        type="radio"
                        name="rating"
                        value={rating}
                        defaultChecked={f?.values.rating === String(rating)}
                        className="h-5 w-5"
                        aria-describedby={f?.fieldErrors.rating ? "acceptance-rating-error" : undefined}
                      />
                      <span>
                        <span className="font-semibold">{rating}</span> {t(`figures:acceptance.rating.${rating}`)}
                      </span>
                    </label>
                  ))}
                </div>
                {f?.fieldErrors.rating ? (
                  <p id="acceptance-rating-error" className="field-error">
                    {f.fieldErrors.rating}
                  </p>
                ) : null}
              </fieldset>
              <Field
                id="acceptance-reason"
                label={t("figures:acceptance.comment")}
                error={f?.fieldErrors.reason}
                hint={t("figures:acceptance.reason_hint")}
              >
                <textarea
                  id="acceptance-reason"
                  name="reason"
                  rows={3}
                  className="field-input"
                  defaultValue={f?.values.reason ?? ""}
                  aria-invalid={f?.fieldErrors.reason ? true : undefined}
                  aria-describedby={describedBy("acceptance-reason", f?.fieldErrors.reason, t("figures:acceptance.reason_hint"))}
                />
              </Field>
              <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                {t("acceptance.submit")}
              </button>
            </>
          )}
        </IntentForm>
      )}
    </section>
  );
}

export function FollowPanel({
  following,
  meToo,
  isReporter,
  offerMeToo,
  failure,
}: {
  following: boolean;
  meToo: boolean;
  isReporter: boolean;
  offerMeToo: boolean;
  failure: unknown;
}) {
  const { t } = useTranslation("issues");
  const f = failureFor(failure, "me_too") ?? failureFor(failure, "follow") ?? failureFor(failure, "unfollow");
  // Reporters follow their own issue from the start; there is nothing for them to press here.
  if (isReporter) return null;
  return (
    <section className="card no-print flex flex-wrap items-center gap-3" aria-label={t("follow.heading")}>
      {f?.formError ? (
        <p role="alert" className="w-full font-medium text-red-800">
          {f.formError}
        </p>
      ) : null}
      {offerMeToo ? (
        meToo ? (
          <p className="font-medium">{t("follow.me_too_done")}</p>
        ) : (
          <IntentForm intent="me_too" className="">
            {({ busy }) => (
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("follow.me_too")}
              </button>
            )}
          </IntentForm>
        )
      ) : null}
      {meToo ? null : (
        <IntentForm intent={following ? "unfollow" : "follow"} className="">
          {({ busy }) => (
            <button type="submit" className="btn-secondary" disabled={busy}>
              {following ? t("follow.unfollow") : t("follow.follow")}
            </button>
          )}
        </IntentForm>
      )}
      <p className="text-sm text-ink-muted">{t("follow.hint")}</p>
    </section>
  );
}

type Move = "accept" | "reject" | "merge" | "resolve_directly" | "put_on_agenda" | "escalate" | string;

/** Community staff: the triage moves the current state allows, and nothing else. */
export function StaffPanel({
  moves,
  version,
  departments,
  today,
  failure,
}: {
  moves: Move[];
  version: number;
  departments: { id: string; nameZh: string; nameEn: string }[];
  today: string;
  failure: unknown;
}) {
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  const open = (intent: string) => !!failureFor(failure, intent);
  return (
    <section className="card no-print space-y-3" aria-labelledby="triage-heading">
      <h2 id="triage-heading">{t("triage.heading")}</h2>
      {moves.includes("accept") ? (
        <MoveBox intent="accept" title={t("triage.accept")} failure={failure} version={version} open={open("accept")}>
          {(f) => (
            <Field id="accept-note" label={t("triage.note_optional")}>
              <textarea id="accept-note" name="note" rows={2} className="field-input" defaultValue={f?.values.note ?? ""} />
            </Field>
          )}
        </MoveBox>
      ) : null}
      {moves.includes("escalate") ? (
        <MoveBox intent="escalate" title={t("triage.escalate")} failure={failure} version={version} open={open("escalate")}>
          {(f) => (
            <>
              <Field id="escalate-unit" label={t("triage.department")} error={f?.fieldErrors.unitId}>
                <select id="escalate-unit" name="unitId" className="field-input" defaultValue={f?.values.unitId ?? ""}>
                  <option value="">{t("triage.choose")}</option>
                  {departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {localized(lang, d.nameZh, d.nameEn)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="escalate-due" label={t("triage.response_deadline")} error={f?.fieldErrors.dueDate}>
                <input
                  id="escalate-due"
                  name="dueDate"
                  type="date"
                  min={today}
                  className="field-input"
                  defaultValue={f?.values.dueDate ?? ""}
                />
              </Field>
              <Field id="escalate-note" label={t("triage.escalate_note")}>
                <textarea id="escalate-note" name="note" rows={2} className="field-input" defaultValue={f?.values.note ?? ""} />
              </Field>
            </>
          )}
        </MoveBox>
      ) : null}
      {moves.includes("put_on_agenda") ? (
        <MoveBox intent="put_on_agenda" title={t("triage.put_on_agenda")} failure={failure} version={version} open={open("put_on_agenda")}>
          {(f) => (
            <Field id="agenda-note" label={t("triage.note_optional")}>
              <textarea id="agenda-note" name="note" rows={2} className="field-input" defaultValue={f?.values.note ?? ""} />
            </Field>
          )}
        </MoveBox>
      ) : null}
      {moves.includes("resolve_directly") ? (
        <MoveBox
          intent="resolve_directly"
          title={t("triage.resolve_directly")}
          failure={failure}
          version={version}
          open={open("resolve_directly")}
        >
          {(f) => (
            <Field id="resolve-note" label={t("triage.resolution")} error={f?.fieldErrors.note}>
              <textarea id="resolve-note" name="note" rows={2} className="field-input" defaultValue={f?.values.note ?? ""} />
            </Field>
          )}
        </MoveBox>
      ) : null}
      {moves.includes("merge") ? (
        <MoveBox intent="merge" title={t("triage.merge")} failure={failure} version={version} open={open("merge")}>
          {(f) => (
            <Field id="merge-target" label={t("triage.merge_target")} error={f?.fieldErrors.targetNumber}>
              <input
                id="merge-target"
                name="targetNumber"
                inputMode="numeric"
                className="field-input"
                defaultValue={f?.values.targetNumber ?? ""}
              />
            </Field>
          )}
        </MoveBox>
      ) : null}
      {moves.includes("reject") ? (
        <MoveBox intent="reject" title={t("triage.reject")} failure={failure} version={version} open={open("reject")} secondary>
          {(f) => (
            <Field id="reject-reason" label={t("triage.reject_reason")} error={f?.fieldErrors.reason} hint={t("triage.reject_hint")}>
              <textarea id="reject-reason" name="reason" rows={2} className="field-input" defaultValue={f?.values.reason ?? ""} />
            </Field>
          )}
        </MoveBox>
      ) : null}
    </section>
  );
}

/** A collapsible form per move: the panel stays short on a phone, and reopens on its own error. */
function MoveBox({
  intent,
  title,
  failure,
  version,
  open,
  secondary = false,
  children,
}: {
  intent: string;
  title: string;
  failure: unknown;
  version: number;
  open: boolean;
  secondary?: boolean;
  children: (f: FormFailure | undefined) => React.ReactNode;
}) {
  const f = failureFor(failure, intent);
  return (
    <details className="no-print rounded-lg border border-stone-200" open={open}>
      <summary className="flex min-h-[44px] cursor-pointer items-center px-3 font-semibold">{title}</summary>
      <IntentForm intent={intent} failure={f} hidden={{ version }} className="space-y-3 p-3 pt-0" label={title}>
        {({ busy }) => (
          <>
            {children(f)}
            <button type="submit" className={`${secondary ? "btn-secondary" : "btn-primary"} w-full sm:w-auto`} disabled={busy}>
              {title}
            </button>
          </>
        )}
      </IntentForm>
    </details>
  );
}
