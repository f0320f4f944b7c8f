import { getEnv } from "../infra/env.server";

/** The site's address as people reach it: PUBLIC_URL when configured (behind a proxy), else this request's. */
export function publicOrigin(request: Request): string {
  return (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, "");
}
