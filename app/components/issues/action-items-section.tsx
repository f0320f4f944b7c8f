import { useTranslation } from "react-i18next";
import { localized } from "../../i18n/config";
import { formatDateTime } from "../../infra/time";
import { Field } from "./form-bits";
import { failureFor } from "../../web/forms";
import { IntentForm } from "./intent-form";
import { PhotoGrid } from "./photo-grid";

interface ActionItemView {
  id: string;
  description: string;
  dueAt: string;
  status: string;
  percent: number;
  overdue: boolean;
  unit: { id: string; nameZh: string; nameEn: string };
  canUpdate: boolean;
  updates: {
    id: string;
    text: string;
    percent: number;
    createdAt: string;
    photos: { storageKey: string; width: number | null; height: number | null }[];
  }[];
}

export function ActionItemsSection({
  items,
  canAdd,
  units,
  today,
  failure,
  workGate = null,
}: {
  items: ActionItemView[];
  canAdd: boolean;
  units: { id: string; nameZh: string; nameEn: string }[];
  today: string;
  failure: unknown;
  /** Set while a decision on the issue is on public notice: work may not start yet (ADR 0011). */
  workGate?: { reason: "unpublished" | "notice_open" | "awaiting_answers"; until: string | null } | null;
}) {
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  if (items.length === 0 && !canAdd) return null;
  const addFailure = failureFor(failure, "add_action_item");
  return (
    <section className="card space-y-4" aria-labelledby="action-items-heading">
      <h2 id="action-items-heading">{t("action_items.heading")}</h2>
      {workGate ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900" data-testid="work-gate">
          {t(`work_gate.${workGate.reason}`, { until: workGate.until ? formatDateTime(workGate.until, lang) : "" })}
        </p>
      ) : null}
      {items.length === 0 ? <p className="text-ink-muted">{t("action_items.none")}</p> : null}
      <ul className="space-y-4">
        {items.map((item) => (
          <li
            key={item.id}
            id={`item-${item.id}`}
            className={`rounded-lg border p-3 ${item.overdue ? "border-red-300 bg-red-50" : "border-stone-200"}`}
          >
            <p className="font-semibold">{localized(lang, item.unit.nameZh, item.unit.nameEn)}</p>
            <p className="whitespace-pre-line">{item.description}</p>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
              <span className={`badge ${item.status === "done" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
                {t(`action_items.status.${item.status}`)}
              </span>
              {item.overdue ? <span className="badge bg-red-600 text-white">{t("flags.overdue")}</span> : null}
              <span className={item.overdue ? "font-semibold text-red-700" : "text-ink-muted"}>
                {t("action_items.due", { date: formatDateTime(item.dueAt, lang, false) })}
              </span>
            </p>
            <div className="mt-2" aria-hidden="true">
              <div className="h-2 w-full rounded-full bg-stone-200">
                <div className="h-2 rounded-full bg-brand-600" style={{ width: `${item.percent}%` }} />
              </div>
            </div>
            <p className="text-sm text-ink-muted">{t("action_items.percent", { percent: item.percent })}</p>
            {item.updates.length > 0 ? (
              <ol className="mt-2 space-y-2 border-l-2 border-stone-200 pl-3">
                {item.updates.map((update) => (
                  <li key={update.id}>
                    <p className="text-sm text-ink-muted">
                      <time dateTime={update.createdAt}>{formatDateTime(update.createdAt, lang)}</time> ·{" "}
                      {t("action_items.percent", { percent: update.percent })}
                    </p>
                    {update.text ? <p className="whitespace-pre-line">{update.text}</p> : null}
                    <PhotoGrid photos={update.photos} label={t("action_items.evidence")} />
                  </li>
                ))}
              </ol>
            ) : null}
            {item.canUpdate && item.status !== "done" && !workGate ? <ItemControls item={item} failure={failure} /> : null}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <details className="no-print rounded-lg border border-stone-200" open={!!addFailure}>
          <summary className="flex min-h-[44px] cursor-pointer items-center px-3 font-semibold">{t("action_items.add")}</summary>
          <IntentForm intent="add_action_item" failure={addFailure} className="space-y-3 p-3 pt-0" label={t("action_items.add")}>
            {({ busy }) => (
              <>
                <Field id="item-unit" label={t("action_items.owner_unit")} error={addFailure?.fieldErrors.unitId}>
                  <select id="item-unit" name="unitId" className="field-input" defaultValue={addFailure?.values.unitId ?? ""}>
                    <option value="">{t("triage.choose")}</option>
                    {units.map((u) => (
                      <option key={u.id} value={u.id}>
                        {localized(lang, u.nameZh, u.nameEn)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id="item-description" label={t("action_items.description")} error={addFailure?.fieldErrors.description}>
                  <textarea
                    id="item-description"
                    name="description"
                    rows={2}
                    className="field-input"
                    defaultValue={addFailure?.values.description ?? ""}
                  />
                </Field>
                <Field id="item-due" label={t("action_items.due_date")} error={addFailure?.fieldErrors.dueDate}>
                  <input
                    id="item-due"
                    name="dueDate"
                    type="date"
                    min={today}
                    className="field-input"
                    defaultValue={addFailure?.values.dueDate ?? ""}
                  />
                </Field>
                <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                  {t("action_items.add")}
                </button>
              </>
            )}
          </IntentForm>
        </details>
      ) : null}
    </section>
  );
}

/** What the owner unit does with its item: claim it, report progress with photos, mark it done. */
function ItemControls({ item, failure }: { item: ActionItemView; failure: unknown }) {
  const { t } = useTranslation("issues");
  const claimFailure = failureFor(failure, "claim", { actionItemId: item.id });
  const progressFailure = failureFor(failure, "progress", { actionItemId: item.id });
  const doneFailure = failureFor(failure, "done", { actionItemId: item.id });
  const ids = { text: `progress-text-${item.id}`, percent: `progress-percent-${item.id}`, photos: `progress-photos-${item.id}` };
  return (
    <div className="mt-3 space-y-3 border-t border-stone-200 pt-3">
      {item.status === "open" ? (
        <IntentForm intent="claim" failure={claimFailure} hidden={{ actionItemId: item.id }} className="">
          {({ busy }) => (
            <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
              {t("action_items.claim")}
            </button>
          )}
        </IntentForm>
      ) : null}
      <IntentForm
        intent="progress"
        failure={progressFailure}
        hidden={{ actionItemId: item.id }}
        multipart
        label={t("action_items.post_progress")}
      >
        {({ busy }) => (
          <>
            <Field id={ids.text} label={t("action_items.progress_text")} error={progressFailure?.fieldErrors.text}>
              <textarea id={ids.text} name="text" rows={2} className="field-input" defaultValue={progressFailure?.values.text ?? ""} />
            </Field>
            <Field id={ids.percent} label={t("action_items.progress_percent")} error={progressFailure?.fieldErrors.percent}>
              <input
                id={ids.percent}
                name="percent"
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                step={5}
                className="field-input"
                defaultValue={progressFailure?.values.percent ?? String(item.percent)}
              />
            </Field>
            <Field id={ids.photos} label={t("action_items.photos")} hint={t("raise.photos_hint")}>
              <input
                id={ids.photos}
                name="photos"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif"
                multiple
                className="field-input"
                aria-describedby={`${ids.photos}-hint`}
              />
            </Field>
            <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
              {t("action_items.post_progress")}
            </button>
          </>
        )}
      </IntentForm>
      <IntentForm intent="done" failure={doneFailure} hidden={{ actionItemId: item.id }} className="">
        {({ busy }) => (
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t("action_items.mark_done")}
          </button>
        )}
      </IntentForm>
    </div>
  );
}
