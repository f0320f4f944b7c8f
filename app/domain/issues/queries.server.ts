import type { Db } from "../../infra/db.server";
import type { IssueListFilters } from "../../schemas/issues";
import { Prisma } from "../../generated/sqlite/client";
import { DAY } from "../../infra/clock";
import { issueFlags } from "./deadlines";
import type { IssueFlag } from "./deadlines";
import { OPEN_ISSUE_STATUSES } from "./statuses";
import { gridsOf } from "../communities/grids.server";
import { unitsOfStreet } from "../units/directory.server";
import type { TextCondition } from "./text-search.server";
import { ftsIssueIds, ftsIssuePage, textCondition } from "./text-search.server";

export const PAGE_SIZE = 20;

/** Reference data of a community's list: rarely changes, so each process keeps it briefly (see below). */
export interface FilterOptions {
  categories: { id: string; key: string; nameZh: string; nameEn: string }[];
  grids: { id: string; code: string; nameZh: string; nameEn: string }[];
  units: { id: string; nameZh: string; nameEn: string; kind: string }[];
}

/** Turns the public list's filters into one query (shared by the page and the CSV export). */
export function issueWhere(
  community: { id: string },
  options: FilterOptions,
  filters: IssueListFilters,
  now: Date,
  text?: Prisma.IssueWhereInput,
): Prisma.IssueWhereInput {
  // Plain column conditions stay in one flat object: SQLite then picks the list's indexes reliably.
  const where: Prisma.IssueWhereInput = { communityId: community.id };
  const and: Prisma.IssueWhereInput[] = [];
  if (filters.status === "open") where.status = { in: [...OPEN_ISSUE_STATUSES] };
  else if (filters.status === "done") where.status = { in: ["resolved", "closed"] };
  else if (filters.status) where.status = filters.status;
  // An unknown category or grid matches nothing (rather than being ignored and showing everything).
  if (filters.category) where.categoryId = options.categories.find((c) => c.key === filters.category)?.id ?? "-";
  if (filters.grid) where.gridId = options.grids.find((g) => g.code === filters.grid)?.id ?? "-";
  if (filters.unit) and.push({ OR: [{ escalatedToId: filters.unit }, { actionItems: { some: { unitId: filters.unit } } }] });
  // The figures' period: issues raised in these months, merged duplicates left out (as the dashboards count).
  if (filters.from || filters.to) {
    where.raisedMonth = { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) };
    if (where.status === undefined) where.status = { not: "merged" };
    else and.push({ status: { not: "merged" } });
  }
  if (filters.overdue) {
    // The same definition as the red flag and the dashboards' overdue count (figures/counts.server.ts).
    and.push({ status: { notIn: ["resolved", "closed", "rejected", "merged"] } });
    and.push({
      OR: [
        { status: "escalated", acknowledgedAt: null, escalationDueAt: { lt: now } },
        { status: "escalated", acknowledgedAt: null, acknowledgeDueAt: { lt: now } },
        { status: { in: ["submitted", "reopened"] }, triagedAt: null, triageDueAt: { lt: now } },
        { resolutionDueAt: { lt: now } },
        { firstActionAt: null, firstActionDueAt: { lt: now }, status: { not: "awaiting_acceptance" } },
        { actionItems: { some: { status: { not: "done" }, dueAt: { lt: now } } } },
      ],
    });
  }
  // The text query (filters.q) is planned by textCondition(): a Prisma condition arrives here, an FTS5 query does not.
  if (text) and.push(text);
  if (and.length) where.AND = and;
  return where;
}

/**
 * Prisma counts by reading every matching row's id; on a large community that is most of the page's time.
 * A filter made only of plain columns is counted in SQL from the list's indexes alone.
 */
