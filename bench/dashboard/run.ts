/**
 * Street dashboard benchmark: 100,000 issues spread over the demo street's communities in a fresh SQLite
 * database, then the production server's response times for the street admin's /street page (every figure
 * counted in SQL for twelve months, four ECharts charts drawn as SVG, the page rendered), one request at a
 * time and then `--concurrency` at once. Target: p95 ≤ 100 ms.
 *
 *   npm run build
 *   npx tsx bench/dashboard/run.ts [--issues 100000] [--requests 200] [--concurrency 10]
 *
 * The shared issue generator (bench/lib/issue-generator.ts) predates the figures' kept columns, so after it
 * runs this bench fills them as the app would have: the China month raised, and for every issue past
 * "submitted" a first answer 1–72 hours after raising (triagedAt, responseHours).
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb } from "../../app/infra/db.server";
import { createSession } from "../../tests/helpers/sessions";
import { createDemoDatabase } from "../lib/demo-database";
import { generateIssues } from "../lib/issue-generator";
import { freePort } from "../lib/system";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1]);
const ISSUES = Number(args.get("issues") ?? 100_000);
const REQUESTS = Number(args.get("requests") ?? 200);
const CONCURRENCY = Number(args.get("concurrency") ?? 10);
const root = path.resolve(import.meta.dirname, "../..");
const buildDir = process.env.YISHI_BUILD_DIR ?? "build";
const outDir = path.join(root, "bench/out/dashboard");
const file = path.join(outDir, "dashboard.db");
const SECRET = "bench-secret-bench-secret-0123";

async function main() {
  if (!fs.existsSync(path.join(root, buildDir, "server/index.js"))) {
    console.error(`No production build in ${buildDir}/: run "npm run build" (or set YISHI_BUILD_DIR) first.`);
    process.exit(1);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const { url, seconds } = await createDemoDatabase(file);
  console.log(`migrated and seeded the demo in ${seconds.toFixed(1)} s`);

  const sqlite = new Database(file);
  const admin = sqlite.prepare("SELECT id, streetAdminOfId FROM User WHERE streetAdminOfId IS NOT NULL ORDER BY rowid LIMIT 1").get() as {
    id: string;
    streetAdminOfId: string;
  };
  // The communities the generator can fill: with grids, categories, staff and residents to raise issues.
  const communities = sqlite
    .prepare(
      `SELECT c.slug FROM Community c WHERE c.streetId = ?
         AND EXISTS (SELECT 1 FROM Grid g WHERE g.communityId = c.id)
         AND EXISTS (SELECT 1 FROM IssueCategory k WHERE k.communityId = c.id)
         AND EXISTS (SELECT 1 FROM Membership m WHERE m.communityId = c.id AND m.role IN ('resident', 'grid_worker'))
         AND EXISTS (SELECT 1 FROM Membership m WHERE m.communityId = c.id AND m.role = 'community_staff')
       ORDER BY c.rowid`,
    )
    .all(admin.streetAdminOfId) as { slug: string }[];
  sqlite.close();

  const started = performance.now();
  let generated = 0;
  for (const [i, community] of communities.entries()) {
    const share = Math.floor(ISSUES / communities.length) + (i < ISSUES % communities.length ? 1 : 0);
    generated += generateIssues(file, share, { communitySlug: community.slug, seed: 20261207 + i }).issues;
  }
  const fill = new Database(file);
  fill.exec(`UPDATE Issue SET raisedMonth = strftime('%Y-%m', createdAt, '+8 hours') WHERE raisedMonth IS NULL`);
  fill.exec(`UPDATE Issue SET responseHours = 1 + (abs(random()) % 7200) / 100.0 WHERE status <> 'submitted' AND responseHours IS NULL`);
  fill.exec(
    `UPDATE Issue SET triagedAt = strftime('%Y-%m-%dT%H:%M:%fZ', julianday(createdAt) + responseHours / 24.0) WHERE responseHours IS NOT NULL AND triagedAt IS NULL`,
  );
  fill.exec("ANALYZE");
  fill.close();
  console.log(
    `generated ${generated.toLocaleString()} issues over ${communities.length} communities in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const db = createDb(url);
  const cookie = (await createSession(db, admin.id, SECRET)).header;
  await db.$disconnect();

  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: SECRET,
      UPLOAD_DIR: path.join(outDir, "uploads"),
      BACKGROUND_JOBS: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base);
    const page = `${base}/street`;
    const sorted = `${base}/street?sort=responseRate&dir=desc`;
    for (let i = 0; i < 10; i++) await timed(i % 2 ? sorted : page, cookie);
    const sequential: number[] = [];
    for (let i = 0; i < REQUESTS; i++) sequential.push(await timed(i % 2 ? sorted : page, cookie));
    console.log(
      `\nserver: production build, SQLite (WAL), ${generated.toLocaleString()} issues in ${communities.length} communities; /street over 12 months`,
    );
    report("street dashboard, sequential", sequential);

    const concurrent: number[] = [];
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          concurrent.push(await timed(i % 2 ? sorted : page, cookie));
        }
      }),
    );
    const secondsTaken = (performance.now() - began) / 1000;
    console.log(`concurrency ${CONCURRENCY}: ${(REQUESTS / secondsTaken).toFixed(1)} pages/s`);
    report(`street dashboard, concurrency ${CONCURRENCY}`, concurrent);
  } finally {
    server.kill("SIGTERM");
  }
}

async function timed(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers: { "Accept-Language": "zh-CN", Cookie: cookie } });
  const body = await response.text();
  const ms = performance.now() - start;
  if (response.status !== 200 || !body.includes("<svg")) throw new Error(`${url} answered ${response.status}`);
  return ms;
}

function report(name: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `${name.padEnd(40)} p50 ${at(50).toFixed(1)} ms   p95 ${at(95).toFixed(1)} ms   p99 ${at(99).toFixed(1)} ms   mean ${mean.toFixed(1)} ms`,
  );
}

async function waitHealthy(base: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
