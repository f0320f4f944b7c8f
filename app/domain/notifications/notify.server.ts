import type { Db, Tx } from "../../infra/db.server";

/**
 * Notification types. Each has translation keys `issues:notifications.types.<type>` or
 * `figures:notifications.types.<type>` (title, with the values
 * in `data`) in both languages.
 */
export const NOTIFICATION_TYPES = [
  "assigned_to_unit",
  "escalated_to_department",
  "deadline_today",
  "deadline_tomorrow",
  "overdue",
  "progress_posted",
  "acceptance_requested",
  "issue_status_changed",
  "meeting_invitation",
  "decision_published",
  "objection_answered",
  "unit_match_requested",
  "unit_match_offered",
  "unit_match_accepted",
  "unit_match_declined",
  "issue_raised",
  // Volunteering and wishes (volunteering:notifications.types.<type>).
  "volunteer_registered",
  "volunteer_registration_confirmed",
  "volunteer_registration_declined",
  "volunteer_hours_to_confirm",
  "volunteer_hours_confirmed",
  "wish_submitted",
  "wish_approved",
  "wish_declined",
  "wish_claimed",
  "wish_released",
  "wish_fulfilled",
  "wish_confirmed",
  "wish_unclaimed",
  // Self-registration (issue #12): translated under `enrol:notifications.types.<type>`.
  "registration_waiting",
  "registration_approved",
  "registration_declined",
  // Assisted participation (issue #12): translated under `common:notifications.types.<type>`.
  "assisted_issue_raised",
  "assisted_acceptance_given",
  "assisted_objection_filed",
  // Joint meetings (issue #13): translated under `units:notifications.types.<type>`.
  "joint_meeting_invitation",
  // Cooperation agreements (issue #13): translated under `units:notifications.types.<type>`.
  "agreement_ending",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NewNotification {
  type: NotificationType;
  /** One event, one notification per person: e.g. `overdue:actionItem:<id>`. Repeats are ignored. */
  dedupeKey: string;
  data: Record<string, string | number>;
  link?: string;
}

/**
 * Notifies each person once per event. Returns the ids of people who got something new, so the caller can
 * push `notifications:changed` to their socket rooms after the transaction commits.
 */
export async function notify(db: Db | Tx, userIds: Iterable<string>, notification: NewNotification, at?: Date): Promise<string[]> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return [];
  const existing = await db.notification.findMany({
    where: { dedupeKey: notification.dedupeKey, userId: { in: recipients } },
    select: { userId: true },
  });
  const already = new Set(existing.map((row) => row.userId));
  const fresh = recipients.filter((id) => !already.has(id));
  if (fresh.length === 0) return [];
  // The unique (userId, dedupeKey) index settles races between processes; a loser's insert is skipped.
  for (const userId of fresh) {
    await db.notification
      .create({
        data: {
          userId,
          type: notification.type,
          dedupeKey: notification.dedupeKey,
          data: JSON.stringify(notification.data),
          link: notification.link ?? null,
          createdAt: at,
        },
      })
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
  }
  return fresh;
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}
