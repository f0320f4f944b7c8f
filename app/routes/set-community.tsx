import { redirect } from "@remix-run/node";
import { ownCommunityNamed } from "../domain/communities/community-list.server";
import { SetCommunitySchema } from "../schemas/account";
import { communityCookie } from "../web/community.server";
import { defineAction, parseForm } from "../web/route.server";
import { safeRedirect } from "../web/safe-redirect";
import { requireUser } from "../web/session.server";

/** The header's community switcher: only a community the person works in is remembered; anything else is ignored. */
export const action = defineAction(async ({ request, context, form }) => {
  const user = await requireUser(request);
  const { community, redirectTo } = parseForm(SetCommunitySchema, form);
  const back = safeRedirect(redirectTo);
  const chosen = community ? await ownCommunityNamed(context.db, user, community) : null;
  if (!chosen) return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": await communityCookie.serialize(chosen.slug) } });
});

export async function loader() {
  return redirect("/");
}
