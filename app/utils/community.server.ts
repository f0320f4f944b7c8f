import { createCookie } from "@remix-run/node";
import type { Db } from "./db.server";
import type { CurrentUser } from "./session.server";

export const communityCookie = createCookie("yishi_community", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export interface CommunitySummary {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  streetId: string;
}

const summary = { id: true, slug: true, nameZh: true, nameEn: true, streetId: true } as const;

/** Communities a person works in: their memberships, or every community of the street they administer. */
export async function communitiesOf(db: Db, user: CurrentUser): Promise<CommunitySummary[]> {
  return db.community.findMany({
    where: {
      OR: [
        { id: { in: user.memberships.map((m) => m.communityId) } },
        ...(user.streetAdminOfId ? [{ streetId: user.streetAdminOfId }] : []),
      ],
    },
    select: summary,
    orderBy: { createdAt: "asc" },
  });
}

export async function allCommunities(db: Db): Promise<CommunitySummary[]> {
  return db.community.findMany({ select: summary, orderBy: { createdAt: "asc" } });
}

/** The community the person last chose (cookie), if they still belong to it, else their first one. */
export async function currentCommunity(request: Request, available: CommunitySummary[]): Promise<CommunitySummary | null> {
  const chosen = await communityCookie.parse(request.headers.get("Cookie"));
  return available.find((c) => c.slug === chosen) ?? available[0] ?? null;
}
