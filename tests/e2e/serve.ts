/**
 * The server the browser tests talk to: the production build on a brand-new, empty SQLite database (migrated,
 * no demo data). Each spec builds the world it needs in the same file (tests/e2e/world.ts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migrateDeploy } from "../../scripts/migrate";
import { serverNodeArgs } from "../../scripts/server-entry";
import { E2E_SESSION_SECRET } from "./e2e-env";

const port = process.env.E2E_PORT ?? "3210";
const dir = path.resolve(`data/e2e-${port}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const databaseUrl = `file:${path.join(dir, "yishi.db")}`;

await migrateDeploy(databaseUrl);

const child = spawn(process.execPath, serverNodeArgs(process.cwd()), {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: port,
    HOST: "127.0.0.1",
    SESSION_SECRET: E2E_SESSION_SECRET,
    UPLOAD_DIR: path.join(dir, "uploads"),
    // Only refusals and errors: a line per request would bury Playwright's own output.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
