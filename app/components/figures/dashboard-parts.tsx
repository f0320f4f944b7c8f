import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent } from "../../infra/time";

/** A chart drawn on the server (SVG) with, over each bar, a link to the issues behind it. */
export interface ChartView {
  svg: string;
  width: number;
  height: number;
  bands: { left: number; width: number }[];
  plot: { top: number; bottom: number };
}

export interface ChartLink {
  href: string;
  label: string;
}

export function Chart({
  chart,
  summary,
  links = [],
  testId,
}: {
  chart: ChartView;
  summary: string;
  links?: (ChartLink | null)[];
  testId?: string;
}) {
  return (
    <div
      className="relative w-full max-w-full overflow-hidden"
      style={{ aspectRatio: `${chart.width} / ${chart.height}` }}
      data-testid={testId}
    >
      <div
        role="img"
        aria-label={summary}
        className="h-full w-full [&>svg]:h-full [&>svg]:w-full"
        // The SVG is produced on the server by ECharts from numbers only (no user HTML).
        dangerouslySetInnerHTML={{ __html: chart.svg }}
      />
      {links.map((link, i) => {
        const band = chart.bands[i];
        if (!link || !band) return null;
        return (
          <Link
            key={link.href}
            to={link.href}
            aria-label={link.label}
            title={link.label}
            className="absolute rounded focus:outline focus:outline-2 focus:outline-blue-700 hover:bg-blue-700/10"
            style={{
              left: `${band.left * 100}%`,
              width: `${band.width * 100}%`,
              top: `${chart.plot.top * 100}%`,
              height: `${(chart.plot.bottom - chart.plot.top) * 100}%`,
            }}
            data-testid="chart-bar-link"
          />
        );
      })}
    </div>
  );
}

export function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card min-w-0 space-y-3">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function usePercent() {
  const { t, i18n } = useTranslation("figures");
  return (value: number | null) => (value === null ? t("dashboard.none") : formatPercent(value, i18n.language));
}

export function useNumberFormat() {
  const { i18n } = useTranslation("figures");
  return (value: number) => formatNumber(value, i18n.language);
}

export function useDuration() {
  const { t, i18n } = useTranslation("figures");
  return (value: number | null, unit: "hours" | "days") =>
    value === null ? t("dashboard.none") : t(`dashboard.${unit}`, { value: formatNumber(Math.round(value * 10) / 10, i18n.language) });
}

/** A column heading that sorts the table by a query parameter (works without JavaScript). */
export function SortHeader({
  column,
  label,
  sort,
  hrefFor,
}: {
  column: string;
  label: string;
  sort: { key: string; descending: boolean };
  hrefFor: (key: string, descending: boolean) => string;
}) {
  const { t } = useTranslation("figures");
  const active = sort.key === column;
  const nextDescending = active ? !sort.descending : column !== "name" && column !== "overdue";
  return (
    <th
      scope="col"
      className="px-2 py-2 text-left align-bottom"
      aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}
    >
      <Link
        to={hrefFor(column, nextDescending)}
        className="inline-flex min-h-[44px] items-center underline underline-offset-2"
        aria-label={t("dashboard.sort_by", { column: label })}
      >
        {label}
        {active ? <span aria-hidden="true">{sort.descending ? " ▼" : " ▲"}</span> : null}
      </Link>
    </th>
  );
}

export interface RatesRow {
  id: string;
  name: string;
  counts: { raised: number; resolved: number; overdue: number };
  rates: {
    responseRate: number | null;
    resolutionRate: number | null;
    satisfactionRate: number | null;
    averageRating: number | null;
    reopenRate: number | null;
  };
  medianResponseHours: number | null;
  medianResolutionDays: number | null;
}

/**
 * The rates of several communities, grids or categories side by side. Sortable by query parameter when
 * `hrefForSort` is given; each count links to the issues behind it.
 */
