import { DAY } from "../../infra/clock";
import { satisfactionRate } from "../issues/acceptance";

/** An action item as the scorecard sees it. */
export interface ScoredItem {
  createdAt: Date;
  dueAt: Date;
  claimedAt: Date | null;
  doneAt: Date | null;
  status: string;
}

export interface Scorecard {
  /** Items finished by their deadline, of those finished or already past it; null before any counts. */
  onTimeRate: number | null;
  /** Median days from an item being assigned to the unit claiming it / finishing it. */
  medianDaysToClaim: number | null;
  medianDaysToFinish: number | null;
  satisfactionRate: number | null;
  answers: number;
  itemsOpen: number;
  itemsDone: number;
  projectsCompleted: number;
  projectsActive: number;
  /** Joint meetings (联席会议) held since the unit had a seat, those it attended, and the rate; null before any. */
  jointMeetingsHeld: number;
  jointMeetingsAttended: number;
  jointMeetingAttendanceRate: number | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Days, to one decimal: "1.5 days" reads better than hours for work that takes weeks. */
const days = (from: Date, to: Date) => Math.round(((to.getTime() - from.getTime()) / DAY) * 10) / 10;

/**
 * A unit's record in one place. An open item counts against the on-time rate only once its deadline has
 * passed: a unit is not late for work that is not yet due.
 */
export function scorecard(
  items: ScoredItem[],
  now: Date,
  rating: { satisfied: number; answers: number },
  projects: { status: string }[],
  jointMeetings: { held: number; attended: number } = { held: 0, attended: 0 },
): Scorecard {
  const done = items.filter((item) => item.status === "done" && item.doneAt);
  const onTime = done.filter((item) => item.doneAt! <= item.dueAt).length;
  const lateOpen = items.filter((item) => item.status !== "done" && item.dueAt < now).length;
  const judged = done.length + lateOpen;
  return {
    onTimeRate: judged === 0 ? null : onTime / judged,
    medianDaysToClaim: median(items.filter((item) => item.claimedAt).map((item) => days(item.createdAt, item.claimedAt!))),
    medianDaysToFinish: median(done.map((item) => days(item.createdAt, item.doneAt!))),
    satisfactionRate: satisfactionRate(rating.satisfied, rating.answers),
    answers: rating.answers,
    itemsOpen: items.length - items.filter((item) => item.status === "done").length,
    itemsDone: items.filter((item) => item.status === "done").length,
    projectsCompleted: projects.filter((project) => project.status === "completed").length,
    projectsActive: projects.filter((project) => project.status === "active").length,
    jointMeetingsHeld: jointMeetings.held,
    jointMeetingsAttended: jointMeetings.attended,
    jointMeetingAttendanceRate: jointMeetings.held === 0 ? null : jointMeetings.attended / jointMeetings.held,
  };
}
