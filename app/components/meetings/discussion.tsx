import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingState, PersonalState } from "../../domain/meetings/state.server";
import type { Ack } from "../../realtime/protocol";
import { OPINION_STANCES } from "../../schemas/meetings";
import { useRefusalText } from "./use-refusal-text";

type Send = (event: "comment:post" | "opinion:post" | "content:hide", payload: never) => Promise<Ack<object>>;

const STANCE_TONE: Record<string, string> = {
  support: "bg-green-100 text-green-900",
  oppose: "bg-red-100 text-red-900",
  neutral: "bg-stone-200 text-stone-800",
  conditional: "bg-amber-100 text-amber-900",
};

/** Expert opinions (formal, with a stance and a conflict-of-interest declaration) apart from comments. */
export function Opinions({ state, me, send }: { state: MeetingState; me: PersonalState | null; send?: Send }) {
  const { t } = useTranslation("meetings");
  if (state.opinions.length === 0) return <p className="text-ink-muted">{t("opinions.none")}</p>;
  return (
    <ul className="space-y-3" data-testid="opinions">
      {state.opinions.map((o) => (
        <li key={o.id} className="rounded-lg border border-indigo-200 bg-indigo-50 p-3">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{o.expertName}</span>
            <span className={`badge ${STANCE_TONE[o.stance] ?? ""}`}>{t(`stances.${o.stance}`)}</span>
          </p>
          <p className="mt-1 whitespace-pre-line">{o.rationale}</p>
          <p className="mt-1 text-sm text-ink-muted">
            {t("opinions.conflict")}: {o.conflictOfInterest}
          </p>
          {me?.mayModerate && send ? <HideButton send={send} meetingId={state.meetingId} kind="opinion" id={o.id} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function Comments({ state, me, send }: { state: MeetingState; me: PersonalState | null; send?: Send }) {
  const { t } = useTranslation("meetings");
  if (state.comments.length === 0) return <p className="text-ink-muted">{t("comments.none")}</p>;
  return (
    <ul className="divide-y divide-stone-200" data-testid="comments">
      {state.comments.map((c) => (
        <li key={c.id} className="py-2">
          <p className="text-sm font-semibold text-ink-muted">{c.authorName}</p>
          <p className="whitespace-pre-line">{c.body}</p>
          {me?.mayModerate && send ? <HideButton send={send} meetingId={state.meetingId} kind="comment" id={c.id} /> : null}
        </li>
      ))}
    </ul>
  );
}

function HideButton({ send, meetingId, kind, id }: { send: Send; meetingId: string; kind: "comment" | "opinion"; id: string }) {
  const { t } = useTranslation("meetings");
  return (
    <button
      type="button"
      className="mt-1 text-sm font-medium text-red-700 underline"
      onClick={() => void send("content:hide", { meetingId, kind, id } as never)}
    >
      {t("moderation.hide")}
    </button>
  );
}

export function CommentForm({ state, send }: { state: MeetingState; send: Send }) {
  const { t } = useTranslation("meetings");
  const refusalText = useRefusalText();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (!state.currentItemId) return null;
  const itemId = state.currentItemId;
  return (
    <form
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const response = await send("comment:post", { meetingId: state.meetingId, agendaItemId: itemId, body } as never);
        if (response.ok) setBody("");
        else setError(refusalText(response));
      }}
    >
      <label htmlFor="comment-body" className="field-label">
        {t("comments.label")}
      </label>
      <textarea
        id="comment-body"
        className="field-input"
        rows={2}
        maxLength={1000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        required
      />
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={!body.trim()}>
        {t("comments.post")}
      </button>
    </form>
  );
}

export function OpinionForm({ state, send }: { state: MeetingState; send: Send }) {
  const { t } = useTranslation("meetings");
  const refusalText = useRefusalText();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (!state.currentItemId) return null;
  const itemId = state.currentItemId;
  return (
    <form
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const response = await send("opinion:post", {
          meetingId: state.meetingId,
          agendaItemId: itemId,
          stance: String(data.get("stance") ?? ""),
          rationale: String(data.get("rationale") ?? ""),
          conflictOfInterest: String(data.get("conflictOfInterest") ?? ""),
        } as never);
        if (response.ok) {
          form.reset();
          setSent(true);
          setError(null);
        } else setError(refusalText(response));
      }}
    >
      <fieldset>
        <legend className="field-label">{t("opinions.stance")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {OPINION_STANCES.map((stance) => (
            <label key={stance} className="flex min-h-[44px] items-center gap-2 rounded-lg border border-stone-300 px-3">
              <input type="radio" name="stance" value={stance} required className="h-5 w-5 accent-brand-600" />
              {t(`stances.${stance}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="opinion-rationale" className="field-label">
          {t("opinions.rationale")}
        </label>
        <textarea id="opinion-rationale" name="rationale" className="field-input" rows={4} maxLength={4000} required />
      </div>
      <div>
        <label htmlFor="opinion-conflict" className="field-label">
          {t("opinions.conflict")}
        </label>
        <input
          id="opinion-conflict"
          name="conflictOfInterest"
          className="field-input"
          maxLength={1000}
          required
          placeholder={t("opinions.conflictPlaceholder")}
        />
      </div>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {sent ? (
        <p role="status" className="text-green-800">
          {t("opinions.posted")}
        </p>
      ) : null}
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {t("opinions.post")}
      </button>
    </form>
  );
}