export function RatesTable<R extends RatesRow>({
  rows,
  nameHeading,
  nameCell,
  issuesHref,
  sort,
  hrefForSort,
  extraHeadings = [],
  extraCells,
  caption,
}: {
  rows: readonly R[];
  nameHeading: string;
  nameCell: (row: R) => ReactNode;
  issuesHref: (row: R, filter: "raised" | "resolved" | "overdue") => string;
  sort?: { key: string; descending: boolean };
  hrefForSort?: (key: string, descending: boolean) => string;
  extraHeadings?: string[];
  extraCells?: (row: R) => ReactNode;
  caption: string;
}) {
  const { t } = useTranslation("figures");
  const percent = usePercent();
  const number = useNumberFormat();
  const duration = useDuration();
  const head = (column: string, label: string) =>
    sort && hrefForSort ? (
      <SortHeader key={column} column={column} label={label} sort={sort} hrefFor={hrefForSort} />
    ) : (
      <th key={column} scope="col" className="px-2 py-2 text-left align-bottom">
        {label}
      </th>
    );
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="min-w-full whitespace-nowrap text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            {head("name", nameHeading)}
            {head("raised", t("dashboard.raised"))}
            {head("responseRate", t("dashboard.response_rate"))}
            <th scope="col" className="px-2 py-2 text-left align-bottom">
              {t("dashboard.median_response")}
            </th>
            {head("resolutionRate", t("dashboard.resolution_rate"))}
            <th scope="col" className="px-2 py-2 text-left align-bottom">
              {t("dashboard.median_resolution")}
            </th>
            {head("satisfactionRate", t("dashboard.satisfaction_rate"))}
            {head("reopenRate", t("dashboard.reopen_rate"))}
            {head("overdue", t("dashboard.overdue"))}
            {extraHeadings.map((h) => (
              <th key={h} scope="col" className="px-2 py-2 text-left align-bottom">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-stone-200">
              <th scope="row" className="px-2 py-2 text-left font-medium">
                {nameCell(row)}
              </th>
              <td className="px-2 py-2">
                <Link to={issuesHref(row, "raised")} className="underline underline-offset-2">
                  {number(row.counts.raised)}
                </Link>
              </td>
              <td className="px-2 py-2">{percent(row.rates.responseRate)}</td>
              <td className="px-2 py-2">{duration(row.medianResponseHours, "hours")}</td>
              <td className="px-2 py-2">
                {percent(row.rates.resolutionRate)}{" "}
                <Link to={issuesHref(row, "resolved")} className="text-ink-muted underline underline-offset-2">
                  ({number(row.counts.resolved)})
                </Link>
              </td>
              <td className="px-2 py-2">{duration(row.medianResolutionDays, "days")}</td>
              <td className="px-2 py-2">
                {percent(row.rates.satisfactionRate)}
                {row.rates.averageRating !== null ? <span className="text-ink-muted"> · {row.rates.averageRating.toFixed(1)}</span> : null}
              </td>
              <td className="px-2 py-2">{percent(row.rates.reopenRate)}</td>
              <td className="px-2 py-2">
                <Link
                  to={issuesHref(row, "overdue")}
                  className={`underline underline-offset-2 ${row.counts.overdue > 0 ? "font-semibold text-red-800" : ""}`}
                >
                  {number(row.counts.overdue)}
                </Link>
              </td>
              {extraCells ? extraCells(row) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The query string of an issue list filtered to a dashboard number (see the list's from/to filters). */
export function issuesQuery(
  period: { fromMonth: string; toMonth: string },
  filter: "raised" | "resolved" | "overdue",
  extra: Record<string, string> = {},
) {
  const query = new URLSearchParams({ ...extra, from: period.fromMonth, to: period.toMonth });
  if (filter === "resolved") query.set("status", "done");
  if (filter === "overdue") query.set("overdue", "1");
  return query.toString();
}

/** CSV and XLSX downloads of one table, for the period and sort on the page (plain links: no JavaScript needed). */
export function Downloads({ path, query, table, title }: { path: string; query: string; table: string; title: string }) {
  const { t } = useTranslation("figures");
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-ink-muted">{t("dashboard.download")}</span>
      {(["csv", "xlsx"] as const).map((format) => (
        <a
          key={format}
          href={`${path}?${query}${query ? "&" : ""}table=${table}&format=${format}`}
          download
          className="btn-secondary"
          aria-label={t("dashboard.download_as", { table: title, format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </p>
  );
}
