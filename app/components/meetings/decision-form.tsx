import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PollResult } from "../../domain/voting/result";
import { MAX_ACTION_ITEMS } from "../../schemas/meetings";
import { failureFor } from "../../web/forms";

/**
 * After a poll: the decision as it will stand in the record, and the action items agreed in the room
 * (owner unit, due date). Posts to /meetings/:id/decide; the tracker issue then shows both.
 */
export function DecisionForm({
  meetingId,
  agendaItemId,
  pollId,
  result,
  units,
  hasIssue,
}: {
  meetingId: string;
  agendaItemId: string;
  pollId?: string;
  result?: PollResult | null;
  units: { id: string; name: string }[];
  hasIssue: boolean;
}) {
  const { t } = useTranslation("meetings");
  const fetcher = useFetcher<{ ok: true } | { ok: false }>();
  const [rows, setRows] = useState(hasIssue ? 1 : 0);
  const suggested = result
    ? result.passed === true
      ? t("decision.suggestPassed", { question: result.question })
      : result.passed === false
        ? t("decision.suggestFailed", { question: result.question })
        : ""
    : "";
  const failure = failureFor(fetcher.data);
  const errors = failure?.fieldErrors ?? {};
  // A row's problems are reported per field (`actionItems.0.dueAt`); the row shows its first.
  const rowError = (i: number) => Object.entries(errors).find(([field]) => field.startsWith(`actionItems.${i}.`))?.[1] ?? null;
  return (
    <fetcher.Form
      method="post"
      action={`/meetings/${meetingId}/decide`}
      className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-3"
      aria-label={t("decision.title")}
    >
      <h3 className="text-lg font-semibold">{t("decision.title")}</h3>
      <input type="hidden" name="agendaItemId" value={agendaItemId} />
      <input type="hidden" name="pollId" value={pollId ?? ""} />
      <div>
        <label htmlFor={`decision-text-${agendaItemId}`} className="field-label">
          {t("decision.text")}
        </label>
        <textarea
          id={`decision-text-${agendaItemId}`}
          name="text"
          className="field-input"
          rows={3}
          required
          maxLength={4000}
          defaultValue={suggested}
        />
        {errors.text ? <p className="field-error">{errors.text}</p> : null}
      </div>
      {hasIssue ? (
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("decision.actionItems")}</legend>
          {Array.from({ length: rows }, (_, i) => (
            <div
              key={i}
              className="grid gap-2 rounded-lg border border-stone-200 bg-white p-3 sm:grid-cols-3"
              data-testid="action-item-row"
            >
              <div>
                <label htmlFor={`ai-unit-${i}`} className="field-label">
                  {t("decision.ownerUnit")}
                </label>
                <select id={`ai-unit-${i}`} name={`actionItems.${i}.unitId`} className="field-input" required>
                  <option value="">{t("decision.chooseUnit")}</option>
                  {units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`ai-due-${i}`} className="field-label">
                  {t("decision.dueAt")}
                </label>
                <input id={`ai-due-${i}`} name={`actionItems.${i}.dueAt`} type="date" className="field-input" required />
              </div>
              <div className="sm:col-span-3">
                <label htmlFor={`ai-desc-${i}`} className="field-label">
                  {t("decision.task")}
                </label>
                <input id={`ai-desc-${i}`} name={`actionItems.${i}.description`} className="field-input" required maxLength={1000} />
              </div>
              {rowError(i) ? <p className="field-error sm:col-span-3">{rowError(i)}</p> : null}
            </div>
          ))}
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-secondary" onClick={() => setRows((n) => Math.min(MAX_ACTION_ITEMS, n + 1))}>
              {t("decision.addActionItem")}
            </button>
            {rows > 0 ? (
              <button type="button" className="btn-secondary" onClick={() => setRows((n) => n - 1)}>
                {t("decision.removeActionItem")}
              </button>
            ) : null}
          </div>
        </fieldset>
      ) : null}
      {failure?.formError ? (
        <p role="alert" className="field-error">
          {failure.formError}
        </p>
      ) : null}
      {fetcher.data?.ok ? (
        <p role="status" className="font-medium text-green-800">
          {t("decision.recorded")}
        </p>
      ) : null}
      <button type="submit" className="btn-primary" disabled={fetcher.state !== "idle"}>
        {t("decision.record")}
      </button>
    </fetcher.Form>
  );
}
