import type { Db } from "../../infra/db.server";
import { Prisma } from "../../generated/sqlite/client";
import type { IssueCounts, MeetingCounts, UnitCounts } from "./rates";

/**
 * The counting behind the figures (definitions in rates.ts), in grouped SQL valid on SQLite and PostgreSQL:
 * one pass over the period's issues of the communities asked for (index on communityId, raisedMonth), grouped
 * by community, grid, category and month, which every table and chart then sums in memory; medians by window
 * functions over the kept duration columns. Merged duplicates are left out everywhere.
 */
export interface Scope {
  communityIds: readonly string[];
  fromMonth: string;
  toMonth: string;
  now: Date;
  /** Narrow to one grid of the communities (the drill-down from a community to a grid). */
  gridId?: string;
}

export interface CountRow extends IssueCounts {
  communityId: string;
  gridId: string | null;
  categoryId: string;
  month: string;
}

const SETTLED = Prisma.join(["resolved", "closed", "rejected", "merged"]);

/** The overdue definition as SQL over "Issue" i (kept in step with deadlines.ts and the list's filter). */
export function overdueSql(now: Date): Prisma.Sql {
  return Prisma.sql`(i."status" NOT IN (${SETTLED}) AND (
    (i."status" IN ('submitted', 'reopened') AND i."triagedAt" IS NULL AND i."triageDueAt" < ${now})
    OR i."resolutionDueAt" < ${now}
    OR (i."status" = 'escalated' AND i."acknowledgedAt" IS NULL AND (i."escalationDueAt" < ${now} OR i."acknowledgeDueAt" < ${now}))
    OR (i."firstActionAt" IS NULL AND i."firstActionDueAt" < ${now} AND i."status" <> 'awaiting_acceptance')
    OR EXISTS (SELECT 1 FROM "ActionItem" a WHERE a."issueId" = i."id" AND a."status" <> 'done' AND a."dueAt" < ${now})
  ))`;
}

function scopeSql(scope: Scope): Prisma.Sql {
  const base = Prisma.sql`i."communityId" IN (${Prisma.join([...scope.communityIds])}) AND i."raisedMonth" >= ${scope.fromMonth} AND i."raisedMonth" <= ${scope.toMonth} AND i."status" <> 'merged'`;
  return scope.gridId ? Prisma.sql`${base} AND i."gridId" = ${scope.gridId}` : base;
}

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export async function issueCountRows(db: Db, scope: Scope): Promise<CountRow[]> {
  if (scope.communityIds.length === 0) return [];
  const [issues, ratings] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT i."communityId" AS "communityId", i."gridId" AS "gridId", i."categoryId" AS "categoryId", i."raisedMonth" AS "month",
        COUNT(*) AS "raised",
        SUM(CASE WHEN i."triagedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "responded",
        SUM(CASE WHEN i."status" = 'rejected' THEN 1 ELSE 0 END) AS "rejected",
        SUM(CASE WHEN i."triagedAt" IS NOT NULL AND i."status" <> 'rejected' THEN 1 ELSE 0 END) AS "accepted",
        SUM(CASE WHEN i."status" IN ('resolved', 'closed') THEN 1 ELSE 0 END) AS "resolved",
        SUM(CASE WHEN i."status" IN ('resolved', 'closed') AND i."satisfactionAverage" >= 3 THEN 1 ELSE 0 END) AS "satisfiedIssues",
        SUM(CASE WHEN i."acceptanceDueAt" IS NOT NULL OR i."reopenCount" > 0 OR i."status" IN ('awaiting_acceptance', 'closed') THEN 1 ELSE 0 END) AS "askedAcceptance",
        SUM(CASE WHEN i."reopenCount" > 0 THEN 1 ELSE 0 END) AS "reopened",
        SUM(CASE WHEN ${overdueSql(scope.now)} THEN 1 ELSE 0 END) AS "overdue"
      FROM "Issue" i
      WHERE ${scopeSql(scope)}
      GROUP BY i."communityId", i."gridId", i."categoryId", i."raisedMonth"`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT i."communityId" AS "communityId", i."gridId" AS "gridId", i."categoryId" AS "categoryId", i."raisedMonth" AS "month",
        COUNT(*) AS "ratings",
        SUM(CASE WHEN r."rating" >= 3 THEN 1 ELSE 0 END) AS "satisfiedRatings",
        SUM(r."rating") AS "ratingSum"
      FROM "AcceptanceResponse" r JOIN "Issue" i ON i."id" = r."issueId"
      WHERE r."rating" IS NOT NULL AND ${scopeSql(scope)}
      GROUP BY i."communityId", i."gridId", i."categoryId", i."raisedMonth"`,
  ]);
  const key = (row: Record<string, unknown>) => `${row.communityId}|${row.gridId ?? ""}|${row.categoryId}|${row.month}`;
  const byKey = new Map<string, CountRow>();
  for (const row of issues) {
    byKey.set(key(row), {
      communityId: String(row.communityId),
      gridId: row.gridId === null ? null : String(row.gridId),
      categoryId: String(row.categoryId),
      month: String(row.month),
      raised: n(row.raised),
      responded: n(row.responded),
      rejected: n(row.rejected),
      accepted: n(row.accepted),
      resolved: n(row.resolved),
      satisfiedIssues: n(row.satisfiedIssues),
      askedAcceptance: n(row.askedAcceptance),
      reopened: n(row.reopened),
      overdue: n(row.overdue),
      ratings: 0,
      satisfiedRatings: 0,
      ratingSum: 0,
    });
  }
  for (const row of ratings) {
    const target = byKey.get(key(row));
    if (!target) continue;
    target.ratings = n(row.ratings);
    target.satisfiedRatings = n(row.satisfiedRatings);
    target.ratingSum = n(row.ratingSum);
  }
  return [...byKey.values()];
}

