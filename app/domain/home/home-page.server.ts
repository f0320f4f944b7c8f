import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { CurrentUser } from "../accounts/sessions.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { allCommunities } from "../communities/community-list.server";
import { homeSummary } from "./home-summary.server";

/**
 * The front page: visitors see every community with how many issues it has on record; a signed-in person
 * sees the summary of their roles in the community they work in (communityToWorkIn: the one they chose, else
 * their first; null when they work in none).
 */
export async function homePage(db: Db, clock: Clock, viewer: CurrentUser | null, community: CommunitySummary | null) {
  if (!viewer) return { kind: "public" as const, communities: await communitiesWithIssueCounts(db) };
  if (!community) return { kind: "no-community" as const, displayName: viewer.displayName };
  return {
    kind: "member" as const,
    displayName: viewer.displayName,
    community,
    summary: await homeSummary(db, clock, viewer, community),
  };
}

async function communitiesWithIssueCounts(db: Db) {
  const [communities, counts] = await Promise.all([allCommunities(db), db.issue.groupBy({ by: ["communityId"], _count: { _all: true } })]);
  return communities.map((c) => ({ ...c, issues: counts.find((row) => row.communityId === c.id)?._count._all ?? 0 }));
}
