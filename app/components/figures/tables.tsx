import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localized } from "../../i18n/config";
import { useNumberFormat, usePercent } from "./dashboard-parts";

/** The month-by-month figures: the table alternative of the trend chart. */
export function MonthTable({
  trend,
}: {
  trend: {
    month: string;
    counts: { raised: number; resolved: number };
    rates: { responseRate: number | null; resolutionRate: number | null };
  }[];
}) {
  const { t } = useTranslation("figures");
  const percent = usePercent();
  const number = useNumberFormat();
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("dashboard.trend")}>
      <table className="min-w-full whitespace-nowrap text-sm">
        <caption className="sr-only">{t("dashboard.trend")}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.month")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.raised")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.resolved")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.response_rate")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.resolution_rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {trend.map((m) => (
            <tr key={m.month} className="border-b border-stone-200">
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {m.month}
              </th>
              <td className="px-2 py-1">{number(m.counts.raised)}</td>
              <td className="px-2 py-1">{number(m.counts.resolved)}</td>
              <td className="px-2 py-1">{percent(m.rates.responseRate)}</td>
              <td className="px-2 py-1">{percent(m.rates.resolutionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Units' action items and on-time rate: the table alternative of the units chart. */
export function UnitsTable({
  units,
}: {
  units: {
    id: string;
    nameZh: string;
    nameEn: string;
    counts: { items: number; done: number; doneOnTime: number; overdue: number };
    onTimeRate: number | null;
  }[];
}) {
  const { t, i18n } = useTranslation("figures");
  const percent = usePercent();
  const number = useNumberFormat();
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("dashboard.units")}>
      <table className="min-w-full whitespace-nowrap text-sm">
        <caption className="sr-only">{t("dashboard.units")}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.unit")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.items")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.done")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.on_time")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.overdue")}
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              {t("dashboard.on_time_rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id} className="border-b border-stone-200">
              <th scope="row" className="px-2 py-1 text-left font-medium">
                <Link to={`/units/${u.id}`} className="underline underline-offset-2">
                  {localized(i18n.language, u.nameZh, u.nameEn)}
                </Link>
              </th>
              <td className="px-2 py-1">{number(u.counts.items)}</td>
              <td className="px-2 py-1">{number(u.counts.done)}</td>
              <td className="px-2 py-1">{number(u.counts.doneOnTime)}</td>
              <td className="px-2 py-1">{number(u.counts.overdue)}</td>
              <td className="px-2 py-1">{percent(u.onTimeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
