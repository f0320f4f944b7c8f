import type { Db } from "../../infra/db.server";
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

/** Every community, for visitors who are not signed in. */
export async function allCommunities(db: Db): Promise<CommunitySummary[]> {
  return db.community.findMany({ select: summary, orderBy: { createdAt: "asc" } });
}
