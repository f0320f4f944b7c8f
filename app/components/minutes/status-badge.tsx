import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = {
  draft: "bg-stone-200 text-stone-800",
  review: "bg-amber-100 text-amber-900",
  signed: "bg-sky-100 text-sky-900",
  published: "bg-emerald-100 text-emerald-900",
  notice: "bg-amber-100 text-amber-900",
  final: "bg-emerald-100 text-emerald-900",
};

export function MinutesStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("minutes");
  return <span className={`badge ${COLORS[status] ?? COLORS.draft}`}>{t(`status.${status}`)}</span>;
}

export function DecisionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("minutes");
  return <span className={`badge ${COLORS[status === "draft" ? "draft" : status] ?? COLORS.draft}`}>{t(`decision_status.${status}`)}</span>;
}
