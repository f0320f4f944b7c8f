import type { Translate } from "../domain/errors";
import type { VoteResultData } from "../domain/minutes/locked-data";

export interface RollCallDescription {
  title: string;
  head: string[];
  rows: string[][];
}

/**
 * The roll call carried by a vote-result block, as a labelled table. The editor view, the server HTML and
 * any export start from this, so they agree on every name and choice.
 */
export function describeRollCall(data: VoteResultData, t: Translate): RollCallDescription | null {
  if (!data.rollCall || data.rollCall.length === 0) return null;
  const label = (key: string) => {
    const option = data.options.find((o) => o.key === key);
    if (data.kind === "yes_no_abstain" && ["yes", "no", "abstain"].includes(key)) return t(`minutes:blocks.vote.choice.${key}`);
    return option?.label ?? key;
  };
  return {
    title: t("minutes:blocks.roll_call.title", { question: data.question }),
    head: [t("minutes:blocks.roll_call.name"), t("minutes:blocks.roll_call.choice"), t("minutes:blocks.roll_call.proxy")],
    rows: data.rollCall.map((e) => [
      e.name,
      e.status === "voted"
        ? e.choices.map(label).join(t("minutes:blocks.list_separator"))
        : t(`minutes:blocks.roll_call.status.${e.status}`),
      e.viaProxy
        ? e.castByName
          ? t("minutes:blocks.roll_call.cast_by", { name: e.castByName })
          : t("minutes:blocks.roll_call.represented")
        : "",
    ]),
  };
}
