/** draft → review → signed → published. An edit after sign-off sends the minutes back to review. */
export const MINUTES_STATUSES = ["draft", "review", "signed", "published"] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** How long an editor's claim on the minutes lasts without a save or a heartbeat. */
export const EDIT_LOCK_MS = 2 * 60_000;

/** Saves by the same person closer together than this extend one history entry instead of adding one. */
export const VERSION_COALESCE_MS = 5 * 60_000;

export function isEditable(status: string): boolean {
  return status !== "published";
}

/** Version notes are stored as tokens and translated when shown. */
export type VersionNote =
  | "autosave"
  | "draft-from-meeting"
  | "refreshed-blocks"
  | "completed-blocks"
  | "sent-for-review"
  | "signed"
  | "published"
  | "correction"
  | `restored:${number}`;
