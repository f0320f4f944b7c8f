import { createCookie, redirect } from "@remix-run/node";
import crypto from "node:crypto";
import type { CurrentUser } from "../domain/accounts/sessions.server";
import { personOfSession } from "../domain/accounts/sessions.server";
import { systemClock } from "../infra/clock";
import { getDb } from "../infra/db.server";
import { getEnv } from "../infra/env.server";
import { requestMemo } from "./request-scope.server";
import { safeRedirect } from "./safe-redirect";

function cookieSecrets(): string[] {
  const secret = getEnv().SESSION_SECRET;
  if (secret) return [secret];
  // Development and tests without a configured secret: one per process is enough.
  const g = globalThis as unknown as { __yishiDevSecret?: string };
  g.__yishiDevSecret ??= crypto.randomBytes(24).toString("hex");
  return [g.__yishiDevSecret];
}

/**
 * `Secure` whenever the visitor reached us over HTTPS. The request URL's scheme is Express's `req.protocol`
 * (the Remix adapter builds the URL from it), which honours `X-Forwarded-Proto` only under TRUST_PROXY, so a
 * visitor cannot switch the flag off by sending that header. An https PUBLIC_URL also sets it (a TLS proxy not
 * yet trusted); SECURE_COOKIES=true/false overrides both.
 */
export function secureCookies(request?: Request): boolean {
  const env = getEnv();
  if (env.SECURE_COOKIES !== "auto") return env.SECURE_COOKIES === "true";
  if (request && new URL(request.url).protocol === "https:") return true;
  return env.PUBLIC_URL?.startsWith("https://") ?? false;
}

export function sessionCookie(request?: Request) {
  return createCookie("yishi_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(request),
    secrets: cookieSecrets(),
    maxAge: 60 * 60 * 24 * 30,
  });
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function commitSessionId(sessionId: string, request: Request): Promise<string> {
  return sessionCookie(request).serialize(sessionId);
}

export async function destroySessionCookie(request: Request): Promise<string> {
  return sessionCookie(request).serialize("", { maxAge: 0 });
}

export type { CurrentUser };

/**
 * The signed-in person with their memberships, or null. Reads the database (sessions live there) once per
 * request: the root loader and the page's loader both ask.
 */
export function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  return requestMemo(request, "user", () =>
    readSessionId(request).then((sessionId) => (sessionId ? personOfSession(getDb(), systemClock, sessionId) : null)),
  );
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) {
    throw redirect(signInUrlFor(request));
  }
  return user;
}

/**
 * The sign-in page that brings the person back here. An address too long to come back to (only generated
 * junk is) returns to the bare path instead, so the Location header stays small.
 */
export function signInUrlFor(request: Request): string {
  const url = new URL(request.url);
  const back = safeRedirect(url.pathname + url.search, "") || safeRedirect(url.pathname, "/");
  return `/login?redirectTo=${encodeURIComponent(back)}`;
}
