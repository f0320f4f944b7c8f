import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { sendRefusal } from "./refusal.server";

/**
 * Who may send a state-changing request: pages of this site only. Browsers say where a request comes
 * from in `Origin` and `Sec-Fetch-Site`; SameSite=Lax cookies do not stop a page on the same host but
 * another port (same *site*), so both headers are checked against this site's *origin*. Requests with
 * neither header come from programs, not browsers, and carry no ambient credentials to abuse.
 */
export type OriginVerdict = { allowed: true } | { allowed: false; reason: "foreign_origin" | "cross_site_fetch" };

export interface OriginPolicy {
  /** The configured public origin (PUBLIC_URL); without it the request's own Host is this site. */
  publicOrigin: string | null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function originMatches(origin: string, headers: IncomingHttpHeaders, policy: OriginPolicy): boolean {
  if (origin === "null") return false;
  if (policy.publicOrigin) return origin === policy.publicOrigin;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // Without a configured address the Host header names this site; the browser sets it, a page cannot.
  const host = header(headers, "host");
  return Boolean(host) && parsed.host === host?.toLowerCase();
}

export function checkOrigin(headers: IncomingHttpHeaders, policy: OriginPolicy): OriginVerdict {
  const site = header(headers, "sec-fetch-site");
  // "same-site" is exactly the other-port attack; "none" is a person typing the address or a bookmark.
  if (site && site !== "same-origin" && site !== "none") return { allowed: false, reason: "cross_site_fetch" };
  const origin = header(headers, "origin");
  if (origin !== undefined && !originMatches(origin, headers, policy)) return { allowed: false, reason: "foreign_origin" };
  return { allowed: true };
}

export function publicOriginOf(publicUrl: string | undefined): string | null {
  return publicUrl ? new URL(publicUrl).origin : null;
}

/** Express middleware before Remix: one CSRF defence for page actions and resource routes alike. */
export function refuseCrossSiteWrites(policy: OriginPolicy, options: { exempt?: readonly string[] } = {}) {
  const exempt = new Set(options.exempt ?? []);
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || exempt.has(req.path)) return next();
    const verdict = checkOrigin(req.headers, policy);
    if (verdict.allowed) return next();
    req.log?.warn(
      { reason: verdict.reason, origin: req.headers.origin, fetchSite: req.headers["sec-fetch-site"] },
      "cross-site write refused",
    );
    sendRefusal(req, res, "cross_site").catch(next);
  };
}

/**
 * socket.io's `allowRequest`: the handshake (polling or websocket upgrade) of a page on another origin is
 * refused, so a foreign page cannot act with the visitor's cookie. Checked for every method, as the
 * handshake is a GET.
 */
export function allowSameOriginHandshake(policy: OriginPolicy) {
  return (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
    const verdict = checkOrigin(req.headers, policy);
    callback(verdict.allowed ? null : "errors.realtime.foreign_origin", verdict.allowed);
  };
}
