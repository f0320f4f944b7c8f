import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { RollCall, RollCallEntry } from "../../domain/voting/roll-call";
import { useOptionLabel } from "./poll-numbers";

/** Who voted what in a named poll: one row per member with a vote, proxies marked. */
export function RollCallTable({ rollCall }: { rollCall: Pick<RollCall, "kind" | "options" | "entries"> }) {
  const { t } = useTranslation("meetings");
  const label = useOptionLabel();
  const optionText = (key: string) => {
    const option = rollCall.options.find((o) => o.key === key);
    return option ? label(rollCall.kind, option) : key;
  };
  const counts = rollCall.entries.reduce<Record<RollCallEntry["status"], number>>((acc, e) => ({ ...acc, [e.status]: acc[e.status] + 1 }), {
    voted: 0,
    present_not_voted: 0,
    absent: 0,
  });
  return (
    <div className="space-y-2" data-testid="roll-call">
      <p className="text-sm text-ink-muted">
        {t("rollCall.summary", { voted: counts.voted, notVoted: counts.present_not_voted, absent: counts.absent })}
      </p>
      <ul className="divide-y divide-stone-200">
        {rollCall.entries.map((e) => (
          <li
            key={e.participantId}
            className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2"
            data-testid={`roll-call-${e.name}`}
          >
            <span className="min-w-0 font-medium break-words">
              {e.name}
              {e.viaProxy ? (
                <span className="badge ml-2 bg-amber-100 text-amber-900">
                  {e.castByName ? t("rollCall.castBy", { name: e.castByName }) : t("rollCall.representedByProxy")}
                </span>
              ) : null}
            </span>
            <span className={e.status === "voted" ? "font-semibold" : "text-ink-muted"}>
              {e.status === "voted" ? e.choices.map(optionText).join("、") : t(`rollCall.status.${e.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Host and staff: the live roll call of the named poll on screen, re-read whenever the turnout moves. */
export function RollCallPanel({ pollId, votesCast, status }: { pollId: string; votesCast: number; status: string }) {
  const { t } = useTranslation("meetings");
  const fetcher = useFetcher<{ ok: true; rollCall: RollCall } | { ok: false; reason: string }>();
  useEffect(() => {
    fetcher.load(`/polls/${pollId}/roll-call`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pollId, votesCast, status]);
  const loaded = fetcher.data;
  return (
    <details className="rounded-lg border border-stone-200 p-3" open={status === "closed"}>
      <summary className="cursor-pointer font-semibold">{t("rollCall.title")}</summary>
      <div className="mt-3 space-y-3">
        {loaded?.ok ? (
          <RollCallTable rollCall={loaded.rollCall} />
        ) : loaded ? (
          <p role="alert">{t(loaded.reason)}</p>
        ) : (
          <p className="text-ink-muted">{t("rollCall.loading")}</p>
        )}
        {loaded?.ok ? (
          <p className="text-sm text-ink-muted">{loaded.rollCall.public ? t("rollCall.isPublic") : t("rollCall.isPrivate")}</p>
        ) : null}
        <a href={`/polls/${pollId}/roll-call.csv`} className="btn-secondary" download>
          {t("rollCall.downloadCsv")}
        </a>
      </div>
    </details>
  );
}
