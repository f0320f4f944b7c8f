import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Chooses the months a dashboard counts (a GET form: the period is in the address, so it can be shared). */
export function PeriodForm({ period, keep }: { period: { fromMonth: string; toMonth: string }; keep: Record<string, string | undefined> }) {
  const { t } = useTranslation("figures");
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("dashboard.period")}>
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <label className="flex flex-col gap-1">
        <span className="field-label">{t("dashboard.from")}</span>
        <input type="month" name="from" defaultValue={period.fromMonth} className="field-input" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="field-label">{t("dashboard.to")}</span>
        <input type="month" name="to" defaultValue={period.toMonth} className="field-input" />
      </label>
      <button type="submit" className="btn-secondary">
        {t("dashboard.show")}
      </button>
    </Form>
  );
}
