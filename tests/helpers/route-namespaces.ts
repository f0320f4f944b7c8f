import fs from "node:fs";
import path from "node:path";

/**
 * Which translation namespaces a route's page can use, read from its source and every module it imports
 * from app/ (components, hooks): `useTranslation("ns")`, `useTranslation(["a", "b"])`, `useTranslation()`
 * (the default, common) and `"ns:key"` literals. Browsers load only the namespaces a page declares in
 * `handle.i18n` (entry.client.tsx), so a declaration must cover all of these.
 */
const APP = path.resolve(__dirname, "../../app");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("~/") ? path.join(APP, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return null;
}

/** Server-only modules never reach the browser: their strings are translated on the server. */
const serverOnly = (file: string) => /\.server\.tsx?$/.test(file) || file.includes(`${path.sep}domain${path.sep}`);

export function namespacesUsedBy(routeFile: string, known: readonly string[]): Set<string> {
  const used = new Set<string>();
  const seen = new Set<string>();
  const queue = [routeFile];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/useTranslation\(([^)]*)\)/g)) {
      const inside = match[1].trim();
      if (!inside) used.add("common");
      for (const ns of inside.matchAll(/"([a-zA-Z-]+)"/g)) used.add(ns[1]);
    }
    for (const ns of known) if (new RegExp(`["'\`]${ns}:[a-zA-Z_]`).test(source)) used.add(ns);
    for (const match of source.matchAll(/(?:^|\n)\s*import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/g)) {
      const spec = match[1];
      if (!spec.startsWith(".") && !spec.startsWith("~/")) continue;
      const target = resolveImport(file, spec);
      if (target && target.startsWith(APP) && !serverOnly(target) && /\.tsx?$/.test(target)) queue.push(target);
    }
  }
  return used;
}
