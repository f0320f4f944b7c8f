import type { Db } from "../../infra/db.server";
import { gridsOf } from "../communities/grids.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { activeCategories } from "./categories.server";
import type { CommunityRef } from "./raise.server";
import { SIMILARITY_THRESHOLD, similarityScore } from "./similar";
import { OPEN_ISSUE_STATUSES } from "./statuses";

export interface SimilarIssue {
  id: string;
  number: number;
  title: string;
  status: string;
  meTooCount: number;
  createdAt: string;
}

export interface SimilarIssuesQuery {
  title: string;
  gridId?: string;
  categoryId?: string;
}

/**
 * The form for a new issue: the community's categories and grids, the person's own grid chosen for them,
 * and, when a title was already typed (the no-JavaScript "check for similar issues"), what looks like it.
 */
export async function raiseIssuePage(db: Db, actor: Actor, community: CommunityRef, typed: { title: string; gridId?: string }) {
  requirePermission(actor, "raise:issue", { communityId: community.id, streetId: community.streetId });
  const [categories, grids] = await Promise.all([activeCategories(db, community.id), gridsOf(db, community.id)]);
  const myGrid = actor.memberships.find((m) => m.communityId === community.id && m.gridId)?.gridId ?? "";
  const gridId = typed.gridId ?? myGrid;
  const similar = typed.title ? await similarIssues(db, community.id, { title: typed.title, gridId: gridId || undefined }) : [];
  return { categories, grids, myGrid, prefill: { title: typed.title, gridId }, similar };
}

/** Open issues in the same grid that look like the one being written, best match first. */
export async function similarIssues(db: Db, communityId: string, query: SimilarIssuesQuery, limit = 5): Promise<SimilarIssue[]> {
  if (!query.gridId && query.title.trim().length < 2) return [];
  const candidates = await db.issue.findMany({
    where: { communityId, status: { in: [...OPEN_ISSUE_STATUSES] }, ...(query.gridId ? { gridId: query.gridId } : {}) },
    select: { id: true, number: true, title: true, description: true, status: true, meTooCount: true, createdAt: true, categoryId: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return candidates
    .map((c) => ({
      issue: c,
      score: similarityScore(query.title, { title: c.title, description: c.description, sameCategory: c.categoryId === query.categoryId }),
    }))
    .filter(({ score }) => score >= SIMILARITY_THRESHOLD || (query.title.trim() === "" && score > 0))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ issue }) => ({
      id: issue.id,
      number: issue.number,
      title: issue.title,
      status: issue.status,
      meTooCount: issue.meTooCount,
      createdAt: issue.createdAt.toISOString(),
    }));
}
