import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { gridsOf } from "../communities/grids.server";
import { forbidden } from "../errors";
import { activeCategories } from "../issues/categories.server";
import { acceptanceRound } from "../issues/acceptance-round.server";
import type { Actor } from "../permissions";
import { canAssistIn, findAssistableResidents, requireAssistedResident } from "./assisted.server";

interface CommunityRef {
  id: string;
  streetId: string;
}

/**
 * The helper's page (代办): find a resident of one's grid (all grids for staff), then, for that resident, the
 * forms to raise an issue, rate the work on the issues the resident is asked about, and object to decisions
 * in public notice. Addresses are shown: the helper holds `view:personal-info` for exactly these residents.
 */
export async function assistPage(db: Db, clock: Clock, actor: Actor, community: CommunityRef, query: { q?: string; for?: string }) {
  if (!canAssistIn(actor, community)) throw forbidden("people:assist.errors.not_helper");
  const residents = await findAssistableResidents(db, actor, community, query.q ?? "");
  if (!query.for) return { residents, resident: null };
  const resident = await requireAssistedResident(db, actor, community, query.for);
  const now = clock.now();
  const [record, categories, grids, asked, decisions] = await Promise.all([
    db.residentRecord.findUnique({
      where: { communityId_userId: { communityId: community.id, userId: resident.id } },
      select: { building: true, entrance: true, room: true },
    }),
    activeCategories(db, community.id),
    gridsOf(db, community.id),
    db.issue.findMany({
      where: {
        communityId: community.id,
        status: "awaiting_acceptance",
        acceptanceDueAt: { gt: now },
        OR: [{ reporterId: resident.id }, { followers: { some: { userId: resident.id } } }],
      },
      select: { id: true, number: true, title: true, acceptanceDueAt: true },
      orderBy: { number: "asc" },
      take: 30,
    }),
    db.decision.findMany({
      where: {
        status: "notice",
        noticeEndsAt: { gt: now },
        OR: [{ meeting: { communityId: community.id } }, { issue: { communityId: community.id } }],
      },
      select: { id: true, text: true, noticeEndsAt: true },
      orderBy: { noticeEndsAt: "asc" },
      take: 30,
    }),
  ]);
  // An issue the resident already rated in this round is not offered again (one rating per resident).
  const toRate = [];
  for (const issue of asked) {
    const round = await acceptanceRound(db, issue.id);
    const answered = await db.acceptanceResponse.count({ where: { issueId: issue.id, userId: resident.id, round } });
    if (answered === 0)
      toRate.push({ id: issue.id, number: issue.number, title: issue.title, dueAt: issue.acceptanceDueAt?.toISOString() ?? null });
  }
  return {
    residents,
    resident: { ...resident, address: record },
    categories,
    grids,
    toRate,
    decisions: decisions.map((d) => ({ id: d.id, text: d.text, noticeEndsAt: d.noticeEndsAt?.toISOString() ?? null })),
  };
}
