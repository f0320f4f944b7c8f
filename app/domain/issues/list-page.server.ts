import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { IssueListFilters } from "../../schemas/issues";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import { requireCommunityBySlug } from "../communities/community-list.server";
import { cachedCommunityStats, cachedFilterOptions, exportRows, listIssues } from "./queries.server";

/** The transparency page: anyone may read it, signed in or not. Reporters are never named here. */
export async function issueListPage(db: Db, clock: Clock, viewer: Actor | null, communitySlug: string, filters: IssueListFilters) {
  const community = await requireCommunityBySlug(db, communitySlug);
  const now = clock.now();
  const options = await cachedFilterOptions(db, community);
  const [list, stats] = await Promise.all([listIssues(db, community, options, filters, now), cachedCommunityStats(db, community.id, now)]);
  return {
    community,
    filters,
    list,
    stats,
    options,
    canExport: can(viewer, "export:issues", { communityId: community.id, streetId: community.streetId }),
  };
}

/** The same list for the community's staff to download: every matching issue, with its units and deadlines. */
export async function issueExport(db: Db, clock: Clock, actor: Actor, communitySlug: string, filters: IssueListFilters) {
  const community = await requireCommunityBySlug(db, communitySlug);
  requirePermission(actor, "export:issues", { communityId: community.id, streetId: community.streetId });
  const now = clock.now();
  return { community, now, rows: await exportRows(db, community, filters, now) };
}
