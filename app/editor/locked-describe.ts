import type { Translate } from "../domain/errors";
import type { AttendanceData, DecisionData, VoteResultData } from "../domain/minutes/locked-data";

export interface LockedBlockDescription {
  kind: "vote-result" | "attendance" | "decision";
  title: string;
  /** A table of figures: header row plus body rows (empty when the block is prose only). */
  table: { head: string[]; rows: string[][] } | null;
  facts: { label: string; value: string }[];
  /** The closing statement (passed / failed, quorum met / not met, the decision's wording). */
  outcome: string;
  note: string;
}

/**
 * Turns a locked block's stored figures into labelled text. The editor's React view, the server's HTML
 * renderer and the DOCX export all start from this, so the three never disagree on a number or a word.
 */
export function describeVoteResult(data: VoteResultData, t: Translate): LockedBlockDescription {
  const optionLabel = (option: VoteResultData["options"][number]) =>
    data.kind === "yes_no_abstain" && ["yes", "no", "abstain"].includes(option.key)
      ? t(`minutes:blocks.vote.choice.${option.key}`)
      : option.label;
  const leaders = data.options.filter((o) => data.leaders.includes(o.key)).map(optionLabel);
  let outcome: string;
  if (!data.quorumMet) outcome = t("minutes:blocks.vote.outcome_no_quorum");
  else if (data.passed === true) outcome = t("minutes:blocks.vote.outcome_passed");
  else if (data.passed === false) outcome = t("minutes:blocks.vote.outcome_failed");
  else if (data.elected !== undefined) {
    // k-winner results (app/domain/voting/elected.ts): the options elected, and any tie for the seats left.
    const names = (keys: string[]) =>
      data.options
        .filter((o) => keys.includes(o.key))
        .map(optionLabel)
        .join(t("minutes:blocks.list_separator"));
    const tied = data.tied ?? [];
    outcome = t("minutes:blocks.vote.outcome_elected", { options: names(data.elected) || "—" });
    if (tied.length)
      outcome += ` ${t("minutes:blocks.vote.outcome_tied", { options: names(tied), count: (data.seats ?? 1) - data.elected.length })}`;
  } else outcome = t("minutes:blocks.vote.outcome_leaders", { options: leaders.join(t("minutes:blocks.list_separator")) || "—" });
  return {
    kind: "vote-result",
    title: t("minutes:blocks.vote.title", { question: data.question }),
    table: {
      head: [
        t("minutes:blocks.vote.option"),
        t("minutes:blocks.vote.electronic"),
        t("minutes:blocks.vote.manual"),
        t("minutes:blocks.vote.total"),
      ],
      rows: data.options.map((o) => [optionLabel(o), String(o.electronic), String(o.manual), String(o.total)]),
    },
    facts: [
      { label: t("minutes:blocks.vote.ballot_mode"), value: t(`minutes:blocks.vote.ballot_modes.${data.ballotMode}`) },
      { label: t("minutes:blocks.vote.pass_rule"), value: t(`minutes:blocks.vote.pass_rules.${data.passRule}`) },
      { label: t("minutes:blocks.vote.eligible"), value: String(data.eligible) },
      { label: t("minutes:blocks.vote.present"), value: String(data.present) },
      {
        label: t("minutes:blocks.vote.ballots"),
        value: t("minutes:blocks.vote.ballots_value", {
          total: data.ballotsElectronic + data.ballotsManual,
          electronic: data.ballotsElectronic,
          manual: data.ballotsManual,
          proxy: data.proxyBallots,
        }),
      },
      {
        label: t("minutes:blocks.vote.quorum"),
        value: t(data.quorumMet ? "minutes:blocks.vote.quorum_met" : "minutes:blocks.vote.quorum_not_met", {
          required: data.quorumRequired,
        }),
      },
      // A vote threshold means something only for a motion; choice polls elect by plurality.
      ...(data.kind === "yes_no_abstain"
        ? [
            {
              label: t("minutes:blocks.vote.threshold"),
              value: t("minutes:blocks.vote.threshold_value", { threshold: data.threshold, base: data.thresholdBase }),
            },
          ]
        : []),
    ],
    outcome,
    note: t("minutes:blocks.locked_note"),
  };
}

export function describeAttendance(data: AttendanceData, t: Translate): LockedBlockDescription {
  return {
    kind: "attendance",
    title: t("minutes:blocks.attendance.title"),
    table: data.attendees.length
      ? {
          head: [t("minutes:blocks.attendance.name"), t("minutes:blocks.attendance.role")],
          rows: data.attendees.map((a) => [a.name, t(`minutes:participant_roles.${a.role}`, { defaultValue: a.role })]),
        }
      : null,
    facts: [
      { label: t("minutes:blocks.attendance.eligible"), value: String(data.eligible) },
      { label: t("minutes:blocks.attendance.present"), value: String(data.present) },
      { label: t("minutes:blocks.attendance.proxies"), value: String(data.proxies) },
      { label: t("minutes:blocks.attendance.quorum_rule"), value: t(`minutes:blocks.attendance.quorum_rules.${data.quorumRule}`) },
      { label: t("minutes:blocks.attendance.quorum_required"), value: String(data.quorumRequired) },
    ],
    outcome: t(data.quorumMet ? "minutes:blocks.attendance.quorum_met" : "minutes:blocks.attendance.quorum_not_met"),
    note: t("minutes:blocks.locked_note"),
  };
}

export function describeDecision(data: DecisionData, t: Translate): LockedBlockDescription {
  return {
    kind: "decision",
    title: t("minutes:blocks.decision.title"),
    table: null,
    facts: [],
    outcome: data.text,
    note: t("minutes:blocks.locked_note"),
  };
}
