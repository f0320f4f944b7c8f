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
  /** Acknowledgement clock: due from the level when escalated; stopped when the department reports for duty. */
  acknowledgeDueAt?: Date | null;
  acknowledgedAt?: Date | null;
  /** First-action clock: due from the level at triage; stopped by the first claim or progress update. */
  firstActionDueAt?: Date | null;
  firstActionAt?: Date | null;
}

const AWAITING_TRIAGE = ["submitted", "reopened"];
const SETTLED = ["resolved", "closed", "rejected", "merged"];
/** Statuses in which an issue waits for work rather than for a decision elsewhere (first action counts). */
const AWAITING_ACKNOWLEDGEMENT = "escalated";

/** The deadline a triage move starts for the first action, or null for moves that end the issue. */
export function firstActionDueAfterTriage(
  issue: { levelUnit: string | null; levelFirstAction: number | null },
  move: string,
  triagedAt: Date,
  closures: ReadonlySet<string>,
): Date | null {
  if (issue.levelFirstAction === null || !["accept", "escalate", "put_on_agenda"].includes(move)) return null;
  const unit = issue.levelUnit === "hours" ? "hours" : issue.levelUnit === "working_days" ? "working_days" : null;
  return unit ? deadlineAfter(triagedAt, issue.levelFirstAction, unit, closures) : null;
}

/** The acknowledgement deadline an escalation at `escalatedAt` gets from the level recorded on the issue. */
export function acknowledgeDueAfterEscalation(
  issue: { levelUnit: string | null; levelAcknowledge: number | null },
  escalatedAt: Date,
  closures: ReadonlySet<string>,
): Date | null {
  const unit = issue.levelUnit === "hours" ? "hours" : issue.levelUnit === "working_days" ? "working_days" : null;
  if (!unit || issue.levelAcknowledge === null) return null;
  return deadlineAfter(escalatedAt, issue.levelAcknowledge, unit, closures);
}

export type ClockStep = LevelStep;

/** The steps whose clock runs now, soonest deadline first (several can run at once: acknowledge and resolve). */
function runningSteps(issue: ClockFacts): { step: ClockStep; dueAt: Date }[] {
  if (SETTLED.includes(issue.status)) return [];
  if (AWAITING_TRIAGE.includes(issue.status) && !issue.triagedAt && issue.triageDueAt)
    return [{ step: "triage", dueAt: issue.triageDueAt }];
  const steps: { step: ClockStep; dueAt: Date }[] = [];
  if (issue.status === AWAITING_ACKNOWLEDGEMENT && issue.acknowledgeDueAt && !issue.acknowledgedAt)
    steps.push({ step: "acknowledge", dueAt: issue.acknowledgeDueAt });
  if (issue.firstActionDueAt && !issue.firstActionAt && issue.status !== "awaiting_acceptance")
    steps.push({ step: "firstAction", dueAt: issue.firstActionDueAt });
  if (issue.resolutionDueAt) steps.push({ step: "resolution", dueAt: issue.resolutionDueAt });
  return steps;
}

/**
 * The clock an issue shows: time left to respond while it waits for triage; then, of the steps still running
 * (department to acknowledge, first action, resolution), the one due soonest; nothing once settled or for
 * issues raised before service levels existed.
 */
export function issueClock(issue: ClockFacts, now: Date, closures: ReadonlySet<string> = new Set()) {
  const unit = issue.levelUnit === "hours" ? "hours" : issue.levelUnit === "working_days" ? "working_days" : null;
  if (!unit) return null;
  const steps = runningSteps(issue).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const next = steps[0];
  if (!next) return null;
  return { step: next.step, dueAt: next.dueAt, ...timeLeft(now, next.dueAt, unit, closures) };
}

/** Which running steps are past their deadline. */
export function lateSteps(issue: ClockFacts, now: Date): ClockStep[] {
  return runningSteps(issue)
    .filter((s) => s.dueAt.getTime() < now.getTime())
    .map((s) => s.step);
}

export function isLevelOverdue(issue: ClockFacts, now: Date): boolean {
  return lateSteps(issue, now).length > 0;
}
