import type { Db } from "../../infra/db.server";
import { Prisma } from "../../generated/sqlite/client";
import { MAX_PREFIX_TERMS, anyOfTerms, planTextSearch } from "./text-search";

/**
 * Which database a client talks to. Prisma records it on every generated client (both of ours share the
 * SQLite client's types, see infra/db.server.ts), so tests with one client per database get the right plan.
 */
export function dialectOf(db: Db): "sqlite" | "postgresql" {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * A text condition over issues, in the form the list and the export can use:
 * - `where`: a Prisma condition (PostgreSQL, served by the pg_trgm GIN indexes; SQLite's one-character scan);
 * - `fts`: an FTS5 query for SQLite's "IssueSearch" index, to be joined by rowid;
 * - `none`: nothing can match (a two-character query whose trigrams the index has never seen).
 */
export type TextCondition = { kind: "where"; where: Prisma.IssueWhereInput } | { kind: "fts"; match: string } | { kind: "none" };

export async function textCondition(db: Db, query: string): Promise<TextCondition> {
  const plan = planTextSearch(query);
  const text = query.trim();
  if (dialectOf(db) === "postgresql") {
    // ILIKE, the form pg_trgm's GIN operator class serves. The client's types are SQLite's, which has no `mode`.
    const insensitive = { contains: text, mode: "insensitive" } as unknown as Prisma.StringFilter<"Issue">;
    return { kind: "where", where: { OR: [{ title: insensitive }, { description: insensitive }] } };
  }
  if (plan.kind === "phrase") return { kind: "fts", match: plan.match };
  if (plan.kind === "two-characters") {
    const terms = await db.$queryRaw<{ term: string }[]>`
      SELECT "term" FROM "IssueSearchTerms" WHERE "term" >= ${plan.from} AND "term" < ${plan.to} LIMIT ${MAX_PREFIX_TERMS + 1}`;
    if (terms.length <= MAX_PREFIX_TERMS) {
      const match = anyOfTerms(terms.map((row) => row.term));
      return match ? { kind: "fts", match } : { kind: "none" };
    }
  }
  return { kind: "where", where: { OR: [{ title: { contains: text } }, { description: { contains: text } }] } };
}

const matchesOf = (communityId: string, match: string, conditions: Prisma.Sql[]) => {
  const extra = conditions.length ? Prisma.sql` AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  return Prisma.sql`FROM "IssueSearch" JOIN "Issue" ON "Issue"."rowid" = "IssueSearch"."rowid"
    WHERE "IssueSearch" MATCH ${match} AND "Issue"."communityId" = ${communityId}${extra}`;
};

/**
 * The ids of a community's issues whose title or description match an FTS5 query, newest first, narrowed
 * by plain column conditions (status, category, grid) in the same statement.
 */
export async function ftsIssueIds(db: Db, communityId: string, match: string, conditions: Prisma.Sql[] = []): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "Issue"."id" AS "id" ${matchesOf(communityId, match, conditions)} ORDER BY "Issue"."number" DESC`;
  return rows.map((row) => row.id);
}

/**
 * One window of the matches and how many there are in all, in one pass over the index: the count is a window
 * function evaluated before LIMIT. Past the last match there is no row to carry it, so it is counted apart.
 */
export async function ftsIssuePage(
  db: Db,
  communityId: string,
  match: string,
  conditions: Prisma.Sql[],
  window: { skip: number; take: number },
): Promise<{ total: number; ids: string[] }> {
  const rows = await db.$queryRaw<{ id: string; total: number | bigint }[]>`
    SELECT "Issue"."id" AS "id", COUNT(*) OVER () AS "total" ${matchesOf(communityId, match, conditions)}
    ORDER BY "Issue"."number" DESC LIMIT ${window.take} OFFSET ${window.skip}`;
  if (rows.length) return { total: Number(rows[0].total), ids: rows.map((row) => row.id) };
  const counted = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" ${matchesOf(communityId, match, conditions)}`;
  return { total: Number(counted[0]?.n ?? 0), ids: [] };
}
