/**
 * Unsent text kept in the browser (the raise-an-issue draft, the minutes backup) belongs to one person.
 * On a phone shared by a grid worker and residents, keys carry the person's id (from `data-person` on
 * <html>), and signing out removes every such draft, including those written before keys were per person.
 */
const PERSONAL_PREFIXES = ["yishi:issue-draft:", "yishi:minutes-backup:"];

/** The signed-in person's id as the page was rendered for them; "signed-out" when nobody is. */
export function devicePerson(): string {
  if (typeof document === "undefined") return "signed-out";
  return document.documentElement.dataset.person || "signed-out";
}

export function clearPersonalDrafts(storage: Storage | undefined = typeof window === "undefined" ? undefined : window.localStorage): void {
  if (!storage) return;
  try {
    const doomed: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key && PERSONAL_PREFIXES.some((prefix) => key.startsWith(prefix))) doomed.push(key);
    }
    for (const key of doomed) storage.removeItem(key);
  } catch {
    // Storage disabled (private mode): nothing was kept.
  }
}
