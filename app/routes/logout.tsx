import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { signOut } from "../domain/accounts/sign-in.server";
import { endSessionSockets } from "../realtime/end-session-sockets.server";
import { clearPersonalDrafts } from "../web/device-drafts";
import { defineLoader } from "../web/route.server";
import { destroySessionCookie, getCurrentUser, readSessionId } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common"] };

export const meta: MetaFunction = () => [{ title: "已退出 Signed out · 议事 Yishi" }];

// A plain action rather than defineAction: signing out reads no form, so a bare POST (a script, a form
// with no fields) signs out too, whatever its body.
export async function action({ request, context }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    await signOut(context.db, sessionId);
    endSessionSockets(context.io, sessionId, "errors.realtime.signed_out");
  }
  // The signed-out page removes this person's drafts from the device before the next person signs in.
  return redirect("/logout", { headers: { "Set-Cookie": await destroySessionCookie(request) } });
}

export const loader = defineLoader(async ({ request }) => {
  // Signing out takes a POST (a link or image elsewhere must not sign anyone out); still signed in: go home.
  if (await getCurrentUser(request)) throw redirect("/");
  return null;
});

export default function SignedOutPage() {
  const { t } = useTranslation();
  useEffect(() => {
    clearPersonalDrafts();
  }, []);
  return (
    <div className="mx-auto max-w-md">
      <h1>{t("logout.title")}</h1>
      <p className="mt-2 text-ink-muted">{t("logout.drafts_removed")}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link to="/login" className="btn-primary">
          {t("logout.sign_in_again")}
        </Link>
        <Link to="/" className="btn-secondary">
          {t("logout.front_page")}
        </Link>
      </div>
    </div>
  );
}
