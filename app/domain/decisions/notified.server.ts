import type { Db } from "../../infra/db.server";

/** The dedupe keys of the notifications a decision's publication and its answers send. */
export const decisionPublishedKey = (decisionId: string) => `decision_published:decision:${decisionId}`;
export const objectionAnsweredKey = (objectionId: string) => `objection_answered:objection:${objectionId}`;

/** Who holds a notification with one of these keys (so their open tabs can be told the unread count changed). */
export async function notifiedUsers(db: Db, dedupeKeys: string[]): Promise<string[]> {
  if (dedupeKeys.length === 0) return [];
  const rows = await db.notification.findMany({ where: { dedupeKey: { in: dedupeKeys }, readAt: null }, select: { userId: true } });
  return [...new Set(rows.map((row) => row.userId))];
}
