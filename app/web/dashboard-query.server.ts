import { defaultPeriod } from "../domain/figures/figures.server";
import type { Period, TableSort } from "../domain/figures/figures.server";
import type { SortKey } from "../domain/figures/rates";
import type { DashboardFilters } from "../schemas/figures";
import { parseDashboardQuery } from "../schemas/figures";

/** A dashboard's period and sort from its query string; months given the wrong way round are swapped. */
export function dashboardQuery(request: Request, now: Date): { filters: DashboardFilters; period: Period; sort: TableSort } {
  const filters = parseDashboardQuery(new URL(request.url).searchParams);
  const fallback = defaultPeriod(now);
  let fromMonth = filters.from ?? fallback.fromMonth;
  let toMonth = filters.to ?? fallback.toMonth;
  if (fromMonth > toMonth) [fromMonth, toMonth] = [toMonth, fromMonth];
  return { filters, period: { fromMonth, toMonth }, sort: { key: filters.sort as SortKey, descending: filters.dir === "desc" } };
}
