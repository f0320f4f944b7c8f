import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { cachedCommunityStats } from "../issues/queries.server";
import { requireCommunityBySlug } from "./community-list.server";

const meetingRow = {
  id: true,
  title: true,
  form: true,
  status: true,
  startsAt: true,
  place: true,
  minutes: { select: { status: true } },
} as const;

/**
 * A community's public front door: what is open, what was decided and is on public notice (and can still be
 * objected to), and the council meetings, past and coming. No sign-in; no personal data.
 */
export async function communityFrontPage(db: Db, clock: Clock, communitySlug: string) {
  const community = await requireCommunityBySlug(db, communitySlug);
  const [stats, onNotice, recentFinal, upcoming, past] = await Promise.all([
    cachedCommunityStats(db, community.id, clock.now()),
    db.decision.findMany({
      where: { status: "notice", meeting: { communityId: community.id } },
      select: { id: true, text: true, noticeEndsAt: true, _count: { select: { objections: true } } },
      orderBy: { noticeEndsAt: "asc" },
      take: 10,
    }),
    db.decision.findMany({
      where: { status: "final", meeting: { communityId: community.id } },
      select: { id: true, text: true, finalAt: true },
      orderBy: { finalAt: "desc" },
      take: 5,
    }),
    db.meeting.findMany({
      where: { communityId: community.id, status: { in: ["planned", "live"] } },
      select: meetingRow,
      orderBy: { startsAt: "asc" },
      take: 5,
    }),
    db.meeting.findMany({
      where: { communityId: community.id, status: "ended" },
      select: meetingRow,
      orderBy: { startsAt: "desc" },
      take: 5,
    }),
  ]);
  return { community, stats, onNotice, recentFinal, upcoming, past };
}
