import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** A person's notifications, newest first, with the data their message is built from. */
export async function listNotifications(db: Db, userId: string, page = 1) {
  const [rows, unread, total] = await Promise.all([
    db.notification.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
      select: { id: true, type: true, data: true, link: true, readAt: true, createdAt: true },
    }),
    db.notification.count({ where: { userId, readAt: null } }),
    db.notification.count({ where: { userId } }),
  ]);
  return {
    unread,
    pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)),
    notifications: rows.map((row) => ({ ...row, data: parseData(row.data) })),
  };
}

function parseData(text: string): Record<string, string | number> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, string | number>) : {};
  } catch {
    return {};
  }
}

/** Only the owner's rows are touched: the id alone is not enough to read someone else's. */
export async function markRead(db: Db, userId: string, notificationId: string, at: Date): Promise<string | null> {
  const row = await db.notification.findFirst({ where: { id: notificationId, userId }, select: { link: true, readAt: true } });
  if (!row) return null;
  if (!row.readAt) await db.notification.updateMany({ where: { id: notificationId, userId, readAt: null }, data: { readAt: at } });
  return row.link ?? "/notifications";
}

export async function markAllRead(db: Db, userId: string, at: Date): Promise<void> {
  await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: at } });
}

/**
 * The notification centre's buttons: "open" marks one read and returns where it points (null when
 * it is not this person's); "mark all read" returns null, staying on the list.
 */
export async function markNotificationsRead(
  db: Db,
  clock: Clock,
  userId: string,
  command: { intent: "read"; id: string } | { intent: "read_all" },
): Promise<string | null> {
  if (command.intent === "read_all") {
    await markAllRead(db, userId, clock.now());
    return null;
  }
  return markRead(db, userId, command.id, clock.now());
}