async function countIssues(db: Db, where: Prisma.IssueWhereInput): Promise<number> {
  const conditions = where.AND ? null : plainColumnConditions(where);
  if (!conditions) return db.issue.count({ where });
  const rows = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "Issue" WHERE ${Prisma.join(conditions, " AND ")}`;
  return Number(rows[0]?.n ?? 0);
}

/** The plain column part of a list filter (community, status, category, grid) as SQL; null if it has another shape. */
function plainColumnConditions(where: Prisma.IssueWhereInput): Prisma.Sql[] | null {
  if (typeof where.communityId !== "string") return null;
  const conditions = [Prisma.sql`"communityId" = ${where.communityId}`];
  const status = where.status;
  if (typeof status === "string") conditions.push(Prisma.sql`"status" = ${status}`);
  else if (status && typeof status === "object" && "in" in status && Array.isArray(status.in))
    conditions.push(Prisma.sql`"status" IN (${Prisma.join(status.in)})`);
  else if (status !== undefined) return null;
  if (typeof where.categoryId === "string") conditions.push(Prisma.sql`"categoryId" = ${where.categoryId}`);
  if (typeof where.gridId === "string") conditions.push(Prisma.sql`"gridId" = ${where.gridId}`);
  return conditions;
}

/** Ids per query when Prisma checks a list of ids: well inside SQLite's limit on bound parameters. */
const ID_CHUNK = 5_000;

/**
 * One page of the issues an FTS5 query matches (SQLite), newest first, and how many match in all. The index
 * and the plain columns answer in one statement; the unit and overdue filters, when set, are checked by
 * Prisma over those matches a chunk at a time.
 */
async function pageOfTextMatches(db: Db, where: Prisma.IssueWhereInput, match: string, skip: number, take: number) {
  const plain = plainColumnConditions(where);
  const communityId = String(where.communityId);
  if (plain && !where.AND) return ftsIssuePage(db, communityId, match, plain, { skip, take });
  const ids = await ftsIssueIds(db, communityId, match, plain ?? []);
  let total = 0;
  const page: string[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const kept = await db.issue.findMany({
      where: { ...where, id: { in: ids.slice(i, i + ID_CHUNK) } },
      orderBy: { number: "desc" },
      select: { id: true },
    });
    for (const { id } of kept) {
      if (total >= skip && page.length < take) page.push(id);
      total++;
    }
  }
  return { total, ids: page };
}

/** The list's filters with the text query planned: the Prisma condition, and the FTS5 query if there is one. */
async function plannedWhere(db: Db, community: { id: string }, options: FilterOptions, filters: IssueListFilters, now: Date) {
  const text: TextCondition | null = filters.q ? await textCondition(db, filters.q) : null;
  const where = issueWhere(community, options, filters, now, text?.kind === "where" ? text.where : undefined);
  return { where, text };
}

export interface PublicIssueRow {
  id: string;
  number: number;
  title: string;
  status: string;
  urgency: string;
  createdAt: Date;
  meTooCount: number;
  category: { key: string; nameZh: string; nameEn: string };
  grid: { code: string; nameZh: string; nameEn: string } | null;
  flags: IssueFlag[];
}

const LIST_SELECT = {
  id: true,
  number: true,
  title: true,
  status: true,
  urgency: true,
  createdAt: true,
  meTooCount: true,
  escalationDueAt: true,
  acknowledgedAt: true,
  categoryId: true,
  gridId: true,
} satisfies Prisma.IssueSelect;

/** The page's rows and the number of matches, through the text index when the query has one. */
async function listPage(db: Db, where: Prisma.IssueWhereInput, text: TextCondition | null, skip: number) {
  if (text?.kind === "none") return { total: 0, rows: [] };
  if (text?.kind === "fts") {
    const { total, ids } = await pageOfTextMatches(db, where, text.match, skip, PAGE_SIZE);
    const rows = ids.length
      ? await db.issue.findMany({ where: { id: { in: ids } }, orderBy: { number: "desc" }, select: LIST_SELECT })
      : [];
    return { total, rows };
  }
  const [total, rows] = await Promise.all([
    countIssues(db, where),
    db.issue.findMany({ where, orderBy: { number: "desc" }, skip, take: PAGE_SIZE, select: LIST_SELECT }),
  ]);
  return { total, rows };
}

export async function listIssues(db: Db, community: { id: string }, options: FilterOptions, filters: IssueListFilters, now: Date) {
  const { where, text } = await plannedWhere(db, community, options, filters, now);
  const { total, rows } = await listPage(db, where, text, (filters.page - 1) * PAGE_SIZE);
  // Only unfinished action items can make an issue late; done ones are not even read.
  const pending = rows.length
    ? await db.actionItem.findMany({
        where: { issueId: { in: rows.map((r) => r.id) }, status: { not: "done" } },
        select: { issueId: true, status: true, dueAt: true },
      })
    : [];
  const categories = new Map(options.categories.map((c) => [c.id, c]));
  const grids = new Map(options.grids.map((g) => [g.id, g]));
  const issues: PublicIssueRow[] = rows.map(({ escalationDueAt, acknowledgedAt, categoryId, gridId, ...row }) => {
    const actionItems = pending.filter((item) => item.issueId === row.id);
    const category = categories.get(categoryId);
    const grid = gridId ? grids.get(gridId) : undefined;
    return {
      ...row,
      category: category ? { key: category.key, nameZh: category.nameZh, nameEn: category.nameEn } : { key: "", nameZh: "", nameEn: "" },
      grid: grid ? { code: grid.code, nameZh: grid.nameZh, nameEn: grid.nameEn } : null,
      flags: issueFlags({ status: row.status, escalationDueAt, acknowledgedAt, actionItems }, now),
    };
  });
  return { total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), issues };
}

/** Start of the current month in China Standard Time (the communities' clock). */
export function monthStartCst(now: Date): Date {
  const local = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 8 * 3600_000);
}

export interface CommunityStats {
  open: number;
  resolvedThisMonth: number;
  medianDaysToResolve: number | null;
}

/**
 * The three figures on top of the public list. Plain SQL (valid on SQLite and PostgreSQL alike) so each
 * count is answered from an index alone; Prisma's count reads every matching row to fetch its id.
 */
export async function communityStats(db: Db, communityId: string, now: Date): Promise<CommunityStats> {
  const count = async (query: Promise<{ n: number | bigint }[]>) => Number((await query)[0]?.n ?? 0);
  const [open, resolvedThisMonth, resolvedCount] = await Promise.all([
    count(
      db.$queryRaw`SELECT COUNT(*) AS n FROM "Issue" WHERE "communityId" = ${communityId} AND "status" IN (${Prisma.join([...OPEN_ISSUE_STATUSES])})`,
    ),
    db.issue.count({ where: { communityId, resolvedAt: { gte: monthStartCst(now) } } }),
    count(db.$queryRaw`SELECT COUNT(*) AS n FROM "Issue" WHERE "communityId" = ${communityId} AND "resolutionDays" IS NOT NULL`),
  ]);
  let medianDaysToResolve: number | null = null;
  if (resolvedCount > 0) {
    // The middle one or two values of the index on (communityId, resolutionDays).
    const middle = await db.$queryRaw<
      { d: number }[]
    >`SELECT "resolutionDays" AS d FROM "Issue" WHERE "communityId" = ${communityId} AND "resolutionDays" IS NOT NULL ORDER BY "resolutionDays" LIMIT ${resolvedCount % 2 === 0 ? 2 : 1} OFFSET ${Math.floor((resolvedCount - 1) / 2)}`;
    const values = middle.map((row) => Number(row.d));
    medianDaysToResolve = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return { open, resolvedThisMonth, medianDaysToResolve };
}

/** The filter choices of a community's list: categories (archived ones too, old issues use them), grids, units. */
export async function listFilterOptions(db: Db, community: { id: string; streetId: string }): Promise<FilterOptions> {
  const [categories, grids, units] = await Promise.all([
    db.issueCategory.findMany({
      where: { communityId: community.id },
      select: { id: true, key: true, nameZh: true, nameEn: true },
      orderBy: { position: "asc" },
    }),
    gridsOf(db, community.id),
    unitsOfStreet(db, community.streetId),
  ]);
  return { categories, grids, units };
}

/**
 * A short-lived per-process cache for what the public list shows on every request but rarely changes.
 * The database stays the only truth: a value is at most `ttlMs` old, and nothing is ever written from it.
 */
const globalForCache = globalThis as unknown as { __yishiTrackerCache?: Map<string, { expires: number; value: Promise<unknown> }> };

export function cached<T>(key: string, ttlMs: number, now: number, load: () => Promise<T>): Promise<T> {
  const cache = (globalForCache.__yishiTrackerCache ??= new Map());
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { expires: now + ttlMs, value });
  // A failed load is not remembered.
  value.catch(() => cache.delete(key));
  return value;
}

/** Reference data changes when staff edit categories, grids or units: a minute's delay is fine. */
export const cachedFilterOptions = (db: Db, community: { id: string; streetId: string }) =>
  cached(`options:${community.id}`, 60_000, Date.now(), () => listFilterOptions(db, community));

/** The headline figures may lag by a few seconds; they are recounted at most every 15 s per process. */
export const cachedCommunityStats = (db: Db, communityId: string, now: Date) =>
  cached(`stats:${communityId}`, 15_000, Date.now(), () => communityStats(db, communityId, now));

/** Rows for the staff CSV: the same filters as the page, every matching issue (capped for safety). */
export async function exportRows(db: Db, community: { id: string; streetId: string }, filters: IssueListFilters, now: Date, cap = 50_000) {
  const { where, text } = await plannedWhere(db, community, await listFilterOptions(db, community), filters, now);
  if (text?.kind === "none") return [];
  const select = {
    number: true,
    title: true,
    status: true,
    urgency: true,
    address: true,
    createdAt: true,
    resolvedAt: true,
    meTooCount: true,
    escalationDueAt: true,
    acknowledgedAt: true,
    category: { select: { nameZh: true, nameEn: true } },
    grid: { select: { code: true, nameZh: true, nameEn: true } },
    escalatedTo: { select: { nameZh: true, nameEn: true } },
    actionItems: { select: { status: true, dueAt: true, unit: { select: { nameZh: true, nameEn: true } } } },
  } satisfies Prisma.IssueSelect;
  let rows;
  if (text?.kind === "fts") {
    const { ids } = await pageOfTextMatches(db, where, text.match, 0, cap);
    rows = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      rows.push(...(await db.issue.findMany({ where: { id: { in: ids.slice(i, i + ID_CHUNK) } }, orderBy: { number: "desc" }, select })));
    }
  } else {
    rows = await db.issue.findMany({ where, orderBy: { number: "desc" }, take: cap, select });
  }
  return rows.map((row) => ({ ...row, flags: issueFlags(row, now) }));
}

export const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY;
