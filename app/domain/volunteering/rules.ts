import { MINUTE } from "../../infra/clock";
import { UTC_OFFSET } from "../../infra/time";

/** 双报到: who registers where they live. */
export const REGISTRATION_KINDS = ["party_member", "unit_employee", "resident"] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

/** 志愿岗位 kinds, from the community's usual duty roster. */
export const POST_KINDS = ["publicity", "sanitation", "patrol", "elderly_visit", "other"] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const DUTY_STATUSES = ["claimed", "signed_in", "signed_out", "confirmed", "rejected", "withdrawn"] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];
export type DutyMove = "sign_in" | "sign_out" | "confirm" | "reject" | "withdraw";

/**
 * A duty's life: claimed → signed in (at the place, by QR, or by staff) → signed out → hours confirmed by
 * staff (or rejected, e.g. the person never came). Withdrawing frees the slot before the duty starts.
 */
export const DUTY_MOVES: Record<DutyMove, { from: readonly DutyStatus[]; to: DutyStatus }> = {
  sign_in: { from: ["claimed"], to: "signed_in" },
  sign_out: { from: ["signed_in"], to: "signed_out" },
  confirm: { from: ["signed_out"], to: "confirmed" },
  reject: { from: ["claimed", "signed_in", "signed_out"], to: "rejected" },
  withdraw: { from: ["claimed"], to: "withdrawn" },
};

export function canMoveDuty(status: string, move: DutyMove): boolean {
  return (DUTY_MOVES[move].from as readonly string[]).includes(status);
}

/** A volunteer may sign themselves in from an hour before the post starts until it ends. */
export const SIGN_IN_EARLY_MINUTES = 60;

export function isSignInOpen(post: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  return now.getTime() >= post.startsAt.getTime() - SIGN_IN_EARLY_MINUTES * MINUTE && now <= post.endsAt;
}

/** Duties that hold one of a post's slots. */
export const SLOT_HOLDING: readonly DutyStatus[] = ["claimed", "signed_in", "signed_out", "confirmed"];

/** No single duty counts for more than this: a forgotten sign-out must not become a 40-hour shift. */
export const MAX_DUTY_MINUTES = 12 * 60;

/**
 * The minutes a duty proposes for confirmation: from signing in to signing out, rounded down to whole
 * quarter hours (how community offices record service time), capped at MAX_DUTY_MINUTES.
 */
export function dutyMinutes(signedInAt: Date, signedOutAt: Date): number {
  const raw = Math.max(0, Math.floor((signedOutAt.getTime() - signedInAt.getTime()) / MINUTE));
  return Math.min(MAX_DUTY_MINUTES, Math.floor(raw / 15) * 15);
}

/** Confirmed minutes as hours to one decimal place (2.25 h → 2.3). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

export interface ConfirmedDuty {
  userId: string;
  unitId: string | null;
  postId: string;
  minutes: number;
}

export interface HourTotals {
  byPerson: Map<string, number>;
  byUnit: Map<string, number>;
  byPost: Map<string, number>;
  total: number;
}

/** Confirmed minutes summed per person, per unit (of those who came for a unit) and per post. */
export function totalMinutes(duties: readonly ConfirmedDuty[]): HourTotals {
  const totals: HourTotals = { byPerson: new Map(), byUnit: new Map(), byPost: new Map(), total: 0 };
  const add = (map: Map<string, number>, key: string, minutes: number) => map.set(key, (map.get(key) ?? 0) + minutes);
  for (const duty of duties) {
    if (!Number.isFinite(duty.minutes) || duty.minutes <= 0) continue;
    add(totals.byPerson, duty.userId, duty.minutes);
    if (duty.unitId) add(totals.byUnit, duty.unitId, duty.minutes);
    add(totals.byPost, duty.postId, duty.minutes);
    totals.total += duty.minutes;
  }
  return totals;
}

/**
 * A certificate year as instants: 1 January 00:00 to the next 1 January 00:00, China time. A duty at 00:30
 * on 1 January in Beijing is still 31 December in UTC, and must count for the new year.
 */
export function chinaYearRange(year: number): { from: Date; to: Date } {
  return { from: new Date(`${year}-01-01T00:00:00${UTC_OFFSET}`), to: new Date(`${year + 1}-01-01T00:00:00${UTC_OFFSET}`) };
}

/** The China calendar year an instant falls in. */
export function chinaYearOf(at: Date): number {
  return new Date(at.getTime() + 8 * 60 * MINUTE).getUTCFullYear();
}

/** Hours count in the year the duty was served (signed in), not the year staff got round to confirming it. */
export function dutyYear(duty: { signedInAt: Date | null; createdAt: Date }): number {
  return chinaYearOf(duty.signedInAt ?? duty.createdAt);
}
