import { describe, expect, it } from "vitest";
import { resources } from "../../app/i18n/resources";

type Tree = { [key: string]: string | Tree };

// i18next plural forms (_one, _other…) are one key: Chinese needs a single form, English two.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function keysOf(tree: Tree, prefix = ""): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [name, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (typeof value === "string") keys.set(path.replace(PLURAL_SUFFIX, ""), value);
    else for (const [k, v] of keysOf(value, path)) keys.set(k, v);
  }
  return keys;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

describe("translations", () => {
  // Namespaces become the first path segment, so "issues:triage.accept" is compared as "issues.triage.accept".
  const zh = keysOf(resources["zh-CN"] as unknown as Tree);
  const english = keysOf(resources.en as unknown as Tree);

  it("every Chinese key exists in English", () => {
    expect([...zh.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it("every English key exists in Chinese", () => {
    expect([...english.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it("both languages use the same {{placeholders}} for each key", () => {
    const mismatched = [...zh.entries()]
      .filter(([key, text]) => english.has(key) && placeholders(text).join() !== placeholders(english.get(key) ?? "").join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("no value is empty, and Chinese values are not left in English", () => {
    expect([...zh.entries()].filter(([, text]) => text.trim() === "").map(([k]) => k)).toEqual([]);
    expect([...english.entries()].filter(([, text]) => text.trim() === "").map(([k]) => k)).toEqual([]);
    // Every Chinese string must contain Chinese: an English sentence left in zh-CN is a missed translation.
    const untranslated = [...zh.entries()].filter(([, text]) => !/[\u4e00-\u9fff]/.test(text));
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });
});
