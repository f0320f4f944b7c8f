import { z } from "zod";
import { SORT_KEYS } from "../domain/figures/rates";

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .optional()
  .catch(undefined);

/** A dashboard's query string (sort, period, drill-down). Unknown or malformed values fall back to defaults. */
export const DashboardQuery = z.object({
  sort: z
    .enum(SORT_KEYS as [string, ...string[]])
    .default("name")
    .catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  from: month,
  to: month,
  c: z
    .string()
    .max(64)
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  grid: z.string().max(64).optional().catch(undefined),
});
export type DashboardFilters = z.infer<typeof DashboardQuery>;

export function parseDashboardQuery(searchParams: URLSearchParams): DashboardFilters {
  const raw: Record<string, string> = {};
  for (const [key, value] of searchParams) if (value !== "") raw[key] = value;
  return DashboardQuery.parse(raw);
}

/** Which table of a dashboard to download, and as what. */
export const FiguresExportQuery = z.object({
  table: z.enum(["communities", "grids", "categories", "months", "units"], { error: "figures:errors.export_invalid" }),
  format: z.enum(["csv", "xlsx"], { error: "figures:errors.export_invalid" }),
});
