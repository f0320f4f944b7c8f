import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { languageCookie } from "../i18n/i18next.server";
import { SetLanguageSchema } from "../schemas/account";
import { getDb } from "../infra/db.server";
import { parseForm } from "../web/legacy-forms";
import { readFormData } from "../web/params.server";
import { safeRedirect } from "../web/safe-redirect";
import { getCurrentUser } from "../web/session.server";

/** Remembers the language in a cookie and, for a signed-in person, on their account (for notifications). */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm(SetLanguageSchema, form);
  const back = safeRedirect(form.get("redirectTo"));
  if (!parsed.ok) return redirect(back);
  const user = await getCurrentUser(request);
  if (user) await getDb().user.update({ where: { id: user.id }, data: { locale: parsed.data.language } });
  return redirect(back, { headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.language) } });
}

export async function loader() {
  return redirect("/");
}
