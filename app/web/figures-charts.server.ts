import type { TFunction } from "i18next";
import type { FigureRow } from "../domain/figures/figures.server";
import type { IssueCounts, Rates } from "../domain/figures/rates";
import { formatNumber, formatPercent } from "../infra/time";
import { barChart, funnelChart } from "./charts.server";

/** The dashboards' charts, drawn on the server, with a one-sentence summary each for screen readers. */
type Row = Pick<FigureRow, "name" | "counts">;

function listOf(items: string[], language: string): string {
  return items.join(language === "en" ? "; " : "；");
}

export async function raisedResolvedChart(
  rows: readonly Row[],
  kind: "communities" | "grids" | "categories" | "trend",
  t: TFunction,
  language: string,
) {
  const chart = await barChart({
    categories: rows.map((r) => r.name),
    series: [
      { name: t("figures:dashboard.raised"), values: rows.map((r) => r.counts.raised) },
      { name: t("figures:dashboard.resolved"), values: rows.map((r) => r.counts.resolved) },
    ],
  });
  const items = rows.map(
    (r) =>
      `${r.name} ${t("figures:dashboard.raised")} ${formatNumber(r.counts.raised, language)}, ${t("figures:dashboard.resolved")} ${formatNumber(r.counts.resolved, language)}`,
  );
  return { chart, summary: t(`figures:dashboard.chart_summary.${kind}`, { items: listOf(items, language) }) };
}

export async function unitsChart(
  units: readonly { nameZh: string; nameEn: string; onTimeRate: number | null }[],
  t: TFunction,
  language: string,
) {
  const shown = units.slice(0, 12);
  const names = shown.map((u) => (language === "en" ? u.nameEn : u.nameZh));
  const chart = await barChart({
    categories: names,
    series: [{ name: t("figures:dashboard.on_time_rate"), values: shown.map((u) => u.onTimeRate) }],
    percent: true,
  });
  const items = shown.map(
    (u, i) => `${names[i]} ${u.onTimeRate === null ? t("figures:dashboard.none") : formatPercent(u.onTimeRate, language)}`,
  );
  return { chart, summary: t("figures:dashboard.chart_summary.units", { items: listOf(items, language) }) };
}

export async function funnelOfCounts(funnel: readonly { step: string; count: number }[], t: TFunction, language: string) {
  const steps = funnel.map((s) => ({ name: t(`figures:dashboard.funnel_steps.${s.step}`), value: s.count }));
  const chart = await funnelChart({ steps });
  const items = steps.map((s) => `${s.name} ${formatNumber(s.value, language)}`);
  return { chart, summary: t("figures:dashboard.chart_summary.funnel", { items: listOf(items, language) }) };
}

export type { IssueCounts, Rates };
