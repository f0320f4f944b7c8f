import { createHash, randomBytes } from "node:crypto";

/**
 * Open311 API keys (issue #14). A key is 32 random bytes, shown once to the staff member who creates it;
 * only its sha256 is stored, so a leaked database does not leak working keys.
 */
export const KEY_PREFIX = "o311_";

export function newApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** How often one key and one address may file, per minute. */
export const POSTS_PER_MINUTE_PER_KEY = 30;
export const POSTS_PER_MINUTE_PER_ADDRESS = 60;

/**
 * An Open311 request has no title: the first line of the description, cut to the tracker's title length
 * (80 characters, RaiseIssueSchema), stands in for one.
 */
export const TITLE_MAX = 80;
export function titleFromDescription(description: string): string {
  const firstLine = description.trim().split(/\r?\n/, 1)[0].trim();
  const chars = [...firstLine];
  return chars.length <= TITLE_MAX ? firstLine : chars.slice(0, TITLE_MAX - 1).join("") + "…";
}

/** Where the request says it is: the address as given, else the coordinates, for the (staff-only) address. */
export function placeOf(address: string | undefined, lat: number | undefined, long: number | undefined): string | null {
  if (address) return address;
  if (lat !== undefined && long !== undefined) return `${lat.toFixed(6)}, ${long.toFixed(6)}`;
  return null;
}
