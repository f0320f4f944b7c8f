import type { AppLoadContext } from "@remix-run/node";
import { unreadCount } from "../domain/notifications/notify.server";
import type { Db } from "../infra/db.server";
import { rooms } from "../realtime/protocol";
import type { YishiServer } from "../realtime/socket-server.server";

/** After a commit: tell each notified person's open tabs their unread count changed. */
export async function pushNotificationCounts(context: AppLoadContext, userIds: readonly string[]): Promise<void> {
  if (context.io) await pushUnreadCounts(context.io, context.db, userIds);
}

/**
 * The same for code without a request (background jobs). The person's room is reached through the socket
 * adapter, so their tabs hear it on whichever process holds them.
 */
export async function pushUnreadCounts(io: YishiServer, db: Db, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await Promise.all(
    [...new Set(userIds)].map(async (userId) =>
      io.to(rooms.user(userId)).emit("notifications:changed", { unread: await unreadCount(db, userId) }),
    ),
  );
}

/** After a commit: staff looking at the triage list see the change without reloading. */
export function pushTriageChanged(context: AppLoadContext, communityId: string, staffIds: readonly string[]): void {
  const io = context.io;
  if (!io) return;
  for (const userId of new Set(staffIds)) io.to(rooms.user(userId)).emit("triage:changed", { communityId });
}
