import type { Db } from "../../utils/db.server";
import type { IssueListFilters } from "../../schemas/issues";
import { Prisma } from "../../generated/sqlite/client";
import { DAY } from "../clock";
import { issueFlags } from "./deadlines";
import type { IssueFlag } from "./deadlines";
import { OPEN_ISSUE_STATUSES } from "./statuses";

export const PAGE_SIZE = 20;

export interface CommunityForList {
  id: string;
  slug: string;
  streetId: string;
  nameZh: string;
  nameEn: string;
}

/** Turns the public list's filters into one query (shared by the page and the CSV export). */
export async function issueWhere(db: Db, community: { id: string }, filters: IssueListFilters, now: Date): Promise<Prisma.IssueWhereInput> {
  const and: Prisma.IssueWhereInput[] = [{ communityId: community.id }];
  if (filters.status === "open") and.push({ status: { in: [...OPEN_ISSUE_STATUSES] } });
  else if (filters.status === "done") and.push({ status: { in: ["resolved", "closed"] } });
  else if (filters.status) and.push({ status: filters.status });
  if (filters.category) {
    const category = await db.issueCategory.findUnique({ where: { communityId_key: { communityId: community.id, key: filters.category } }, select: { id: true } });
    and.push({ categoryId: category?.id ?? "-" });
  }
  if (filters.grid) {
    const grid = await db.grid.findUnique({ where: { communityId_code: { communityId: community.id, code: filters.grid } }, select: { id: true } });
    and.push({ gridId: grid?.id ?? "-" });
  }
  if (filters.unit) and.push({ OR: [{ escalatedToId: filters.unit }, { actionItems: { some: { unitId: filters.unit } } }] });
  if (filters.overdue) {
    and.push({
      OR: [
        { status: "escalated", acknowledgedAt: null, escalationDueAt: { lt: now } },
        { status: { in: [...OPEN_ISSUE_STATUSES] }, actionItems: { some: { status: { not: "done" }, dueAt: { lt: now } } } },
      ],
    });
  }
  if (filters.q) and.push({ OR: [{ title: { contains: filters.q } }, { description: { contains: filters.q } }] });
  return { AND: and };
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

export async function listIssues(db: Db, community: { id: string }, filters: IssueListFilters, now: Date) {
  const where = await issueWhere(db, community, filters, now);
  const [total, rows] = await Promise.all([
    db.issue.count({ where }),
    db.issue.findMany({
      where,
      orderBy: { number: "desc" },
      skip: (filters.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        number: true,
        title: true,
        status: true,
        urgency: true,
        createdAt: true,
        meTooCount: true,
        escalationDueAt: true,
        acknowledgedAt: true,
        category: { select: { key: true, nameZh: true, nameEn: true } },
        grid: { select: { code: true, nameZh: true, nameEn: true } },
        actionItems: { select: { status: true, dueAt: true } },
      },
    }),
  ]);
  const issues: PublicIssueRow[] = rows.map(({ escalationDueAt, acknowledgedAt, actionItems, ...row }) => ({
    ...row,
    flags: issueFlags({ status: row.status, escalationDueAt, acknowledgedAt, actionItems }, now),
  }));
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
    count(db.$queryRaw`SELECT COUNT(*) AS n FROM "Issue" WHERE "communityId" = ${communityId} AND "status" IN (${Prisma.join([...OPEN_ISSUE_STATUSES])})`),
    db.issue.count({ where: { communityId, resolvedAt: { gte: monthStartCst(now) } } }),
    count(db.$queryRaw`SELECT COUNT(*) AS n FROM "Issue" WHERE "communityId" = ${communityId} AND "resolutionDays" IS NOT NULL`),
  ]);
  let medianDaysToResolve: number | null = null;
  if (resolvedCount > 0) {
    // The middle one or two values of the index on (communityId, resolutionDays).
    const middle = await db.$queryRaw<{ d: number }[]>`SELECT "resolutionDays" AS d FROM "Issue" WHERE "communityId" = ${communityId} AND "resolutionDays" IS NOT NULL ORDER BY "resolutionDays" LIMIT ${resolvedCount % 2 === 0 ? 2 : 1} OFFSET ${Math.floor((resolvedCount - 1) / 2)}`;
    const values = middle.map((row) => Number(row.d));
    medianDaysToResolve = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return { open, resolvedThisMonth, medianDaysToResolve };
}

