import { createCookie } from "@remix-run/node";
import crypto from "node:crypto";
import type { Db } from "../../app/infra/db.server";

/**
 * Signs someone in without the sign-in page: a session row, and the cookie the server would have set for it
 * (`yishi_session`, signed with the server's SESSION_SECRET; see app/web/session.server.ts). For tests where
 * signing in is not what is being tested.
 */
export async function createSession(db: Db, userId: string, secret: string): Promise<{ name: string; value: string; header: string }> {
  const id = crypto.randomBytes(32).toString("base64url");
  await db.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 24 * 3600_000) } });
  const header = (await createCookie("yishi_session", { path: "/", secrets: [secret] }).serialize(id)).split(";")[0];
  const [name, ...value] = header.split("=");
  return { name, value: value.join("="), header };
}
