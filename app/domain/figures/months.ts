import { chinaDateString } from "../../infra/time";

/** The China month (yyyy-mm) an instant falls in: the month the figures count an issue under. */
export function chinaMonthOf(at: Date): string {
  return chinaDateString(at).slice(0, 7);
}

/** The `count` China months ending with the month of `now`, oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const [year, month] = chinaMonthOf(now).split("-").map(Number);
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}