/** The filter choices of a community's list: categories, grids and the units that worked on its issues. */
export async function listFilterOptions(db: Db, community: { id: string; streetId: string }) {
  const [categories, grids, units] = await Promise.all([
    db.issueCategory.findMany({ where: { communityId: community.id, archivedAt: null }, select: { id: true, key: true, nameZh: true, nameEn: true }, orderBy: { position: "asc" } }),
    db.grid.findMany({ where: { communityId: community.id }, select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } }),
    db.unit.findMany({ where: { streetId: community.streetId }, select: { id: true, nameZh: true, nameEn: true, kind: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return { categories, grids, units };
}

export async function findCommunityBySlug(db: Db, slug: string): Promise<CommunityForList | null> {
  return db.community.findUnique({ where: { slug }, select: { id: true, slug: true, streetId: true, nameZh: true, nameEn: true } });
}

/** Everything an issue page shows. Who reported it is loaded, but routes show it only to staff. */
export async function loadIssuePage(db: Db, communityId: string, number: number) {
  return db.issue.findUnique({
    where: { communityId_number: { communityId, number } },
    include: {
      category: { select: { key: true, nameZh: true, nameEn: true } },
      grid: { select: { id: true, code: true, nameZh: true, nameEn: true } },
      reporter: { select: { id: true, displayName: true, phone: true } },
      escalatedTo: { select: { id: true, nameZh: true, nameEn: true } },
      mergedInto: { select: { number: true, title: true } },
      attachments: { select: { storageKey: true, width: true, height: true }, orderBy: { createdAt: "asc" } },
      actionItems: {
        orderBy: { createdAt: "asc" },
        include: {
          unit: { select: { id: true, nameZh: true, nameEn: true } },
          updates: { orderBy: { createdAt: "asc" }, include: { attachments: { select: { storageKey: true, width: true, height: true } } } },
        },
      },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 500 },
    },
  });
}

export type IssuePageData = NonNullable<Awaited<ReturnType<typeof loadIssuePage>>>;

/** Units named in the timeline, and the role each actor had, so the public sees roles, never names. */
export async function timelineActors(db: Db, issue: { communityId: string; events: { actorId: string | null }[] }) {
  const ids = [...new Set(issue.events.map((e) => e.actorId).filter((id): id is string => !!id))];
  const memberships = ids.length
    ? await db.membership.findMany({ where: { userId: { in: ids }, communityId: issue.communityId }, select: { userId: true, role: true, unit: { select: { nameZh: true, nameEn: true } } } })
    : [];
  const admins = ids.length ? await db.user.findMany({ where: { id: { in: ids }, streetAdminOfId: { not: null } }, select: { id: true } }) : [];
  const roles: Record<string, { role: string; unit: { nameZh: string; nameEn: string } | null }> = {};
  for (const admin of admins) roles[admin.id] = { role: "street_admin", unit: null };
  for (const m of memberships) if (!roles[m.userId] || m.unit) roles[m.userId] = { role: m.role, unit: m.unit };
  return roles;
}

export async function unitNames(db: Db, ids: string[]) {
  const units = ids.length ? await db.unit.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, nameZh: true, nameEn: true } }) : [];
  return Object.fromEntries(units.map((u) => [u.id, { nameZh: u.nameZh, nameEn: u.nameEn }]));
}

/** Rows for the staff CSV: the same filters as the page, every matching issue (capped for safety). */
export async function exportRows(db: Db, community: { id: string }, filters: IssueListFilters, now: Date, cap = 50_000) {
  const where = await issueWhere(db, community, filters, now);
  const rows = await db.issue.findMany({
    where,
    orderBy: { number: "desc" },
    take: cap,
    select: {
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
    },
  });
  return rows.map((row) => ({ ...row, flags: issueFlags(row, now) }));
}

export const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY;
