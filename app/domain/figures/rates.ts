/**
 * The figures a street office checks a community by (接诉即办's three rates and the rest), as pure functions
 * over counts the database groups (figures.server.ts). Each definition, for the issues raised in the period
 * and scope (community, grid, category, month), merged duplicates left out:
 *
 * - **Response rate (响应率)** = issues answered at triage (accepted, escalated, sent to the council, resolved
 *   directly or rejected) / issues raised. **Median response time** = the middle of the hours from raising to
 *   that first answer, over the answered issues.
 * - **Resolution rate (解决率)** = issues resolved or closed / issues raised that were not rejected (a rejected
 *   issue is answered but not the community's to fix). **Median time to resolve** = the middle of the days from
 *   raising to resolving, over the resolved issues.
 * - **Satisfaction rate (满意率)** = acceptance ratings of 3 ("basically satisfied") or more / all ratings given
 *   (1–5, one per resident per round); **average rating** = their mean.
 * - **Reopen rate** = issues reopened at least once / issues that reached residents' acceptance (asked,
 *   resolved after asking, closed or reopened).
 * - **Overdue** = open issues past a deadline now: a service-level step (triage, department acknowledgement,
 *   first action, resolution), the escalation date staff set, or an action item's due date.
 * - **Funnel**: raised → accepted (answered and not rejected) → resolved → satisfied (resolved with an average
 *   rating of 3 or more).
 * - **Units, on-time rate** = action items done by their due date / action items done or past due.
 * - **Meetings**: meetings held (ended), turnout = participants checked in / participants invited, decisions
 *   made (final), carried out = final decisions with action items, all of them done.
 *
 * A rate with nothing to divide by is null ("no data"), never 0 %: a new community is not a failing one.
 */
export interface IssueCounts {
  raised: number;
  responded: number;
  rejected: number;
  accepted: number;
  resolved: number;
  satisfiedIssues: number;
  askedAcceptance: number;
  reopened: number;
  overdue: number;
  ratings: number;
  satisfiedRatings: number;
  ratingSum: number;
}

export const ZERO_COUNTS: IssueCounts = {
  raised: 0,
  responded: 0,
  rejected: 0,
  accepted: 0,
  resolved: 0,
  satisfiedIssues: 0,
  askedAcceptance: 0,
  reopened: 0,
  overdue: 0,
  ratings: 0,
  satisfiedRatings: 0,
  ratingSum: 0,
};

export function addCounts(a: IssueCounts, b: Partial<IssueCounts>): IssueCounts {
  const sum = { ...a };
  for (const key of Object.keys(ZERO_COUNTS) as (keyof IssueCounts)[]) sum[key] += b[key] ?? 0;
  return sum;
}

/** Sums grouped rows into one count per key (community, grid, category, month…). */
export function rollUp<R extends Partial<IssueCounts>>(rows: readonly R[], keyOf: (row: R) => string): Map<string, IssueCounts> {
  const out = new Map<string, IssueCounts>();
  for (const row of rows) {
    const key = keyOf(row);
    out.set(key, addCounts(out.get(key) ?? ZERO_COUNTS, row));
  }
  return out;
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface Rates {
  raised: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  averageRating: number | null;
  reopenRate: number | null;
  overdue: number;
  ratings: number;
}

export function ratesOf(counts: IssueCounts): Rates {
  return {
    raised: counts.raised,
    responseRate: ratio(counts.responded, counts.raised),
    resolutionRate: ratio(counts.resolved, counts.raised - counts.rejected),
    satisfactionRate: ratio(counts.satisfiedRatings, counts.ratings),
    averageRating: ratio(counts.ratingSum, counts.ratings),
    reopenRate: ratio(counts.reopened, counts.askedAcceptance),
    overdue: counts.overdue,
    ratings: counts.ratings,
  };
}

export function funnelOf(counts: IssueCounts): { step: "raised" | "accepted" | "resolved" | "satisfied"; count: number }[] {
  return [
    { step: "raised", count: counts.raised },
    { step: "accepted", count: counts.accepted },
    { step: "resolved", count: counts.resolved },
    { step: "satisfied", count: counts.satisfiedIssues },
  ];
}

/** The median of values sorted ascending: the middle one, or the mean of the middle two; null when empty. */
export function medianOfSorted(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const mid = Math.floor((values.length - 1) / 2);
  return values.length % 2 === 1 ? values[mid] : (values[mid] + values[mid + 1]) / 2;
}

export interface UnitCounts {
  items: number;
  done: number;
  doneOnTime: number;
  overdue: number;
}

/** Of the action items that are done or already past due, the share done by their due date. */
export function onTimeRate(counts: UnitCounts): number | null {
  return ratio(counts.doneOnTime, counts.done + counts.overdue);
}

export interface MeetingCounts {
  held: number;
  invited: number;
  checkedIn: number;
  decisions: number;
  carriedOut: number;
}

export function turnoutOf(counts: MeetingCounts): number | null {
  return ratio(counts.checkedIn, counts.invited);
}

export type SortKey = "name" | "raised" | "responseRate" | "resolutionRate" | "satisfactionRate" | "reopenRate" | "overdue";
export const SORT_KEYS: readonly SortKey[] = [
  "name",
  "raised",
  "responseRate",
  "resolutionRate",
  "satisfactionRate",
  "reopenRate",
  "overdue",
];

/** Sorts table rows by a figure; rows without data go last whichever the direction. */
export function sortRows<R extends { name: string; rates: Rates }>(rows: readonly R[], key: SortKey, descending: boolean): R[] {
  const value = (row: R): number | string | null => (key === "name" ? row.name : row.rates[key]);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return a.name.localeCompare(b.name);
    if (va === null) return 1;
    if (vb === null) return -1;
    const order = typeof va === "string" ? va.localeCompare(vb as string) : va - (vb as number);
    return (descending ? -order : order) || a.name.localeCompare(b.name);
  });
}