export type MedianDimension = "communityId" | "gridId" | "categoryId";

/**
 * Median hours to respond and days to resolve per group, computed in the database: each group's values are
 * numbered in order by a window function and the middle one or two are averaged.
 */
export async function medianRows(
  db: Db,
  scope: Scope,
  dimension: MedianDimension,
): Promise<Map<string, { responseHours: number | null; resolutionDays: number | null }>> {
  const out = new Map<string, { responseHours: number | null; resolutionDays: number | null }>();
  if (scope.communityIds.length === 0) return out;
  const column = Prisma.raw(`i."${dimension}"`);
  const median = (value: "responseHours" | "resolutionDays") => {
    const v = Prisma.raw(`i."${value}"`);
    return db.$queryRaw<{ g: string | null; m: unknown }[]>`
      SELECT g, AVG(v) AS m FROM (
        SELECT ${column} AS g, ${v} AS v,
          ROW_NUMBER() OVER (PARTITION BY ${column} ORDER BY ${v}) AS rn,
          COUNT(*) OVER (PARTITION BY ${column}) AS c
        FROM "Issue" i
        WHERE ${scopeSql(scope)} AND ${v} IS NOT NULL
      ) t
      WHERE rn = (c + 1) / 2 OR rn = (c + 2) / 2
      GROUP BY g`;
  };
  const [response, resolution] = await Promise.all([median("responseHours"), median("resolutionDays")]);
  for (const row of response) out.set(String(row.g), { responseHours: Number(row.m), resolutionDays: null });
  for (const row of resolution) {
    const entry = out.get(String(row.g)) ?? { responseHours: null, resolutionDays: null };
    entry.resolutionDays = Number(row.m);
    out.set(String(row.g), entry);
  }
  return out;
}

/** Action items of the period's issues per unit: how many, done, done by the due date, past due and open. */
export async function unitCountRows(db: Db, scope: Scope): Promise<Map<string, UnitCounts>> {
  const out = new Map<string, UnitCounts>();
  if (scope.communityIds.length === 0) return out;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT a."unitId" AS "unitId", COUNT(*) AS "items",
      SUM(CASE WHEN a."status" = 'done' THEN 1 ELSE 0 END) AS "done",
      SUM(CASE WHEN a."status" = 'done' AND a."doneAt" <= a."dueAt" THEN 1 ELSE 0 END) AS "doneOnTime",
      SUM(CASE WHEN a."status" <> 'done' AND a."dueAt" < ${scope.now} THEN 1 ELSE 0 END) AS "overdue"
    FROM "ActionItem" a JOIN "Issue" i ON i."id" = a."issueId"
    WHERE ${scopeSql(scope)}
    GROUP BY a."unitId"`;
  for (const row of rows)
    out.set(String(row.unitId), { items: n(row.items), done: n(row.done), doneOnTime: n(row.doneOnTime), overdue: n(row.overdue) });
  return out;
}

/** Meetings that started in the period, per community: held, invited and checked-in participants, decisions. */
export async function meetingCountRows(db: Db, scope: Scope, from: Date, to: Date): Promise<Map<string, MeetingCounts>> {
  const out = new Map<string, MeetingCounts>();
  if (scope.communityIds.length === 0) return out;
  const ids = Prisma.join([...scope.communityIds]);
  const [meetings, decisions] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT m."communityId" AS "communityId", COUNT(DISTINCT m."id") AS "held", COUNT(p."id") AS "invited",
        SUM(CASE WHEN p."checkedInAt" IS NOT NULL THEN 1 ELSE 0 END) AS "checkedIn"
      FROM "Meeting" m LEFT JOIN "Participant" p ON p."meetingId" = m."id"
      WHERE m."communityId" IN (${ids}) AND m."status" = 'ended' AND m."startsAt" >= ${from} AND m."startsAt" < ${to}
      GROUP BY m."communityId"`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT m."communityId" AS "communityId", COUNT(*) AS "decisions",
        SUM(CASE WHEN EXISTS (SELECT 1 FROM "ActionItem" a WHERE a."decisionId" = d."id")
          AND NOT EXISTS (SELECT 1 FROM "ActionItem" a WHERE a."decisionId" = d."id" AND a."status" <> 'done') THEN 1 ELSE 0 END) AS "carriedOut"
      FROM "Decision" d JOIN "Meeting" m ON m."id" = d."meetingId"
      WHERE m."communityId" IN (${ids}) AND d."status" = 'final' AND m."startsAt" >= ${from} AND m."startsAt" < ${to}
      GROUP BY m."communityId"`,
  ]);
  for (const id of scope.communityIds) out.set(id, { held: 0, invited: 0, checkedIn: 0, decisions: 0, carriedOut: 0 });
  for (const row of meetings) {
    const entry = out.get(String(row.communityId));
    if (!entry) continue;
    entry.held = n(row.held);
    entry.invited = n(row.invited);
    entry.checkedIn = n(row.checkedIn);
  }
  for (const row of decisions) {
    const entry = out.get(String(row.communityId));
    if (!entry) continue;
    entry.decisions = n(row.decisions);
    entry.carriedOut = n(row.carriedOut);
  }
  return out;
}
