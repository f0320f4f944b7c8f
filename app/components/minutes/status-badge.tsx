import { useTranslation } from "react-i18next";
import type { DecisionStatus } from "../../domain/decisions/notice";
import type { MinutesStatus } from "../../domain/minutes/status";

const MINUTES_COLORS: Record<MinutesStatus, string> = {
  draft: "bg-stone-200 text-stone-800",
  review: "bg-amber-100 text-amber-900",
  signed: "bg-sky-100 text-sky-900",
  published: "bg-emerald-100 text-emerald-900",
};

const DECISION_COLORS: Record<DecisionStatus, string> = {
  draft: "bg-stone-200 text-stone-800",
  notice: "bg-amber-100 text-amber-900",
  final: "bg-emerald-100 text-emerald-900",
};

export function MinutesStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("minutes");
  return <span className={`badge ${MINUTES_COLORS[status as MinutesStatus] ?? MINUTES_COLORS.draft}`}>{t(`status.${status}`)}</span>;
}

export function DecisionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("minutes");
  return (
    <span className={`badge ${DECISION_COLORS[status as DecisionStatus] ?? DECISION_COLORS.draft}`}>{t(`decision_status.${status}`)}</span>
  );
}
