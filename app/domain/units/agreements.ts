import { DAY } from "../../infra/clock";
import { chinaDateString, UTC_OFFSET } from "../../infra/time";

/** An agreement "ends soon" from this many days before its last day (and its reminder goes out then). */
export const ENDING_SOON_DAYS = 30;
export const MAX_COMMITMENTS = 20;
export const MAX_COMMITMENT_LENGTH = 200;

export type AgreementStatus = "active" | "ending_soon" | "ended";

/** A date picked in a form ("2027-01-05") stored as the start of that day in China. */
export function agreementDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00${UTC_OFFSET}`);
}

/** Whole calendar days (in China) from `now` to the agreement's last day; negative once it has passed. */
export function daysUntilEnd(endsOn: Date, now: Date): number {
  const today = Date.parse(`${chinaDateString(now)}T00:00:00Z`);
  const last = Date.parse(`${chinaDateString(endsOn)}T00:00:00Z`);
  return Math.round((last - today) / DAY);
}

/** Active, ending soon (its last day within 30 days, today included), or ended (its last day has passed). */
export function agreementStatus(endsOn: Date, now: Date): AgreementStatus {
  const days = daysUntilEnd(endsOn, now);
  if (days < 0) return "ended";
  return days <= ENDING_SOON_DAYS ? "ending_soon" : "active";
}

/** The reminder goes out once, while the agreement is ending soon. */
export function dueForReminder(agreement: { endsOn: Date; remindedAt: Date | null }, now: Date): boolean {
  return agreement.remindedAt === null && agreementStatus(agreement.endsOn, now) === "ending_soon";
}

/** Commitments typed one per line: blank lines dropped, each trimmed. */
export function commitmentLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A translation key for what is wrong with the commitments, or null. */
export function commitmentsProblem(lines: string[]): string | null {
  if (lines.length === 0) return "units:agreements.errors.no_commitments";
  if (lines.length > MAX_COMMITMENTS) return "units:agreements.errors.too_many_commitments";
  if (lines.some((line) => line.length > MAX_COMMITMENT_LENGTH)) return "units:agreements.errors.commitment_too_long";
  return null;
}

/** A term ends on or after the day it starts (ISO dates compare as text). */
export function termProblem(startsOn: string, endsOn: string): string | null {
  return endsOn < startsOn ? "units:agreements.errors.ends_before_start" : null;
}
