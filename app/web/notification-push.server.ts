import type { AppLoadContext } from "@remix-run/node";
import { unreadCount } from "../domain/notifications/notify.server";
import { rooms } from "../realtime/protocol";

/** After a commit: tell each notified person's open tabs their unread count changed. */
export async function pushNotificationCounts(context: AppLoadContext, userIds: readonly string[]): Promise<void> {
  const io = context.io;
  if (!io || userIds.length === 0) return;
  await Promise.all(
    [...new Set(userIds)].map(async (userId) =>
      io.to(rooms.user(userId)).emit("notifications:changed", { unread: await unreadCount(context.db, userId) }),
    ),
  );
}

/** After a commit: staff looking at the triage list see the change without reloading. */
export function pushTriageChanged(context: AppLoadContext, communityId: string, staffIds: readonly string[]): void {
  const io = context.io;
  if (!io) return;
  for (const userId of new Set(staffIds)) io.to(rooms.user(userId)).emit("triage:changed", { communityId });
}
