import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "../../app/i18n/config";
import { namespacesFor } from "../../app/i18n/route-namespaces";
import { namespacesUsedBy } from "../helpers/route-namespaces";

const APP = path.resolve(__dirname, "../../app");
const routeFiles = fs.readdirSync(path.join(APP, "routes")).map((f) => path.join(APP, "routes", f));

function declaredBy(file: string): string[] | null {
  // `i18n` first; other fields of the handle (e.g. ownPrintLayout) may follow.
  const match = /export const handle = \{ i18n: \[([^\]]*)\][^}]*\}/.exec(fs.readFileSync(file, "utf8"));
  return match ? [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : null;
}

describe("each page fetches the translation namespaces it uses, and no more", () => {
  const rootDeclared = declaredBy(path.join(APP, "root.tsx")) ?? [];

  it("the frame (root) declares what the header and the connection banner use", () => {
    const used = namespacesUsedBy(path.join(APP, "root.tsx"), NAMESPACES);
    expect(rootDeclared).toEqual(expect.arrayContaining([...used]));
  });

  for (const file of routeFiles) {
    const declared = declaredBy(file);
    if (!declared) continue;
    it(`${path.basename(file)} declares every namespace its components use`, () => {
      const used = [...namespacesUsedBy(file, NAMESPACES)].filter((ns) => !rootDeclared.includes(ns));
      expect(declared).toEqual(expect.arrayContaining(used));
    });
  }

  it("a page that declares nothing gets every namespace; the root's and the page's otherwise", () => {
    expect(namespacesFor({ root: { handle: { i18n: ["common"] } }, "routes/x": {} }).sort()).toEqual([...NAMESPACES].sort());
    expect(namespacesFor({ root: { handle: { i18n: ["common"] } }, "routes/x": { handle: { i18n: ["issues"] } } }).sort()).toEqual([
      "common",
      "issues",
    ]);
  });
});
