import { useTranslation } from "react-i18next";

const TONE: Record<string, string> = {
  submitted: "bg-amber-100 text-amber-900",
  open: "bg-sky-100 text-sky-900",
  claimed: "bg-violet-100 text-violet-900",
  fulfilled: "bg-green-100 text-green-900",
  confirmed: "bg-green-200 text-green-950",
  declined: "bg-stone-200 text-stone-900",
};

/** A wish's state in words (never colour alone). */
export function WishStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("volunteering");
  return <span className={`badge ${TONE[status] ?? "bg-stone-100"}`}>{t(`wish_status.${status}`)}</span>;
}

const DUTY_TONE: Record<string, string> = {
  claimed: "bg-sky-100 text-sky-900",
  signed_in: "bg-violet-100 text-violet-900",
  signed_out: "bg-amber-100 text-amber-900",
  confirmed: "bg-green-100 text-green-900",
  rejected: "bg-stone-200 text-stone-900",
  withdrawn: "bg-stone-100 text-stone-900",
};

export function DutyStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("volunteering");
  return <span className={`badge ${DUTY_TONE[status] ?? "bg-stone-100"}`}>{t(`duty_status.${status}`)}</span>;
}
