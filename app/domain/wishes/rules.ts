import { DAY } from "../../infra/clock";

/** What a wish asks for: a thing (a walking stick), a repair, a visit, or something else. */
export const WISH_CATEGORIES = ["item", "repair", "visit", "other"] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];

export const WISH_STATUSES = ["submitted", "open", "claimed", "fulfilled", "confirmed", "declined"] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export type WishMove = "approve" | "decline" | "claim" | "release" | "fulfil" | "confirm";

/**
 * Every move a wish can make. Staff approve it onto the wall (or decline it); a volunteer or a unit claims
 * it, may give it back, and fulfils it with a photo; the resident (or whoever posted it for them) confirms.
 */
export const WISH_MOVES: Record<WishMove, { from: readonly WishStatus[]; to: WishStatus }> = {
  approve: { from: ["submitted"], to: "open" },
  decline: { from: ["submitted"], to: "declined" },
  claim: { from: ["open"], to: "claimed" },
  release: { from: ["claimed"], to: "open" },
  fulfil: { from: ["claimed"], to: "fulfilled" },
  confirm: { from: ["fulfilled"], to: "confirmed" },
};

export function canMoveWish(status: string, move: WishMove): boolean {
  return (WISH_MOVES[move].from as readonly string[]).includes(status);
}

/** Photos a fulfilment may carry: enough to show the thing delivered or the repair done. */
export const MAX_PHOTOS_PER_FULFILMENT = 3;

/** Statuses the public wall shows: approved wishes, from waiting to done. */
export const WALL_STATUSES: readonly WishStatus[] = ["open", "claimed", "fulfilled", "confirmed"];

/** Days an approved wish may wait for someone to claim it before staff see it flagged. */
export const WISH_UNCLAIMED_DAYS = 7;

/** True when an open wish has waited `WISH_UNCLAIMED_DAYS` since it went on the wall. */
export function isUnclaimedTooLong(wish: { status: string; reviewedAt: Date | null }, now: Date, days = WISH_UNCLAIMED_DAYS): boolean {
  return wish.status === "open" && !!wish.reviewedAt && now.getTime() - wish.reviewedAt.getTime() >= days * DAY;
}

/** Who confirms a fulfilled wish: the resident, if they have an account, and always whoever posted it for them. */
export function mayConfirmWish(userId: string, wish: { wisherId: string | null; postedById: string }): boolean {
  return userId === wish.postedById || (!!wish.wisherId && userId === wish.wisherId);
}

/**
 * The name on the wall must not be the person's full name: "张阿姨" is how neighbours speak of her,
 * "张秀英" is who she is. Refused when it equals the full name or contains it.
 */
export function revealsFullName(publicName: string, fullName: string | null | undefined): boolean {
  const a = publicName.replace(/\s+/g, "").toLowerCase();
  const b = (fullName ?? "").replace(/\s+/g, "").toLowerCase();
  if (b.length < 2) return false;
  return a.includes(b);
}

/** Only a building number goes on the wall ("3幢", "3号楼" → "3"): never the entrance or the room. */
export function buildingOnly(input: string): string | null {
  const match = /^\s*(\d{1,4})\s*(?:幢|栋|号楼|号|楼|bldg\.?|building)?\s*$/i.exec(input);
  return match ? String(Number(match[1])) : null;
}
