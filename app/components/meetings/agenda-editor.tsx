import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { failureFor } from "../../web/forms";
import { IntentError } from "./intent-error";

export interface AgendaMeeting {
  id: string;
  status: string;
  communitySlug: string;
  agendaItems: {
    id: string;
    position: number;
    title: string;
    status: string;
    issue: { number: number } | null;
    decisions: unknown[];
  }[];
}

/**
 * Staff's agenda of a meeting: reorder and drop items not yet discussed, add a tracker issue or a
 * free-standing item. Every form posts to the meeting page with its intent; `answer` is that page's action
 * data, each form showing its own refusal.
 */
export function AgendaEditor({
  meeting,
  issues,
  answer,
  busy,
}: {
  meeting: AgendaMeeting;
  issues: { id: string; number: number; title: string }[];
  answer: unknown;
  busy: boolean;
}) {
  const { t } = useTranslation("meetings");
  const editable = meeting.status !== "ended";
  const typed = failureFor(answer, "add-item")?.values ?? {};
  return (
    <section className="card space-y-4" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t("agenda.title")}</h2>
      {meeting.agendaItems.length === 0 ? <p className="text-ink-muted">{t("agenda.empty")}</p> : null}
      <ol className="space-y-2">
        {meeting.agendaItems.map((item, index) => (
          <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-stone-200 p-3">
            <span className="min-w-0">
              <span className="text-ink-muted">{item.position}. </span>
              <span className="font-medium">{item.title}</span>
              {item.issue ? (
                <Link to={`/c/${meeting.communitySlug}/issues/${item.issue.number}`} className="ml-2 text-sm text-brand-700 underline">
                  #{item.issue.number}
                </Link>
              ) : (
                <span className="ml-2 text-sm text-ink-muted">{t("agenda.freeStanding")}</span>
              )}
              {item.decisions.length ? <span className="badge ml-2 bg-green-100 text-green-900">{t("decision.recordedBadge")}</span> : null}
            </span>
            {editable ? (
              <span className="flex flex-wrap gap-1">
                {(["up", "down"] as const).map((direction) => (
                  <Form method="post" key={direction}>
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="agendaItemId" value={item.id} />
                    <input type="hidden" name="direction" value={direction} />
                    <button
                      type="submit"
                      className="btn-secondary px-3"
                      disabled={busy || (direction === "up" ? index === 0 : index === meeting.agendaItems.length - 1)}
                      aria-label={t(`agenda.move_${direction}`, { title: item.title })}
                    >
                      {direction === "up" ? "↑" : "↓"}
                    </button>
                  </Form>
                ))}
                {item.status === "pending" && item.decisions.length === 0 ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-item" />
                    <input type="hidden" name="agendaItemId" value={item.id} />
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t("agenda.remove")}
                    </button>
                  </Form>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <IntentError answer={answer} intent="move" />
      <IntentError answer={answer} intent="remove-item" />
      {editable ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
            <input type="hidden" name="intent" value="add-issue" />
            <label htmlFor="issueId" className="field-label">
              {t("agenda.fromTracker")}
            </label>
            <select id="issueId" name="issueId" className="field-input" required>
              <option value="">{t("agenda.chooseIssue")}</option>
              {issues.map((issue) => (
                <option key={issue.id} value={issue.id}>
                  #{issue.number} {issue.title}
                </option>
              ))}
            </select>
            <p className="text-sm text-ink-muted">{t("agenda.fromTrackerHint")}</p>
            <IntentError answer={answer} intent="add-issue" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("agenda.addIssue")}
            </button>
          </Form>
          <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
            <input type="hidden" name="intent" value="add-item" />
            <label htmlFor="item-title" className="field-label">
              {t("agenda.freeTitle")}
            </label>
            <input id="item-title" name="title" className="field-input" required maxLength={160} defaultValue={typed.title ?? ""} />
            <label htmlFor="item-description" className="field-label">
              {t("agenda.freeDescription")}
            </label>
            <textarea
              id="item-description"
              name="description"
              className="field-input"
              rows={2}
              maxLength={2000}
              defaultValue={typed.description ?? ""}
            />
            <IntentError answer={answer} intent="add-item" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("agenda.addItem")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
