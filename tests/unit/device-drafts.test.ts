import { describe, expect, it } from "vitest";
import { draftStorageKey } from "../../app/components/issues/raise-draft";
import { clearPersonalDrafts } from "../../app/web/device-drafts";

/** The part of the browser's Storage the helper uses, backed by a Map. */
function memoryStorage(entries: Record<string, string>): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
  };
}

describe("drafts on a shared device", () => {
  it("keeps each person's issue draft under their own key", () => {
    expect(draftStorageKey("grid-worker")).not.toBe(draftStorageKey("resident"));
  });

  it("removes every person's drafts and minutes backups at sign-out, old unkeyed ones too, and nothing else", () => {
    const storage = memoryStorage({
      [draftStorageKey("grid-worker")]: "{}",
      "yishi:issue-draft:v1": "{}",
      "yishi:minutes-backup:grid-worker:m1": "{}",
      "yishi:minutes-backup:m2": "{}",
      "yishi:text-size": "large",
      "other-site-key": "x",
    });
    clearPersonalDrafts(storage);
    expect(Array.from({ length: storage.length }, (_, i) => storage.key(i)).sort()).toEqual(["other-site-key", "yishi:text-size"]);
  });

  it("does nothing where storage is unavailable", () => {
    expect(() => clearPersonalDrafts(undefined)).not.toThrow();
  });
});
