import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { SetCommunitySchema } from "../schemas/account";
import { communityCookie } from "../web/community.server";
import { communitiesOf } from "../domain/communities/community-list.server";
import { getDb } from "../infra/db.server";
import { parseForm } from "../web/legacy-forms";
import { requireUser, safeRedirect } from "../web/session.server";
import { readFormData } from "../web/params.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  const parsed = parseForm(SetCommunitySchema, form);
  const back = safeRedirect(form.get("redirectTo"));
  if (!parsed.ok) return redirect(back);
  const mine = await communitiesOf(getDb(), user);
  // Only a community the person works in; anything else is ignored rather than trusted.
  if (!mine.some((c) => c.slug === parsed.data.community)) return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": await communityCookie.serialize(parsed.data.community) } });
}

export async function loader() {
  return redirect("/");
}
