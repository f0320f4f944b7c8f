import type { LevelUnit } from "./working-days";
import { deadlineAfter, timeLeft } from "./working-days";

/** The four steps a service level times, in the order an issue meets them. */
export const LEVEL_STEPS = ["triage", "acknowledge", "firstAction", "resolution"] as const;
export type LevelStep = (typeof LEVEL_STEPS)[number];

export interface Levels {
  unit: LevelUnit;
  triage: number;
  acknowledge: number;
  firstAction: number;
  resolution: number;
}

/**
 * What applies to a category nobody has set yet, after common 12345 practice: answered within one working
 * day, a department reports for duty within two, work starts within three, fixed within fifteen.
 */
export const DEFAULT_LEVELS: Levels = { unit: "working_days", triage: 1, acknowledge: 2, firstAction: 3, resolution: 15 };

/** The columns an issue records when it is raised: its levels and the deadlines they give. */
export function levelsAtRaise(levels: Levels, raisedAt: Date, closures: ReadonlySet<string>) {
  return {
    levelUnit: levels.unit,
    levelTriage: levels.triage,
    levelAcknowledge: levels.acknowledge,
    levelFirstAction: levels.firstAction,
    levelResolution: levels.resolution,
    triageDueAt: deadlineAfter(raisedAt, levels.triage, levels.unit, closures),
    resolutionDueAt: deadlineAfter(raisedAt, levels.resolution, levels.unit, closures),
  };
}

export interface ClockFacts {
  status: string;
  levelUnit: string | null;
  triageDueAt: Date | null;
  triagedAt: Date | null;
  resolutionDueAt: Date | null;
}

const AWAITING_TRIAGE = ["submitted", "reopened"];
const SETTLED = ["resolved", "closed", "rejected", "merged"];

/**
 * The clock an issue shows: time left to respond while it waits for triage, then time left to resolve while
 * it is open; nothing once settled or for issues raised before service levels existed.
 */
export function issueClock(issue: ClockFacts, now: Date, closures: ReadonlySet<string> = new Set()) {
  const unit = issue.levelUnit === "hours" ? "hours" : issue.levelUnit === "working_days" ? "working_days" : null;
  if (!unit || SETTLED.includes(issue.status)) return null;
  if (AWAITING_TRIAGE.includes(issue.status) && !issue.triagedAt && issue.triageDueAt)
    return { step: "triage" as const, dueAt: issue.triageDueAt, ...timeLeft(now, issue.triageDueAt, unit, closures) };
  if (issue.resolutionDueAt)
    return { step: "resolution" as const, dueAt: issue.resolutionDueAt, ...timeLeft(now, issue.resolutionDueAt, unit, closures) };
  return null;
}

export function isLevelOverdue(issue: ClockFacts, now: Date): boolean {
  if (SETTLED.includes(issue.status)) return false;
  if (AWAITING_TRIAGE.includes(issue.status) && !issue.triagedAt && issue.triageDueAt && issue.triageDueAt.getTime() < now.getTime())
    return true;
  return !!issue.resolutionDueAt && issue.resolutionDueAt.getTime() < now.getTime();
}
