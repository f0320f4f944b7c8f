import type { Db, Tx } from "../../infra/db.server";
import type { AcceptanceAudience } from "./acceptance";

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

/** Who is asked to rate the work: the reporter and the followers who live in the community (acceptance.ts). */
export async function acceptanceAudienceOf(
  db: Db | Tx,
  issue: { id: string; communityId: string; reporterId: string },
): Promise<AcceptanceAudience> {
  const followers = await db.issueFollower.findMany({
    where: {
      issueId: issue.id,
      user: { disabledAt: null, memberships: { some: { communityId: issue.communityId, role: "resident" } } },
    },
    select: { userId: true },
  });
  return { reporterId: issue.reporterId, residentFollowerIds: followers.map((f) => f.userId).filter((id) => id !== issue.reporterId) };
}
