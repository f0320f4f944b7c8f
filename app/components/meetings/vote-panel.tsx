import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PersonalState, PollView } from "../../domain/meetings/state.server";
import type { Ack } from "../../realtime/protocol";
import { useOptionLabel } from "./poll-numbers";
import { useTranslateReason } from "./use-reason";

type Cast = (payload: { pollId: string; choices: string[]; forParticipantId?: string }) => Promise<Ack<{ votesCast: number }>>;

/**
 * The ballot on a phone: one form per vote held (own, and a proxy's). It is a plain form that posts to the
 * page (works before JavaScript loads, with a server-made idempotency key); with JavaScript it goes over the
 * socket. The ballot mode is stated before the buttons.
 */
export function VotePanel({ poll, me, live, cast, formKeys }: { poll: PollView; me: PersonalState; live: boolean; cast: Cast; formKeys: Record<string, string> }) {
  const { t } = useTranslation("meetings");
  if (!me.canVote) return <p className="text-ink-muted">{t("vote.noVote")}</p>;
  if (!me.checkedIn) return <p className="font-medium text-amber-800">{t("vote.checkInFirst")}</p>;
  return (
    <div className="space-y-4">
      <p className={`rounded-lg p-3 text-sm font-medium ${poll.ballotMode === "secret" ? "bg-indigo-50 text-indigo-900" : "bg-amber-50 text-amber-900"}`} data-testid="ballot-mode">
        {t(`ballotModeHint.${poll.ballotMode}`)}
      </p>
      {me.votes.map((vote) => (
        <BallotForm key={vote.voterId} poll={poll} vote={vote} live={live} cast={cast} idempotencyKey={formKeys[vote.voterId] ?? ""} />
      ))}
    </div>
  );
}

function BallotForm({ poll, vote, live, cast, idempotencyKey }: { poll: PollView; vote: PersonalState["votes"][number]; live: boolean; cast: Cast; idempotencyKey: string }) {
  const { t } = useTranslation("meetings");
  const label = useOptionLabel();
  const reason = useTranslateReason();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [changing, setChanging] = useState(false);
  const multiple = poll.kind === "multiple";
  const heading = vote.viaProxy ? t("vote.forProxy", { name: vote.name }) : t("vote.yourVote");

  if (vote.voted && !changing) {
    return (
      <section className="card border-green-300 bg-green-50" aria-label={heading}>
        <h3 className="font-semibold">{heading}</h3>
        <p className="mt-1 text-lg font-semibold text-green-900" data-testid="vote-recorded">
          {t("vote.recorded")}
        </p>
        {vote.choices ? (
          <p className="text-sm text-green-900">
            {t("vote.youChose", { choices: vote.choices.map((k) => label(poll.kind, poll.options.find((o) => o.key === k) ?? { key: k, label: k })).join("、") })}
          </p>
        ) : null}
        {poll.allowChange && poll.status === "open" ? (
          <button type="button" className="btn-secondary mt-3" onClick={() => setChanging(true)}>
            {t("vote.change")}
          </button>
        ) : null}
      </section>
    );
  }
  if (poll.status !== "open") return null;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const choices = new FormData(event.currentTarget).getAll("choice").map(String);
    if (multiple && choices.length > poll.maxChoices) {
      setError(t("errors.tooManyChoices", { max: poll.maxChoices }));
      return;
    }
    setBusy(true);
    setError(null);
    const response = await cast({ pollId: poll.id, choices, forParticipantId: vote.viaProxy ? vote.voterId : undefined });
    setBusy(false);
    if (!response.ok) setError(reason(response.reason, response.values));
    else setChanging(false);
  }

  return (
    <form method="post" onSubmit={submit} className="card space-y-3" aria-label={heading}>
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="pollId" value={poll.id} />
      <input type="hidden" name="forParticipantId" value={vote.viaProxy ? vote.voterId : ""} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <fieldset className="space-y-2">
        <legend className="font-semibold">
          {heading}
          {multiple ? <span className="ml-2 text-sm font-normal text-ink-muted">{t("vote.chooseUpTo", { count: poll.maxChoices })}</span> : null}
        </legend>
        {poll.options.map((option) => (
          <label key={option.key} className="flex min-h-[52px] cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-4 py-3 text-lg has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type={multiple ? "checkbox" : "radio"} name="choice" value={option.key} required={!multiple} className="h-6 w-6 shrink-0 accent-brand-600" />
            <span>{label(poll.kind, option)}</span>
          </label>
        ))}
      </fieldset>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn-primary w-full text-lg" disabled={busy || !live}>
        {busy ? t("vote.sending") : t("vote.submit")}
      </button>
    </form>
  );
}
