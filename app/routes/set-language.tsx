import { redirect } from "@remix-run/node";
import { rememberLanguage } from "../domain/accounts/preferences.server";
import { languageCookie } from "../i18n/i18next.server";
import { SetLanguageSchema } from "../schemas/account";
import { defineAction, parseForm } from "../web/route.server";
import { safeRedirect } from "../web/safe-redirect";
import { getCurrentUser } from "../web/session.server";

/** Remembers the language in a cookie and, for a signed-in person, on their account (for notifications). */
export const action = defineAction(async ({ request, context, form }) => {
  const { language, redirectTo } = parseForm(SetLanguageSchema, form);
  const back = safeRedirect(redirectTo);
  if (!language) return redirect(back);
  const user = await getCurrentUser(request);
  if (user) await rememberLanguage(context.db, user.id, language);
  return redirect(back, { headers: { "Set-Cookie": await languageCookie.serialize(language) } });
});

export async function loader() {
  return redirect("/");
}
