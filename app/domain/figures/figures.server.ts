import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { forbidden, notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { MedianDimension, Scope } from "./counts.server";
import { issueCountRows, medianRows, meetingCountRows, unitCountRows } from "./counts.server";
import { lastMonths } from "./months";
import type { IssueCounts, MeetingCounts, Rates, SortKey } from "./rates";
import { ZERO_COUNTS, addCounts, funnelOf, onTimeRate, ratesOf, rollUp, sortRows, turnoutOf } from "./rates";

export interface Period {
  fromMonth: string;
  toMonth: string;
}

/** The default period: the twelve China months up to this one. */
export function defaultPeriod(now: Date): Period {
  const months = lastMonths(now, 12);
  return { fromMonth: months[0], toMonth: months[months.length - 1] };
}

export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let [year, month] = period.fromMonth.split("-").map(Number);
  for (let guard = 0; guard < 120; guard++) {
    const value = `${year}-${String(month).padStart(2, "0")}`;
    if (value > period.toMonth) break;
    out.push(value);
    month++;
    if (month === 13) {
      month = 1;
      year++;
    }
  }
  return out;
}

function periodDates(period: Period): { from: Date; to: Date } {
  const months = monthsOf(period);
  const last = months[months.length - 1] ?? period.toMonth;
  const [year, month] = last.split("-").map(Number);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  return { from: new Date(`${period.fromMonth}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

/**
 * Figures are counted over months of issues, so a page a few seconds old tells the same story: each process
 * keeps a computed dashboard for FIGURES_TTL_MS and lets concurrent requests share one computation (a
 * street's big screen and a dozen staff opening the dashboard at nine o'clock cost one count, not many).
 */
export const FIGURES_TTL_MS = 30_000;
const MAX_CACHED = 200;
const computed = new Map<string, { at: number; value: Promise<unknown> }>();

function shared<T>(key: string, now: Date, compute: () => Promise<T>): Promise<T> {
  const hit = computed.get(key);
  if (hit && now.getTime() - hit.at >= 0 && now.getTime() - hit.at < FIGURES_TTL_MS) return hit.value as Promise<T>;
  const value = compute();
  computed.set(key, { at: now.getTime(), value });
  value.catch(() => computed.delete(key));
  if (computed.size > MAX_CACHED) computed.delete(computed.keys().next().value as string);
  return value;
}

export interface Named {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
}

export interface FigureRow extends Named {
  name: string;
  counts: IssueCounts;
  rates: Rates;
  medianResponseHours: number | null;
  medianResolutionDays: number | null;
}

function rowsFor(
  entities: readonly Named[],
  counts: Map<string, IssueCounts>,
  medians: Map<string, { responseHours: number | null; resolutionDays: number | null }>,
  language: string,
): FigureRow[] {
  return entities.map((e) => {
    const c = counts.get(e.id) ?? ZERO_COUNTS;
    const m = medians.get(e.id);
    return {
      ...e,
      name: language === "en" ? e.nameEn : e.nameZh,
      counts: c,
      rates: ratesOf(c),
      medianResponseHours: m?.responseHours ?? null,
      medianResolutionDays: m?.resolutionDays ?? null,
    };
  });
}

async function unitsTable(db: Db, scope: Scope, streetId: string) {
  const counts = await unitCountRows(db, scope);
  if (counts.size === 0) return [];
  const units = await db.unit.findMany({
    where: { id: { in: [...counts.keys()] }, streetId },
    select: { id: true, nameZh: true, nameEn: true },
  });
  return units
    .map((u) => {
      const c = counts.get(u.id) as NonNullable<ReturnType<typeof counts.get>>;
      return { ...u, counts: c, onTimeRate: onTimeRate(c) };
    })
    .sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.counts.items - a.counts.items);
}

function meetingsView(counts: MeetingCounts) {
  return { ...counts, turnout: turnoutOf(counts) };
}

function sumMeetings(rows: Iterable<MeetingCounts>): MeetingCounts {
  const total = { held: 0, invited: 0, checkedIn: 0, decisions: 0, carriedOut: 0 };
  for (const r of rows) for (const k of Object.keys(total) as (keyof MeetingCounts)[]) total[k] += r[k];
  return total;
}

function trendOf(rows: readonly { month: string }[] & readonly Partial<IssueCounts>[], period: Period) {
  const byMonth = rollUp(rows as (Partial<IssueCounts> & { month: string })[], (r) => r.month);
  return monthsOf(period).map((month) => {
    const c = byMonth.get(month) ?? ZERO_COUNTS;
    return { month, counts: c, rates: ratesOf(c) };
  });
}

export interface TableSort {
  key: SortKey;
  descending: boolean;
}

/** The street office's view: every community of the street side by side, with the street's trend and funnel. */
export async function streetDashboard(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  streetId: string,
  period: Period,
  sort: TableSort,
  language: string,
) {
  if (!actor || actor.streetAdminOfId !== streetId) throw forbidden();
  const street = await db.street.findUnique({ where: { id: streetId }, select: { id: true, nameZh: true, nameEn: true } });
  if (!street) throw notFound();
  const communities = await db.community.findMany({
    where: { streetId },
    select: { id: true, slug: true, nameZh: true, nameEn: true },
    orderBy: { createdAt: "asc" },
  });
  const scope: Scope = { communityIds: communities.map((c) => c.id), ...period, now: clock.now() };
  const { from, to } = periodDates(period);
  const [rows, medians, units, meetings] = await shared(`street|${streetId}|${period.fromMonth}|${period.toMonth}`, scope.now, () =>
    Promise.all([
      issueCountRows(db, scope),
      medianRows(db, scope, "communityId"),
      unitsTable(db, scope, streetId),
      meetingCountRows(db, scope, from, to),
    ]),
  );
  const byCommunity = rollUp(rows, (r) => r.communityId);
  const table = rowsFor(
    communities.map((c) => ({ ...c, key: c.slug })),
    byCommunity,
    medians,
    language,
  ).map((row) => ({ ...row, meetings: meetingsView(meetings.get(row.id) ?? sumMeetings([])) }));
  const total = rows.reduce((sum, r) => addCounts(sum, r), ZERO_COUNTS);
  return {
    street,
    period,
    sort,
    communities: sortRows(table, sort.key, sort.descending),
    total: { counts: total, rates: ratesOf(total), meetings: meetingsView(sumMeetings(meetings.values())) },
    trend: trendOf(rows, period),
    funnel: funnelOf(total),
    units,
  };
}

/** A community's view (staff, or the street admin drilling down), optionally narrowed to one grid. */
export async function communityDashboard(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  community: { id: string; slug: string; streetId: string; nameZh: string; nameEn: string },
  period: Period,
  options: { gridCode?: string; sort: TableSort; language: string },
) {
  requirePermission(actor, "view:staff-dashboard", { communityId: community.id, streetId: community.streetId });
  const [grids, categories] = await Promise.all([
    db.grid.findMany({
      where: { communityId: community.id },
      select: { id: true, code: true, nameZh: true, nameEn: true },
      orderBy: { code: "asc" },
    }),
    db.issueCategory.findMany({
      where: { communityId: community.id },
      select: { id: true, key: true, nameZh: true, nameEn: true },
      orderBy: { position: "asc" },
    }),
  ]);
  const grid = options.gridCode ? grids.find((g) => g.code === options.gridCode) : undefined;
  if (options.gridCode && !grid) throw notFound();
  const scope: Scope = { communityIds: [community.id], ...period, now: clock.now(), gridId: grid?.id };
  const { from, to } = periodDates(period);
  const median = (dimension: MedianDimension) => medianRows(db, scope, dimension);
  const key = `community|${community.id}|${grid?.id ?? ""}|${period.fromMonth}|${period.toMonth}`;
  const [rows, gridMedians, categoryMedians, communityMedians, units, meetings] = await shared(key, scope.now, () =>
    Promise.all([
      issueCountRows(db, scope),
      median("gridId"),
      median("categoryId"),
      median("communityId"),
      unitsTable(db, scope, community.streetId),
      grid ? Promise.resolve(null) : meetingCountRows(db, scope, from, to),
    ]),
  );
  const total = rows.reduce((sum, r) => addCounts(sum, r), ZERO_COUNTS);
  const gridRows = grid
    ? []
    : sortRows(
        rowsFor(
          grids.map((g) => ({ ...g, key: g.code })),
          rollUp(rows, (r) => r.gridId ?? ""),
          gridMedians,
          options.language,
        ),
        options.sort.key,
        options.sort.descending,
      );
  const categoryRows = rowsFor(
    categories,
    rollUp(rows, (r) => r.categoryId),
    categoryMedians,
    options.language,
  ).filter((row) => row.counts.raised > 0);
  const medians = communityMedians.get(community.id);
  return {
    community: { slug: community.slug, nameZh: community.nameZh, nameEn: community.nameEn },
    grid: grid ? { code: grid.code, nameZh: grid.nameZh, nameEn: grid.nameEn } : null,
    period,
    sort: options.sort,
    total: {
      counts: total,
      rates: ratesOf(total),
      medianResponseHours: medians?.responseHours ?? null,
      medianResolutionDays: medians?.resolutionDays ?? null,
    },
    grids: gridRows,
    categories: categoryRows,
    trend: trendOf(rows, period),
    funnel: funnelOf(total),
    units,
    meetings: meetings ? meetingsView(meetings.get(community.id) ?? sumMeetings([])) : null,
  };
}
