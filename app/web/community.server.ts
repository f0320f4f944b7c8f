import { createCookie } from "@remix-run/node";
import type { CurrentUser } from "../domain/accounts/sessions.server";
import type { CommunitySummary } from "../domain/communities/community-list.server";
import { communitiesOf } from "../domain/communities/community-list.server";
import { notFound } from "../domain/errors";
import type { Db } from "../infra/db.server";
import { requireUser } from "./session.server";

export type { CommunitySummary };

/** The community a person last chose to work in (the header's switcher). */
export const communityCookie = createCookie("yishi_community", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The community the person last chose (cookie), if they still belong to it, else their first one. */
export async function currentCommunity(request: Request, available: CommunitySummary[]): Promise<CommunitySummary | null> {
  const chosen = await communityCookie.parse(request.headers.get("Cookie"));
  return available.find((c) => c.slug === chosen) ?? available[0] ?? null;
}

/** The signed-in person and the community they are working in (404 when they belong to none). */
export async function requireMemberCommunity(request: Request, db: Db): Promise<{ user: CurrentUser; community: CommunitySummary }> {
  const user = await requireUser(request);
  const community = await currentCommunity(request, await communitiesOf(db, user));
  if (!community) throw notFound();
  return { user, community };
}
