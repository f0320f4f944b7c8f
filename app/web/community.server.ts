import { createCookie } from "@remix-run/node";
import type { CurrentUser } from "../domain/accounts/sessions.server";
import type { CommunitySummary } from "../domain/communities/community-list.server";
import { communitiesOf, pickCommunity } from "../domain/communities/community-list.server";
import { notFound } from "../domain/errors";
import type { Db } from "../infra/db.server";
import { requestMemo } from "./request-scope.server";
import { requireUser } from "./session.server";

export type { CommunitySummary };

/** The community a person last chose to work in (the header's switcher). */
export const communityCookie = createCookie("yishi_community", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The slug the person last chose in the header's switcher, if any (whether they still belong there is checked by the domain). */
export async function chosenCommunitySlug(request: Request): Promise<string | null> {
  const chosen: unknown = await communityCookie.parse(request.headers.get("Cookie"));
  return typeof chosen === "string" ? chosen : null;
}

/** The communities the signed-in person works in, read once per request (the frame and the page both need them). */
export function viewerCommunities(request: Request, db: Db, user: CurrentUser): Promise<CommunitySummary[]> {
  return requestMemo(request, `communities:${user.id}`, () => communitiesOf(db, user));
}

/** The community the person last chose (cookie), if they still belong to it, else their first one. */
export async function currentCommunity(request: Request, available: CommunitySummary[]): Promise<CommunitySummary | null> {
  return pickCommunity(available, await chosenCommunitySlug(request));
}

/** The signed-in person and the community they are working in (404 when they belong to none). */
export async function requireMemberCommunity(request: Request, db: Db): Promise<{ user: CurrentUser; community: CommunitySummary }> {
  const user = await requireUser(request);
  const community = await currentCommunity(request, await viewerCommunities(request, db, user));
  if (!community) throw notFound();
  return { user, community };
}
