import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The minutes domain and the server renderer build headless Lexical editors from the editor's node classes.
 * Loading them must not load any UI: node views are loaded lazily, only by an editor in the browser. The
 * modules are imported in a plain Node process whose module loader refuses every UI module, so a static
 * import anywhere along the way fails the import and names the module that asked for it.
 */
const root = path.resolve(__dirname, "../..");
const UI_MODULES = [
  "/app/components/",
  "/app/routes/",
  "/app/editor/plugins/",
  "/node_modules/react-dom/",
  "/node_modules/react-i18next/",
  "/node_modules/@lexical/react/",
];

const hooks = `
const UI_MODULES = ${JSON.stringify(UI_MODULES)};
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (UI_MODULES.some((part) => resolved.url.includes(part)))
    throw new Error("UI module loaded on the server side: " + resolved.url + " (imported by " + context.parentURL + ")");
  return resolved;
}
`;

const serverModules = [
  ...fs
    .readdirSync(path.join(root, "app/domain/minutes"))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(root, "app/domain/minutes", file)),
  ...fs
    .readdirSync(path.join(root, "app/domain/decisions"))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(root, "app/domain/decisions", file)),
  path.join(root, "app/editor/render.server.ts"),
  path.join(root, "app/editor/nodes/index.ts"),
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-no-ui-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the minutes on the server", () => {
  it("load their domain, node classes and renderer without loading a single UI module", async () => {
    fs.writeFileSync(path.join(dir, "refuse-ui.mjs"), hooks);
    fs.writeFileSync(
      path.join(dir, "register.mjs"),
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(path.join(dir, "refuse-ui.mjs")).href)});\n`,
    );
    const script = `for (const url of ${JSON.stringify(serverModules.map((file) => pathToFileURL(file).href))}) await import(url);`;
    const run = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--import", pathToFileURL(path.join(dir, "register.mjs")).href, "--input-type=module", "-e", script],
      { cwd: root, env: { ...process.env, NODE_ENV: "test" } },
    ).catch((error: { stderr?: string; code?: number }) => ({ stderr: error.stderr ?? String(error), code: error.code ?? 1 }));
    expect("code" in run ? run.stderr : "").toBe("");
    expect(serverModules.length).toBeGreaterThan(10);
  }, 60_000);
});
