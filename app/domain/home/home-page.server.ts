import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { CurrentUser } from "../accounts/sessions.server";
import { allCommunities, communityToWorkIn } from "../communities/community-list.server";
import { homeSummary } from "./home-summary.server";

/**
 * The front page: visitors see every community with how many issues it has on record; a signed-in person
 * sees the summary of their roles in the community they work in (the one they chose, else their first).
 */
export async function homePage(db: Db, clock: Clock, viewer: CurrentUser | null, preferredSlug: string | null) {
  if (!viewer) return { kind: "public" as const, communities: await communitiesWithIssueCounts(db) };
  const community = await communityToWorkIn(db, viewer, preferredSlug);
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
