import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingState, PollView } from "../../domain/meetings/state.server";
import { POLL_KINDS, PASS_RULES } from "../../domain/voting/result";
import type { Ack } from "../../realtime/protocol";
import { useOptionLabel } from "./poll-numbers";
import { useRefusalText } from "./use-refusal-text";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Send = (event: any, payload: any) => Promise<Ack<object>>;

/** Runs one socket command and shows its refusal, translated, next to the control. */
export function useCommand(send: Send) {
  const refusalText = useRefusalText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(event: string, payload: unknown): Promise<boolean> {
    setBusy(true);
    setError(null);
    const response = await send(event, payload);
    setBusy(false);
    if (!response.ok) setError(refusalText(response));
    return response.ok;
  }
  return { run, error, busy };
}

export function CommandError({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="field-error">
      {error}
    </p>
  ) : null;
}

/** The host fixes kind, ballot mode, rule and options here; once open none of them can change. */
export function PollOpenForm({ state, send }: { state: MeetingState; send: Send }) {
  const { t } = useTranslation("meetings");
  const { run, error, busy } = useCommand(send);
  const [kind, setKind] = useState("yes_no_abstain");
  const [mode, setMode] = useState("secret");
  const [rule, setRule] = useState("majority_cast");
  const current = state.agenda.find((a) => a.id === state.currentItemId);
  return (
    <form
      className="space-y-3"
      aria-label={t("host.openPoll")}
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const options = String(data.get("options") ?? "")
          .split("\n")
          .map((s) => s.trim())
          .filter(Boolean);
        await run("poll:open", {
          meetingId: state.meetingId,
          agendaItemId: state.currentItemId,
          question: String(data.get("question") ?? ""),
          kind,
          options,
          maxChoices: Number(data.get("maxChoices") ?? 1),
          ballotMode: mode,
          passRule: rule,
          abstentionsCount: data.get("abstentionsCount") === "on",
          resultsHidden: data.get("resultsHidden") === "on",
          allowChange: data.get("allowChange") === "on",
          rollCallPublic: data.get("rollCallPublic") === "on",
        });
      }}
    >
      <div>
        <label htmlFor="poll-question" className="field-label">
          {t("poll.question")}
        </label>
        <input
          id="poll-question"
          name="question"
          className="field-input"
          required
          maxLength={300}
          defaultValue={current ? t("poll.defaultQuestion", { title: current.title }) : ""}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="poll-kind" className="field-label">
            {t("poll.kind")}
          </label>
          <select id="poll-kind" className="field-input" value={kind} onChange={(e) => setKind(e.target.value)}>
            {POLL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="poll-mode" className="field-label">
            {t("poll.ballotMode")}
          </label>
          <select id="poll-mode" className="field-input" value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="secret">{t("ballotModes.secret")}</option>
            <option value="named">{t("ballotModes.named")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="poll-rule" className="field-label">
            {t("poll.passRule")}
          </label>
          <select id="poll-rule" className="field-input" value={rule} onChange={(e) => setRule(e.target.value)}>
            {PASS_RULES.map((r) => (
              <option key={r} value={r}>
                {t(`passRules.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {kind !== "yes_no_abstain" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <label htmlFor="poll-options" className="field-label">
              {t("poll.options")}
            </label>
            <textarea
              id="poll-options"
              name="options"
              className="field-input"
              rows={4}
              required
              placeholder={t("poll.optionsPlaceholder")}
            />
          </div>
          {kind === "multiple" ? (
            <div>
              <label htmlFor="poll-max" className="field-label">
                {t("poll.maxChoices")}
              </label>
              <input id="poll-max" name="maxChoices" type="number" min={1} max={20} defaultValue={2} className="field-input" />
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {kind === "yes_no_abstain" && rule === "majority_cast" ? (
          <label className="flex min-h-[44px] items-center gap-2">
            <input type="checkbox" name="abstentionsCount" className="h-5 w-5 accent-brand-600" />
            {t("poll.abstentionsCount")}
          </label>
        ) : null}
        {mode === "named" ? (
          <>
            <label className="flex min-h-[44px] items-center gap-2">
              <input type="checkbox" name="resultsHidden" className="h-5 w-5 accent-brand-600" />
              {t("poll.resultsHidden")}
            </label>
            <label className="flex min-h-[44px] items-center gap-2">
              <input type="checkbox" name="allowChange" className="h-5 w-5 accent-brand-600" />
              {t("poll.allowChange")}
            </label>
            <label className="flex min-h-[44px] items-center gap-2">
              <input type="checkbox" name="rollCallPublic" className="h-5 w-5 accent-brand-600" />
              {t("poll.rollCallPublic")}
            </label>
          </>
        ) : null}
      </div>
      <p className="text-sm text-ink-muted">{t(`ballotModeHint.${mode}`)}</p>
      {mode === "secret" ? <p className="text-sm text-ink-muted">{t("poll.secretNumbersHidden")}</p> : null}
      <CommandError error={error} />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("host.openPoll")}
      </button>
    </form>
  );
}

/** Hands counted in the room or paper ballots, entered by staff while the poll is open. */
export function HandCountForm({ poll, send }: { poll: PollView; send: Send }) {
  const { t } = useTranslation("meetings");
  const label = useOptionLabel();
  const { run, error, busy } = useCommand(send);
  const [done, setDone] = useState(false);
  return (
    <form
      className="space-y-3"
      aria-label={t("handCount.title")}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const counts: Record<string, number> = {};
        for (const option of poll.options) counts[option.key] = Number(data.get(`count-${option.key}`) || 0);
        const ok = await run("poll:hand-count", {
          pollId: poll.id,
          source: String(data.get("source")),
          voters: Number(data.get("voters") || 0),
          counts,
          note: String(data.get("note") ?? ""),
        });
        if (ok) {
          form.reset();
          setDone(true);
        }
      }}
    >
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="hc-source" className="field-label">
            {t("handCount.source")}
          </label>
          <select id="hc-source" name="source" className="field-input">
            <option value="hand">{t("handCount.hand")}</option>
            <option value="paper">{t("handCount.paper")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="hc-voters" className="field-label">
            {t("handCount.voters")}
          </label>
          <input id="hc-voters" name="voters" type="number" min={1} required className="field-input" />
        </div>
        {poll.options.map((option) => (
          <div key={option.key}>
            <label htmlFor={`hc-${option.key}`} className="field-label">
              {label(poll.kind, option)}
            </label>
            <input id={`hc-${option.key}`} name={`count-${option.key}`} type="number" min={0} defaultValue={0} className="field-input" />
          </div>
        ))}
      </div>
      <CommandError error={error} />
      {done ? (
        <p role="status" className="text-green-800">
          {t("handCount.added")}
        </p>
      ) : null}
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("handCount.add")}
      </button>
    </form>
  );
}
