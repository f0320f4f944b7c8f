import { conflict } from "../errors";

/**
 * SQLite lets only one writer in at a time. When two transactions that both read an issue try to write
 * it, the later one is refused with SQLITE_BUSY (waiting cannot help: its snapshot is stale). For the
 * person that is the same thing as losing the check-and-set: someone changed the issue meanwhile.
 */
export function isWriteContention(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
  };
  const cause = e.meta?.driverAdapterError?.cause;
  if (typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY")) return true;
  return typeof e.message === "string" && /SQLITE_BUSY|database is locked/.test(e.message);
}

export async function conflictOnContention<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isWriteContention(error)) throw conflict("issues:errors.changed_meanwhile");
    throw error;
  }
}
