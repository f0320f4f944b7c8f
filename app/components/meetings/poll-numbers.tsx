import { useTranslation } from "react-i18next";
import type { PollResult } from "../../domain/voting/result";
import type { PollView } from "../../domain/meetings/state.server";

/** Option labels: yes/no/abstain are translated, choice options are shown as the host typed them. */
export function useOptionLabel() {
  const { t } = useTranslation("meetings");
  return (kind: string, option: { key: string; label: string }) => (kind === "yes_no_abstain" ? t(`choices.${option.key}`) : option.label);
}

const BAR_COLOURS: Record<string, string> = { yes: "bg-green-600", no: "bg-red-600", abstain: "bg-stone-500" };

/**
 * The tally as bars. Live numbers while open (or only turnout when results are hidden), the stored result
 * once closed, with manual (hand/paper) votes marked. `size="projector"` is readable from the back of a hall.
 */
export function TallyBars({
  poll,
  size = "normal",
}: {
  poll: Pick<PollView, "kind" | "options" | "counts" | "result" | "status" | "resultsHidden">;
  size?: "normal" | "projector";
}) {
  const { t } = useTranslation("meetings");
  const label = useOptionLabel();
  const result: PollResult | null = poll.result;
  const rows = poll.options.map((option) => {
    const stored = result?.options.find((o) => o.key === option.key);
    const total = stored ? stored.total : (poll.counts?.[option.key] ?? 0);
    return { key: option.key, text: label(poll.kind, option), total, manual: stored?.manual ?? 0 };
  });
  if (!result && (poll.counts === null || (poll.resultsHidden && poll.status === "open"))) {
    return <p className={size === "projector" ? "text-3xl text-stone-300" : "text-ink-muted"}>{t("poll.hiddenUntilClose")}</p>;
  }
  const max = Math.max(1, ...rows.map((r) => r.total));
  const big = size === "projector";
  return (
    <ul className={big ? "space-y-5" : "space-y-3"} aria-label={t("poll.tally")}>
      {rows.map((row) => (
        <li key={row.key} data-testid={`tally-${row.key}`}>
          <div className={`flex items-baseline justify-between gap-3 ${big ? "text-4xl font-semibold" : "font-medium"}`}>
            <span className="min-w-0 break-words">{row.text}</span>
            <span className="shrink-0 tabular-nums" data-testid="tally-count">
              {row.total}
              {row.manual > 0 ? (
                <span className={`ml-2 ${big ? "text-2xl" : "text-sm"} font-normal opacity-80`}>
                  {t("poll.manualIncluded", { count: row.manual })}
                </span>
              ) : null}
            </span>
          </div>
          <div className={`mt-1 w-full overflow-hidden rounded-full ${big ? "h-8 bg-white/15" : "h-3 bg-stone-200"}`}>
            <div
              className={`h-full rounded-full transition-[width] duration-300 ${BAR_COLOURS[row.key] ?? "bg-brand-600"}`}
              style={{ width: `${(row.total / max) * 100}%` }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** One sentence on the outcome with its rule, as announced in the room. */
export function ResultSummary({ result, size = "normal" }: { result: PollResult; size?: "normal" | "projector" }) {
  const { t } = useTranslation("meetings");
  const label = useOptionLabel();
  const big = size === "projector";
  const names = (keys: string[]) =>
    keys.map((k) => label(result.kind, result.options.find((o) => o.key === k) ?? { key: k, label: k })).join("、");
  const choicePoll = result.passed === null;
  let verdict: string;
  let tie: string | null = null;
  if (!choicePoll) verdict = result.passed ? t("result.passed") : t("result.failed");
  else if (result.elected === undefined)
    verdict = result.leaders.length === 0 ? t("result.noVotes") : t("result.leaders", { options: names(result.leaders) });
  else {
    const seats = result.seats ?? 1;
    const tied = result.tied ?? [];
    if (!result.quorumMet) verdict = t("result.noneElectedNoQuorum");
    else if (result.elected.length === 0 && tied.length === 0) verdict = t("result.noVotes");
    else if (result.elected.length === 0) verdict = t("result.noneElected");
    else verdict = t("result.elected", { count: seats, options: names(result.elected) });
    if (tied.length > 0) tie = t("result.tiedForSeats", { count: seats - result.elected.length, options: names(tied) });
  }
  const tone = result.passed === true ? "text-green-700" : result.passed === false ? "text-red-700" : "";
  return (
    <div className={big ? "space-y-2" : "space-y-1"} data-testid="poll-result">
      <p className={`${big ? "text-5xl" : "text-xl"} font-bold ${big ? "" : tone}`}>{verdict}</p>
      {tie ? (
        <p className={`${big ? "text-3xl" : "text-base"} font-semibold text-amber-700`} data-testid="poll-tie">
          {tie}
        </p>
      ) : null}
      <p className={big ? "text-2xl text-stone-300" : "text-sm text-ink-muted"}>
        {/* A vote threshold means something only for a motion; a choice poll elects by plurality. */}
        {choicePoll
          ? t("result.plurality", { count: result.seats ?? 1 })
          : `${t(`passRules.${result.passRule}`)} · ${t("result.threshold", { threshold: result.threshold, base: result.thresholdBase })}`}{" "}
        · {result.quorumMet ? t("quorum.metAtClose") : t("quorum.lostAtClose")} (
        {t("quorum.numbers", { present: result.present, eligible: result.eligible, required: result.quorumRequired })})
      </p>
      <p className={big ? "text-2xl text-stone-300" : "text-sm text-ink-muted"}>
        {t("result.ballots", { electronic: result.ballotsElectronic, manual: result.ballotsManual, proxies: result.proxyBallots })}
        {result.passRule === "majority_cast" && result.kind === "yes_no_abstain"
          ? ` · ${result.abstentionsCount ? t("poll.abstentionsCounted") : t("poll.abstentionsNotCounted")}`
          : ""}
      </p>
    </div>
  );
}

export function QuorumBadge({
  attendance,
  size = "normal",
}: {
  attendance: { present: number; eligible: number; quorumRequired: number; quorumMet: boolean };
  size?: "normal" | "projector";
}) {
  const { t } = useTranslation("meetings");
  const big = size === "projector";
  return (
    <p
      role="status"
      data-testid="quorum"
      data-met={attendance.quorumMet ? "true" : "false"}
      className={`badge ${big ? "px-5 py-2 text-3xl" : "text-base"} ${attendance.quorumMet ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
    >
      {attendance.quorumMet ? t("quorum.reached") : t("quorum.notReached")} ·{" "}
      {t("quorum.numbers", { present: attendance.present, eligible: attendance.eligible, required: attendance.quorumRequired })}
    </p>
  );
}
