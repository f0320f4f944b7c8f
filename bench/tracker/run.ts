/**
 * Tracker benchmark: 100,000 issues (with action items, progress updates and timelines) in a fresh SQLite
 * database, then the production server's response times for the public list page (filtered by status and
 * category, page 50) and for issue pages.
 *
 *   npm run build            (or YISHI_BUILD_DIR=<dir> npx remix vite:build)
 *   npx tsx bench/tracker/run.ts [--issues 100000] [--requests 300] [--concurrency 20] [--page-cache off]
 *
 * First requests are sent one at a time from this process on the same machine, so each time is the
 * server's own work (routing, queries, rendering) plus a loopback round trip; then the same requests with
 * `--concurrency` of them in flight at once, as readers arrive. The public-page cache (ADR 0018) is off by
 * default: this bench measures the queries and the render at 100,000 issues, which every cache miss pays.
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDemoDatabase } from "../lib/demo-database";
import { generateIssues, seededRandom } from "../lib/issue-generator";
import { freePort } from "../lib/system";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1]);
const ISSUES = Number(args.get("issues") ?? 100_000);
const REQUESTS = Number(args.get("requests") ?? 300);
const CONCURRENCY = Number(args.get("concurrency") ?? 20);
const PAGE_CACHE = args.get("page-cache") === "on" ? "on" : "off";
const root = path.resolve(import.meta.dirname, "../..");
const buildDir = process.env.YISHI_BUILD_DIR ?? "build";
const outDir = path.join(root, "bench/out/tracker");
const file = path.join(outDir, "tracker.db");

const COMMUNITY = "songmuchang";
// A fixed seed makes runs comparable (the generator has its own, from the same default).
const random = seededRandom(20261122);

async function main() {
  if (!fs.existsSync(path.join(root, buildDir, "server/index.js"))) {
    console.error(`No production build in ${buildDir}/: run "npm run build" (or set YISHI_BUILD_DIR) first.`);
    process.exit(1);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const { url, seconds } = await createDemoDatabase(file);
  console.log(`migrated and seeded the demo in ${seconds.toFixed(1)} s`);

  const started = performance.now();
  const counts = generateIssues(file, ISSUES, { communitySlug: COMMUNITY });
  console.log(
    `generated ${counts.issues.toLocaleString()} issues, ${counts.events.toLocaleString()} timeline events, ${counts.actionItems.toLocaleString()} action items, ${counts.updates.toLocaleString()} progress updates in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: "bench-secret-bench-secret-0123",
      UPLOAD_DIR: path.join(outDir, "uploads"),
      PAGE_CACHE,
      BACKGROUND_JOBS: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base);
    const sqlite = new Database(file, { readonly: true });
    const community = sqlite.prepare("SELECT id FROM Community WHERE slug = ?").get(COMMUNITY) as { id: string };
    const categories = (sqlite.prepare("SELECT key FROM IssueCategory WHERE communityId = ?").all(community.id) as { key: string }[]).map(
      (c) => c.key,
    );
    const maxNumber = (sqlite.prepare("SELECT MAX(number) AS n FROM Issue WHERE communityId = ?").get(community.id) as { n: number }).n;
    sqlite.close();

    const listUrls = categories.flatMap((category) =>
      ["open", "resolved", "in_progress"].map((status) => `/c/${COMMUNITY}/issues?status=${status}&category=${category}&page=50`),
    );
    const issueUrls = Array.from({ length: REQUESTS }, () => `/c/${COMMUNITY}/issues/${1 + Math.floor(random() * maxNumber)}`);

    // Warm up: the first requests compile queries and fill caches.
    for (let i = 0; i < 30; i++) {
      await timed(base + listUrls[i % listUrls.length]);
      await timed(base + issueUrls[i % issueUrls.length]);
    }
    const list: number[] = [];
    const issue: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      list.push(await timed(base + listUrls[i % listUrls.length]));
      issue.push(await timed(base + issueUrls[i]));
    }
    console.log(
      `\nserver: production build, SQLite (WAL), ${ISSUES.toLocaleString()} issues in one community, page cache ${PAGE_CACHE}; ${REQUESTS} requests each`,
    );
    console.log("sequential");
    report("public list (status + category, page 50)", list);
    report("issue page (random issue)", issue);

    // The same requests again, CONCURRENCY in flight at once: each worker takes the next request when it has its answer.
    const jobs = issueUrls.flatMap((url, i) => [
      { kind: "list" as const, url: listUrls[i % listUrls.length] },
      { kind: "issue" as const, url },
    ]);
    const concurrent = { list: [] as number[], issue: [] as number[] };
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          concurrent[job.kind].push(await timed(base + job.url));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`concurrency ${CONCURRENCY}: ${(jobs.length / seconds).toFixed(0)} requests/s over both pages`);
    report("public list (status + category, page 50)", concurrent.list);
    report("issue page (random issue)", concurrent.issue);
  } finally {
    server.kill("SIGTERM");
  }
}

async function timed(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers: { "Accept-Language": "zh-CN" } });
  const body = await response.text();
  const ms = performance.now() - start;
  if (response.status !== 200 || body.length < 1000) throw new Error(`${url} answered ${response.status}`);
  return ms;
}

function report(name: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `${name.padEnd(42)} p50 ${at(50).toFixed(1)} ms   p95 ${at(95).toFixed(1)} ms   p99 ${at(99).toFixed(1)} ms   mean ${mean.toFixed(1)} ms`,
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
