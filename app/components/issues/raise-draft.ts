import { devicePerson } from "../../web/device-drafts";

/**
 * Where the "raise an issue" form keeps its draft in the browser, so a reload or lost signal loses nothing.
 * One key per person: someone else signing in on the same phone never sees it.
 */
export function draftStorageKey(person: string = devicePerson()): string {
  return `yishi:issue-draft:v2:${person}`;
}
export const DRAFT_FIELDS = ["title", "description", "categoryId", "gridId", "address", "urgency"] as const;
