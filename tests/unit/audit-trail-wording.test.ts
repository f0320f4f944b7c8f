import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { describeAuditAction } from "../../app/components/audit/describe";
import { describeDevice } from "../../app/domain/accounts/devices";
import { TRANSITIONS } from "../../app/domain/issues/state-machine";
import { resources } from "../../app/i18n/resources";

const DOMAIN = path.resolve(import.meta.dirname, "../../app/domain");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every audit code the domain writes as a literal, plus the issue transitions (written as `issue.${transition}`). */
function auditCodes(): string[] {
  const codes = new Set<string>(Object.keys(TRANSITIONS).map((transition) => `issue.${transition}`));
  for (const file of sourceFiles(DOMAIN)) {
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/action: (?:[^,\n]*\? )?"([a-z_-]+\.[a-z_-]+)"(?: : "([a-z_-]+\.[a-z_-]+)")?/g))
      for (const code of [match[1], match[2]]) if (code) codes.add(code);
    for (const match of source.matchAll(/log\("([a-z_-]+\.[a-z_-]+)"/g)) codes.add(match[1]!);
  }
  return [...codes].sort();
}

async function translatorIn(language: "zh-CN" | "en") {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: language, resources, defaultNS: "common", interpolation: { escapeValue: false } });
  return i18n.getFixedT(language);
}

describe("the audit trail reads as sentences", () => {
  it("has a sentence in both languages for every code the domain writes", () => {
    const codes = auditCodes();
    expect(codes.length).toBeGreaterThan(50);
    for (const language of ["zh-CN", "en"] as const) {
      const sentences = (resources[language].admin.audit.action as Record<string, string>) ?? {};
      expect(
        codes.filter((code) => !(code in sentences)),
        language,
      ).toEqual([]);
    }
  });

  it("names the role given in the reader's language, and falls back to the family sentence for an unknown code", async () => {
    const zh = await translatorIn("zh-CN");
    const en = await translatorIn("en");
    expect(describeAuditAction(zh, { action: "person.role_granted", data: { role: "grid_worker" } })).toBe("授予角色“网格员”");
    expect(describeAuditAction(en, { action: "person.role_taken", data: { role: "resident_rep" } })).toBe(
      "took the role “Resident representative”",
    );
    expect(describeAuditAction(en, { action: "meeting.something_new", data: {} })).toBe("changed a meeting");
    expect(describeAuditAction(zh, { action: "parcel.sent", data: {} })).toBe("修改了一条记录");
  });
});

describe("devices on the account page", () => {
  it("names the browser and system a person recognises", () => {
    expect(
      describeDevice(
        "Mozilla/5.0 (Linux; Android 12; V2111A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0 Mobile Safari/537.36 MicroMessenger/8.0.40",
      ),
    ).toEqual({ browser: "wechat", system: "android" });
    expect(
      describeDevice(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({
      browser: "safari",
      system: "ios",
    });
    expect(
      describeDevice(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0",
      ),
    ).toEqual({
      browser: "edge",
      system: "windows",
    });
    expect(describeDevice(null)).toBeNull();
  });
});
