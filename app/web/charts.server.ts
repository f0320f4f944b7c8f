/**
 * Charts rendered on the server as SVG with Apache ECharts' SSR renderer, so dashboards work before any
 * JavaScript and print well. ECharts is loaded on the first chart drawn, not at server start-up.
 *
 * Bars are drawn in a plot area of fixed margins, so the page can lay a link over each bar (to the issues
 * behind it) from `bands`: each category's horizontal band as fractions of the chart's width.
 */
import type * as echarts from "echarts";

type EChartsModule = typeof echarts;
let loading: Promise<EChartsModule> | null = null;
function loadECharts(): Promise<EChartsModule> {
  loading ??= import("echarts");
  return loading;
}

/** Dark enough on white for text and bars alike (WCAG AA 4.5:1 or better). */
export const CHART_COLOURS = ["#1d4ed8", "#15803d", "#b45309", "#7e22ce"] as const;
const INK = "#1c1917";
const GRID_LINE = "#d6d3d1";

export interface RenderedChart {
  svg: string;
  width: number;
  height: number;
  /** For bar charts: each category's band, left edge and width as fractions of the chart's width. */
  bands: { left: number; width: number }[];
  /** The plot area's top and bottom as fractions of the chart's height. */
  plot: { top: number; bottom: number };
}

const MARGIN = { left: 48, right: 16, top: 36, bottom: 56 };

export interface BarChartInput {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Values are fractions shown as percentages (0–100 %). */
  percent?: boolean;
  width?: number;
  height?: number;
  kind?: "bar" | "line";
}

/** Drawn charts by their option: the same numbers give the same SVG, and drawing one costs tens of ms. */
const drawn = new Map<string, Promise<string>>();
const MAX_DRAWN = 300;

function render(option: Record<string, unknown>, width: number, height: number): Promise<string> {
  const key = JSON.stringify([option, width, height]);
  const hit = drawn.get(key);
  if (hit) return hit;
  const svg = draw(option, width, height);
  drawn.set(key, svg);
  svg.catch(() => drawn.delete(key));
  if (drawn.size > MAX_DRAWN) drawn.delete(drawn.keys().next().value as string);
  return svg;
}

async function draw(option: Record<string, unknown>, width: number, height: number): Promise<string> {
  const library = await loadECharts();
  const chart = library.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { color: INK, fontSize: 12 }, ...option });
    // The page's wrapper carries role="img" and the summary; the drawing itself is hidden from screen readers.
    return chart.renderToSVGString().replace("<svg ", '<svg aria-hidden="true" focusable="false" ');
  } finally {
    chart.dispose();
  }
}

export async function barChart(input: BarChartInput): Promise<RenderedChart> {
  const width = input.width ?? 640;
  const height = input.height ?? 280;
  const legend = input.series.length > 1;
  const svg = await render(
    {
      color: [...CHART_COLOURS],
      legend: legend ? { top: 4, textStyle: { color: INK } } : undefined,
      grid: { ...MARGIN, containLabel: false },
      xAxis: {
        type: "category",
        data: input.categories,
        axisLabel: {
          color: INK,
          interval: 0,
          hideOverlap: true,
          overflow: "truncate",
          width: Math.max(40, (width - 64) / Math.max(1, input.categories.length)),
        },
        axisLine: { lineStyle: { color: INK } },
      },
      yAxis: {
        type: "value",
        max: input.percent ? 100 : undefined,
        minInterval: input.percent ? undefined : 1,
        axisLabel: { color: INK, formatter: input.percent ? "{value}%" : "{value}" },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      series: input.series.map((s) => ({
        name: s.name,
        type: input.kind ?? "bar",
        data: s.values.map((v) => (v === null ? null : input.percent ? Math.round(v * 1000) / 10 : v)),
        barMaxWidth: 48,
        label: { show: input.categories.length <= 12, position: "top", color: INK, formatter: input.percent ? "{c}%" : "{c}" },
      })),
    },
    width,
    height,
  );
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const band = plotWidth / Math.max(1, input.categories.length);
  return {
    svg,
    width,
    height,
    bands: input.categories.map((_, i) => ({ left: (MARGIN.left + i * band) / width, width: band / width })),
    plot: { top: MARGIN.top / height, bottom: (height - MARGIN.bottom) / height },
  };
}

export async function funnelChart(input: {
  steps: { name: string; value: number }[];
  width?: number;
  height?: number;
}): Promise<RenderedChart> {
  const width = input.width ?? 640;
  const height = input.height ?? 240;
  const svg = await render(
    {
      color: [...CHART_COLOURS],
      series: [
        {
          type: "funnel",
          left: 16,
          right: 16,
          top: 8,
          bottom: 8,
          sort: "none",
          minSize: "20%",
          gap: 2,
          label: { show: true, position: "inside", color: "#ffffff", fontSize: 14, formatter: "{b}: {c}" },
          data: input.steps,
        },
      ],
    },
    width,
    height,
  );
  return { svg, width, height, bands: [], plot: { top: 0, bottom: 1 } };
}
