import type { TFunction } from "i18next";
import type { FigureRow } from "../domain/figures/figures.server";
import { toCsv } from "../domain/issues/csv";
import type { MeetingCounts, Rates, UnitCounts } from "../domain/figures/rates";
import { chinaDateString } from "../infra/time";
import { attachmentDisposition } from "./attachment";

/**
 * The dashboards' tables as files, CSV (UTF-8 with BOM, for Excel) or XLSX (exceljs, loaded on the first
 * export: it is ~400 modules every server start would otherwise pay for). Rates are numbers (0–100, one
 * decimal) so a spreadsheet can sort and sum them; a rate without data is an empty cell.
 */
export const EXPORT_TABLES = ["communities", "grids", "categories", "months", "units"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Cell = string | number | null;
export interface Sheet {
  header: string[];
  rows: Cell[][];
}

const pct = (value: number | null): Cell => (value === null ? null : Math.round(value * 1000) / 10);
const round = (value: number | null): Cell => (value === null ? null : Math.round(value * 10) / 10);

function rateHeader(t: TFunction): string[] {
  return [
    t("figures:dashboard.raised"),
    `${t("figures:dashboard.response_rate")} %`,
    `${t("figures:dashboard.median_response")} (h)`,
    t("figures:dashboard.resolved"),
    `${t("figures:dashboard.resolution_rate")} %`,
    `${t("figures:dashboard.median_resolution")} (d)`,
    `${t("figures:dashboard.satisfaction_rate")} %`,
    t("figures:dashboard.average_rating"),
    `${t("figures:dashboard.reopen_rate")} %`,
    t("figures:dashboard.overdue"),
  ];
}

function rateCells(row: {
  counts: { raised: number; resolved: number; overdue: number };
  rates: Rates;
  medianResponseHours: number | null;
  medianResolutionDays: number | null;
}): Cell[] {
  return [
    row.counts.raised,
    pct(row.rates.responseRate),
    round(row.medianResponseHours),
    row.counts.resolved,
    pct(row.rates.resolutionRate),
    round(row.medianResolutionDays),
    pct(row.rates.satisfactionRate),
    round(row.rates.averageRating),
    pct(row.rates.reopenRate),
    row.counts.overdue,
  ];
}

export function figureSheet<R extends FigureRow>(
  nameHeading: string,
  rows: readonly R[],
  t: TFunction,
  meetings?: (row: R) => MeetingCounts & { turnout: number | null },
): Sheet {
  const meetingHeader = meetings
    ? [
        t("figures:dashboard.held"),
        `${t("figures:dashboard.turnout")} %`,
        t("figures:dashboard.decisions"),
        t("figures:dashboard.carried_out"),
      ]
    : [];
  return {
    header: [nameHeading, ...rateHeader(t), ...meetingHeader],
    rows: rows.map((row) => {
      const m = meetings?.(row);
      return [row.name, ...rateCells(row), ...(m ? [m.held, pct(m.turnout), m.decisions, m.carriedOut] : [])];
    }),
  };
}

export function monthSheet(
  trend: readonly { month: string; counts: { raised: number; resolved: number; overdue: number }; rates: Rates }[],
  t: TFunction,
): Sheet {
  return {
    header: [t("figures:dashboard.month"), ...rateHeader(t)],
    rows: trend.map((m) => [m.month, ...rateCells({ ...m, medianResponseHours: null, medianResolutionDays: null })]),
  };
}

export function unitSheet(
  units: readonly { nameZh: string; nameEn: string; counts: UnitCounts; onTimeRate: number | null }[],
  t: TFunction,
  language: string,
): Sheet {
  return {
    header: [
      t("figures:dashboard.unit"),
      t("figures:dashboard.items"),
      t("figures:dashboard.done"),
      t("figures:dashboard.on_time"),
      t("figures:dashboard.overdue"),
      `${t("figures:dashboard.on_time_rate")} %`,
    ],
    rows: units.map((u) => [
      language === "en" ? u.nameEn : u.nameZh,
      u.counts.items,
      u.counts.done,
      u.counts.doneOnTime,
      u.counts.overdue,
      pct(u.onTimeRate),
    ]),
  };
}

/** The file: named in the reader's language with the date in China, an ASCII name for old clients. */
export async function sheetResponse(
  sheet: Sheet,
  format: ExportFormat,
  names: { readable: string; ascii: string },
  now: Date,
): Promise<Response> {
  const stamp = chinaDateString(now);
  const disposition = attachmentDisposition(`${names.readable}-${stamp}.${format}`, `${names.ascii}-${stamp}.${format}`);
  if (format === "csv") {
    return new Response(toCsv(sheet.header, sheet.rows), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition, "Cache-Control": "no-store" },
    });
  }
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  const worksheet = workbook.addWorksheet(names.readable.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  worksheet.addRow(sheet.header).font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row.map((cell) => cell ?? ""));
  worksheet.columns.forEach((column) => {
    column.width = 14;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition,
      "Cache-Control": "no-store",
    },
  });
}
