/**
 * Child processes a bench starts never outlive it: each one handed to `ownChild` is killed (SIGKILL) when
 * the bench exits, is interrupted (Ctrl-C, SIGTERM) or fails with an uncaught error.
 */
import type { ChildProcess } from "node:child_process";

const owned = new Set<ChildProcess>();
let installed = false;

function killAll(): void {
  for (const child of owned) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  owned.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the bench and its processes`);
      killAll();
      process.exit(130);
    });
  }
  process.on("uncaughtException", (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  });
  process.on("unhandledRejection", (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  });
}

/** Registers a child to be killed with the bench; returns it. */
export function ownChild<T extends ChildProcess>(child: T): T {
  install();
  owned.add(child);
  child.once("exit", () => owned.delete(child));
  return child;
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM, then SIGKILL if the child is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
}
