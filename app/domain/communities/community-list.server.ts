import type { Db } from "../../infra/db.server";
import { notFound } from "../errors";
import type { Actor } from "../permissions";

export interface CommunitySummary {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  streetId: string;
}

const summary = { id: true, slug: true, nameZh: true, nameEn: true, streetId: true } as const;

/** Communities a person works in: their memberships, or every community of the street they administer. */
export async function communitiesOf(db: Db, actor: Actor): Promise<CommunitySummary[]> {
  return db.community.findMany({
    where: {
      OR: [
        { id: { in: actor.memberships.map((m) => m.communityId) } },
        ...(actor.streetAdminOfId ? [{ streetId: actor.streetAdminOfId }] : []),
      ],
    },
    select: summary,
    orderBy: { createdAt: "asc" },
  });
}

/** The community an address names (/c/<slug>/…); refused as not found when there is none. */
export async function requireCommunityBySlug(db: Db, slug: string): Promise<CommunitySummary> {
  const community = await db.community.findUnique({ where: { slug }, select: summary });
  if (!community) throw notFound();
  return community;
}

/** Every community, for visitors who are not signed in. */
export async function allCommunities(db: Db): Promise<CommunitySummary[]> {
  return db.community.findMany({ select: summary, orderBy: { createdAt: "asc" } });
}

/** The community the person chose, if they work in it, else their first one; null when they work in none. */
export function pickCommunity(available: CommunitySummary[], preferredSlug: string | null): CommunitySummary | null {
  return available.find((c) => c.slug === preferredSlug) ?? available[0] ?? null;
}

/** The community a person works in today (see pickCommunity). */
export async function communityToWorkIn(db: Db, actor: Actor, preferredSlug: string | null): Promise<CommunitySummary | null> {
  return pickCommunity(await communitiesOf(db, actor), preferredSlug);
}

/** The community with this slug if the person works in it; anything else is null, never trusted. */
export async function ownCommunityNamed(db: Db, actor: Actor, slug: string): Promise<CommunitySummary | null> {
  return (await communitiesOf(db, actor)).find((c) => c.slug === slug) ?? null;
}
