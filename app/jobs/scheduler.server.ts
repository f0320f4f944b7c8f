import { MINUTE } from "../infra/clock";
import type { Clock } from "../infra/clock";
import { finalizeDueDecisions } from "../domain/decisions/decisions.server";
import { runTrackerSweep } from "../domain/issues/sweep.server";
import type { Db } from "../infra/db.server";
import { flagUnclaimedWishes } from "../domain/wishes/wishes.server";
import { runJointMeetingSweep } from "../domain/joint-meetings/series.server";
import { runAgreementReminderSweep } from "../domain/units/agreements.server";

/**
 * Time-driven work: acceptance windows closing, deadline reminders, public-notice periods ending.
 * Every process runs it; each job is idempotent (check-and-set transitions, deduplicated notifications),
 * so two processes sweeping at once do no harm and no process holds state the others need.
 */
const JOBS: { name: string; run: (db: Db, clock: Clock) => Promise<{ notified: readonly string[] }> }[] = [
  { name: "tracker sweep", run: async (db, clock) => ({ notified: (await runTrackerSweep(db, clock)).reminded }) },
  // Finalising writes no notification of its own (the transition does not notify).
  { name: "decision finalization", run: async (db, clock) => (await finalizeDueDecisions(db, clock), { notified: [] }) },
  { name: "unclaimed wishes", run: (db, clock) => flagUnclaimedWishes(db, clock) },
  // Joint meetings: keep each series' next occurrences scheduled and carry unresolved items forward.
  { name: "joint-meeting series", run: (db, clock) => runJointMeetingSweep(db, clock) },
  // Cooperation agreements: remind staff and the unit once, 30 days before an agreement ends.
  { name: "agreement reminders", run: (db, clock) => runAgreementReminderSweep(db, clock) },
];

export interface JobOptions {
  intervalMs?: number;
  /**
   * After a job committed notifications: the people whose open tabs should update their unread count. The
   * caller sends it through the socket adapter, so it reaches the tabs on whichever process holds them.
   */
  notified?: (userIds: readonly string[]) => Promise<void> | void;
}

export function startBackgroundJobs(db: Db, clock: Clock, { intervalMs = MINUTE, notified }: JobOptions = {}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return; // a slow sweep is not stacked on top of itself
    running = (async () => {
      for (const job of JOBS) {
        try {
          const outcome = await job.run(db, clock);
          if (notified && outcome.notified.length > 0) await notified(outcome.notified);
        } catch (error) {
          console.error(`[jobs] ${job.name} failed`, error);
        }
      }
    })().finally(() => {
      running = null;
    });
  };
  const first = setTimeout(tick, 2_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
