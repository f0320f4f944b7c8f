import type { Db, Tx } from "../../infra/db.server";

/** People who speak for a unit (its representatives, in any community). */
export async function unitRepIds(db: Db | Tx, unitId: string): Promise<string[]> {
  const rows = await db.membership.findMany({ where: { unitId, role: "unit_rep", user: { disabledAt: null } }, select: { userId: true } });
  return [...new Set(rows.map((row) => row.userId))];
}

export async function communityStaffIds(db: Db | Tx, communityId: string): Promise<string[]> {
  const rows = await db.membership.findMany({
    where: { communityId, role: "community_staff", user: { disabledAt: null } },
    select: { userId: true },
  });
  return [...new Set(rows.map((row) => row.userId))];
}

/** The reporter and everyone following the issue (including "me too"). */
export async function reporterAndFollowerIds(db: Db | Tx, issue: { id: string; reporterId: string }): Promise<string[]> {
  const rows = await db.issueFollower.findMany({ where: { issueId: issue.id }, select: { userId: true } });
  return [...new Set([issue.reporterId, ...rows.map((row) => row.userId)])];
}

/** Who is asked whether the issue is fixed: its reporter and the residents of its grid. */
export async function acceptanceAudienceIds(
  db: Db | Tx,
  issue: { communityId: string; gridId: string | null; reporterId: string },
): Promise<string[]> {
  const residents = issue.gridId
    ? await db.membership.findMany({
        where: { communityId: issue.communityId, gridId: issue.gridId, role: "resident", user: { disabledAt: null } },
        select: { userId: true },
      })
    : [];
  return [...new Set([issue.reporterId, ...residents.map((row) => row.userId)])];
}
