import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "../domain/accounts/sign-in.server";
import { getDb } from "../utils/db.server";
import { destroySessionCookie, readSessionId } from "../utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request);
  if (sessionId) await signOut(getDb(), sessionId);
  return redirect("/", { headers: { "Set-Cookie": await destroySessionCookie() } });
}

export async function loader() {
  return redirect("/");
}
