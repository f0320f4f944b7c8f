import type { Db, Tx } from "../infra/db.server";

/**
 * The audit log: who did what to which record, and when. Written inside the same transaction as the change
 * it records, so a change without its audit row (or the reverse) cannot exist.
 */
export async function audit(
  db: Db | Tx,
  entry: {
    actorId: string | null;
    communityId?: string | null;
    action: string;
    entityType: string;
    entityId: string;
    data?: Record<string, unknown>;
    at?: Date;
  },
): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      communityId: entry.communityId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      data: entry.data ? JSON.stringify(entry.data) : null,
      createdAt: entry.at,
    },
  });
}
