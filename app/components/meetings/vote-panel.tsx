import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "../../infra/time";
import type { PersonalState, PollView } from "../../domain/meetings/state.server";
import type { Connection, Delivery, FinalDelivery } from "../../realtime/client";
import { useOptionLabel } from "./poll-numbers";
import { useRefusalText } from "./use-refusal-text";

type Cast = (payload: { pollId: string; voterId: string; choices: string[]; forParticipantId?: string }) => Promise<FinalDelivery | null>;

/** A receipt's time of day in the communities' zone, to the second ("19:32:05"). */
export function formatReceiptTime(at: number, language: string): string {
  return formatInstant(at, language, "timeOfDay");
}

/**
 * The ballot on a phone: one form per vote held (own, and a proxy's). It is a plain form that posts to the
 * page (works before JavaScript loads, with a server-made idempotency key); with JavaScript it goes over the
 * socket and is kept and resent until the server answers (ballot-delivery.ts). The ballot mode is stated
 * before the buttons.
 */
export function VotePanel({
  poll,
  me,
  connection,
  cast,
  deliveries,
  formKeys,
}: {
  poll: PollView;
  me: PersonalState;
  connection: Connection;
  cast: Cast;
  deliveries: Record<string, Delivery>;
  formKeys: Record<string, string>;
}) {
  const { t } = useTranslation("meetings");
  if (!me.canVote) return <p className="text-ink-muted">{t("vote.noVote")}</p>;
  if (!me.checkedIn) return <p className="font-medium text-amber-800">{t("vote.checkInFirst")}</p>;
  return (
    <div className="space-y-4">
      <p
        className={`rounded-lg p-3 text-sm font-medium ${poll.ballotMode === "secret" ? "bg-indigo-50 text-indigo-900" : "bg-amber-50 text-amber-900"}`}
        data-testid="ballot-mode"
      >
        {t(`ballotModeHint.${poll.ballotMode}`)}
      </p>
      {me.votes.map((vote) => (
        <BallotForm
          key={vote.voterId}
          poll={poll}
          vote={vote}
          connection={connection}
          cast={cast}
          delivery={deliveries[`${poll.id}:${vote.voterId}`] ?? null}
          idempotencyKey={formKeys[vote.voterId] ?? ""}
        />
      ))}
    </div>
  );
}

function BallotForm({
  poll,
  vote,
  connection,
  cast,
  delivery,
  idempotencyKey,
}: {
  poll: PollView;
  vote: PersonalState["votes"][number];
  connection: Connection;
  cast: Cast;
  delivery: Delivery | null;
  idempotencyKey: string;
}) {
  const { t, i18n } = useTranslation("meetings");
  const label = useOptionLabel();
  const refusalText = useRefusalText();
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [justCast, setJustCast] = useState(false);
  const confirmation = useRef<HTMLElement>(null);
  const multiple = poll.kind === "multiple";
  const heading = vote.viaProxy ? t("vote.forProxy", { name: vote.name }) : t("vote.yourVote");
  const sending = delivery?.state === "sending";
  const recorded = (vote.voted || delivery?.state === "recorded") && !changing && !sending;
  // A page loading, or a first connection: a ballot cast now is queued and sent once live (or, without
  // JavaScript, posted). Only a lost connection stops the button from pretending.
  const disconnected = connection === "reconnecting" || connection === "offline" || connection === "outdated";

  // Keyboard and screen-reader users land on the confirmation, not on <body>, when their ballot is stored.
  useEffect(() => {
    if (recorded && justCast) {
      confirmation.current?.focus();
      setJustCast(false);
    }
  }, [recorded, justCast]);

  if (recorded) {
    return (
      <section
        ref={confirmation}
        tabIndex={-1}
        className="card border-green-300 bg-green-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-green-700"
        aria-label={heading}
        data-testid="vote-confirmation"
      >
        <h3 className="font-semibold">{heading}</h3>
        <p className="mt-1 text-lg font-semibold text-green-900" data-testid="vote-recorded">
          {t("vote.recorded")}
        </p>
        {delivery?.state === "recorded" ? (
          <p className="text-sm font-medium text-green-900" data-testid="vote-recorded-at">
            {t("ballotDelivery.recordedAt", { time: formatReceiptTime(delivery.at, i18n.language) })}
          </p>
        ) : null}
        {vote.choices ? (
          <p className="text-sm text-green-900">
            {t("vote.youChose", {
              choices: vote.choices.map((k) => label(poll.kind, poll.options.find((o) => o.key === k) ?? { key: k, label: k })).join("、"),
            })}
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
    setError(null);
    setJustCast(true);
    const result = await cast({
      pollId: poll.id,
      voterId: vote.voterId,
      choices,
      forParticipantId: vote.viaProxy ? vote.voterId : undefined,
    });
    if (result?.state === "refused") {
      setJustCast(false);
      setError(refusalText(result));
    } else if (result?.state === "recorded") setChanging(false);
  }

  const buttonText = sending ? t("vote.sending") : disconnected ? t("ballotDelivery.waitingForConnection") : t("vote.submit");
  return (
    <form method="post" onSubmit={submit} className="card space-y-3" aria-label={heading} aria-busy={sending}>
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="pollId" value={poll.id} />
      <input type="hidden" name="forParticipantId" value={vote.viaProxy ? vote.voterId : ""} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {/* Disabled while sending, but kept: a refusal shows next to the choices the voter made. */}
      <fieldset className="space-y-2" disabled={sending}>
        <legend className="font-semibold">
          {heading}
          {multiple ? (
            <span className="ml-2 text-sm font-normal text-ink-muted">{t("vote.chooseUpTo", { count: poll.maxChoices })}</span>
          ) : null}
        </legend>
        {poll.options.map((option) => (
          <label
            key={option.key}
            className="flex min-h-[52px] cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-4 py-3 text-lg has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600"
          >
            <input
              type={multiple ? "checkbox" : "radio"}
              name="choice"
              value={option.key}
              required={!multiple}
              className="h-6 w-6 shrink-0 accent-brand-600"
            />
            <span>{label(poll.kind, option)}</span>
          </label>
        ))}
      </fieldset>
      {sending ? (
        <p className="rounded-lg bg-sky-50 p-3 font-medium text-sky-900" data-testid="vote-pending">
          {delivery.waitingForConnection
            ? t("ballotDelivery.waitingToSend")
            : delivery.attempt > 0
              ? t("ballotDelivery.retrying", { attempt: delivery.attempt + 1 })
              : t("ballotDelivery.sending")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn-primary w-full text-lg" disabled={sending || disconnected}>
        {buttonText}
      </button>
    </form>
  );
}
