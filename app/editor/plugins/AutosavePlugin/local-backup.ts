import { devicePerson } from "../../../web/device-drafts";

/**
 * A copy of the unsaved text in the browser's own storage, so a crash, a closed tab or a lost connection
 * costs at most the keystrokes of the last moment. Keyed per person and minutes row; holds the revision it was
 * based on. Signing out removes it (app/web/device-drafts.ts).
 */
export interface LocalBackup {
  baseRevision: number;
  content: string;
  savedAt: number;
}

// Per person as well as per minutes row: a shared phone never offers one person's text to another.
const key = (minutesId: string) => `yishi:minutes-backup:${devicePerson()}:${minutesId}`;

export function readBackup(minutesId: string): LocalBackup | null {
  try {
    const raw = window.localStorage.getItem(key(minutesId));
    if (!raw) return null;
    const value = JSON.parse(raw) as LocalBackup;
    return typeof value.content === "string" && typeof value.baseRevision === "number" ? value : null;
  } catch {
    return null;
  }
}

export function writeBackup(minutesId: string, backup: LocalBackup): void {
  try {
    window.localStorage.setItem(key(minutesId), JSON.stringify(backup));
  } catch {
    // Storage full or disabled (private mode): autosave to the server still runs.
  }
}

export function clearBackup(minutesId: string): void {
  try {
    window.localStorage.removeItem(key(minutesId));
  } catch {
    // Nothing to clear.
  }
}
