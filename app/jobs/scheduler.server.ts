import { MINUTE } from "../infra/clock";
import type { Clock } from "../infra/clock";
import { finalizeDueDecisions } from "../domain/decisions/decisions.server";
import { runTrackerSweep } from "../domain/issues/sweep.server";
import type { Db } from "../infra/db.server";
import { flagUnclaimedWishes } from "../domain/wishes/wishes.server";

/**
 * Time-driven work: acceptance windows closing, deadline reminders, public-notice periods ending.
 * Every process runs it; each job is idempotent (check-and-set transitions, deduplicated notifications),
 * so two processes sweeping at once do no harm and no process holds state the others need.
 */
const JOBS: { name: string; run: (db: Db, clock: Clock) => Promise<unknown> }[] = [
  { name: "tracker sweep", run: runTrackerSweep },
  { name: "decision finalization", run: finalizeDueDecisions },
  { name: "unclaimed wishes", run: flagUnclaimedWishes },
];

export function startBackgroundJobs(db: Db, clock: Clock, intervalMs = MINUTE): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return; // a slow sweep is not stacked on top of itself
    running = (async () => {
      for (const job of JOBS) {
        try {
          await job.run(db, clock);
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
