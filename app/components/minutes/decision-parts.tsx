import { useTranslation } from "react-i18next";
import type { VoteResultData } from "../../domain/minutes/locked-data";
import { formatInstant } from "../../infra/time";
import { VoteResultBlock } from "./locked-blocks";

export interface NoticeInfo {
  status: string;
  notice: string;
  noticeStartsAt: string | null;
  noticeEndsAt: string | null;
  finalAt: string | null;
  unanswered: number;
}

/** Where the decision stands in its public notice, in one sentence. */
export function NoticeWindow({ info }: { info: NoticeInfo }) {
  const { t, i18n } = useTranslation("minutes");
  const start = formatInstant(info.noticeStartsAt, i18n.language, "documentDateTime");
  const end = formatInstant(info.noticeEndsAt, i18n.language, "documentDateTime");
  const text =
    info.notice === "open"
      ? t("notice.open", { start, end })
      : info.notice === "awaiting_answers"
        ? t("notice.awaiting_answers", { end, count: info.unanswered })
        : info.notice === "final"
          ? t("notice.final", { start, end, final: formatInstant(info.finalAt, i18n.language, "documentDateTime") })
          : t("notice.unpublished");
  return (
    <p className="rounded-lg bg-amber-50 p-3 text-amber-950" data-testid="notice-window">
      {text}
    </p>
  );
}

export interface OpinionRow {
  id: string;
  expert: string;
  stance: string;
  rationale: string;
  conflictOfInterest: string;
}

export function ExpertOpinions({ opinions }: { opinions: OpinionRow[] }) {
  const { t } = useTranslation("minutes");
  if (!opinions.length) return null;
  return (
    <section aria-labelledby="opinions-heading" className="card">
      <h2 id="opinions-heading">{t("decision_page.expert_opinions")}</h2>
      <ul className="mt-3 space-y-3">
        {opinions.map((o) => (
          <li key={o.id} className="rounded-lg bg-stone-50 p-3">
            <p className="font-semibold">
              {o.expert} · <span className="badge bg-sky-100 text-sky-900">{t(`stance.${o.stance}`, { defaultValue: o.stance })}</span>
            </p>
            <p className="mt-1 whitespace-pre-wrap">{o.rationale}</p>
            <p className="mt-1 text-sm text-ink-muted">
              {t("decision_page.conflict_of_interest", { statement: o.conflictOfInterest || t("draft.none_declared") })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VoteResultSection({ result }: { result: VoteResultData | null }) {
  const { t } = useTranslation("minutes");
  if (!result) return null;
  return (
    <section aria-labelledby="vote-heading" className="card">
      <h2 id="vote-heading">{t("decision_page.vote_result")}</h2>
      <VoteResultBlock data={result} />
    </section>
  );
}
