/**
 * Issue text search at 100,000 issues (issue #14): the public list's text filter as it was (Prisma
 * `contains`, a LIKE '%…%' over every issue of the community) against the indexed search (SQLite FTS5
 * trigram; listIssues in app/domain/issues/queries.server.ts), with `--concurrency` searches in flight.
 *
 *   npx tsx bench/search/run.ts [--issues 100000] [--rounds 20] [--concurrency 10] [--reuse on]
 *
 * `--reuse on` keeps the database of the previous run (generating 100,000 issues takes a minute or two).
 *
 * Times are the domain call's own (count + first page + its rows), measured in this process against a fresh
 * SQLite file under bench/out/search/ seeded with the demo and bench/lib's issue generator. The generated
 * titles repeat ten subjects, so a common word matches a fifth of all issues: the worst case for an index.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb } from "../../app/infra/db.server";
import type { Db } from "../../app/infra/db.server";
import { listFilterOptions, listIssues } from "../../app/domain/issues/queries.server";
import { IssueListQuery } from "../../app/schemas/issues";
import { createDemoDatabase } from "../lib/demo-database";
import { generateIssues } from "../lib/issue-generator";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1]);
const ISSUES = Number(args.get("issues") ?? 100_000);
const ROUNDS = Number(args.get("rounds") ?? 20);
const CONCURRENCY = Number(args.get("concurrency") ?? 10);
const REUSE = args.get("reuse") === "on";
const root = path.resolve(import.meta.dirname, "../..");
const outDir = path.join(root, "bench/out/search");
const file = path.join(outDir, "search.db");
const COMMUNITY = "songmuchang";

/** What people type: a common subject (a fifth of all issues), a rarer phrase, an issue's number, two-character words, nothing. */
const QUERIES = ["下水道堵塞", "老年食堂排队久", "（43210）", "电梯", "停车", "火车站"];

async function main() {
  const url = `file:${file}`;
  if (REUSE && fs.existsSync(file)) console.log(`reusing ${path.relative(root, file)}`);
  else {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    const { seconds } = await createDemoDatabase(file);
    console.log(`migrated and seeded the demo in ${seconds.toFixed(1)} s`);
    const started = performance.now();
    const counts = generateIssues(file, ISSUES, { communitySlug: COMMUNITY });
    console.log(
      `generated ${counts.issues.toLocaleString()} issues in ${((performance.now() - started) / 1000).toFixed(1)} s (the FTS5 triggers index each insert)`,
    );
  }

  const db = createDb(url);
  try {
    const community = await db.community.findUniqueOrThrow({ where: { slug: COMMUNITY }, select: { id: true, streetId: true } });
    const options = await listFilterOptions(db, community);
    const now = new Date();
    const issues = await db.issue.count({ where: { communityId: community.id } });
    console.log(`\n${issues.toLocaleString()} issues in ${COMMUNITY}; ${ROUNDS} rounds of ${QUERIES.length} queries\n`);

    const before = (q: string) => likeSearch(db, community.id, q);
    const after = async (q: string) => (await listIssues(db, community, options, IssueListQuery.parse({ q }), now)).total;

    // Both give the same number of matches (the generator's text has no case to fold).
    for (const q of QUERIES) {
      const [old, indexed] = [await before(q), await after(q)];
      console.log(`${q.padEnd(10)} ${String(indexed).padStart(7)} matches${old === indexed ? "" : `  MISMATCH: LIKE found ${old}`}`);
    }
    // One SQLite connection answers one query at a time: with c in flight, a search waits for the others.
    for (const concurrency of [1, CONCURRENCY]) {
      for (const [name, run] of [
        ["before: LIKE '%…%'", before],
        ["after: FTS5 trigram", after],
      ] as const) {
        const times = await measure(QUERIES, run, concurrency);
        console.log(`\n${name}, c = ${concurrency}`);
        for (const q of QUERIES) report(q, times.get(q) ?? []);
        report("all queries", [...times.values()].flat());
      }
    }
  } finally {
    await db.$disconnect();
  }
}

/** What the list did before issue #14: Prisma's count and first page over `contains` (LIKE '%…%'). */
async function likeSearch(db: Db, communityId: string, q: string): Promise<number> {
  const where = { communityId, AND: [{ OR: [{ title: { contains: q } }, { description: { contains: q } }] }] };
  const [total] = await Promise.all([
    db.issue.count({ where }),
    db.issue.findMany({ where, orderBy: { number: "desc" }, take: 20, select: { id: true, number: true, title: true } }),
  ]);
  return total;
}

/** Each query ROUNDS times, `concurrency` at once: every worker takes the next one when its answer is in. */
async function measure(queries: string[], run: (q: string) => Promise<number>, concurrency: number): Promise<Map<string, number[]>> {
  for (const q of queries) await run(q); // warm up: statements prepared, pages cached
  const jobs = Array.from({ length: ROUNDS }, () => queries).flat();
  const times = new Map<string, number[]>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const q = jobs[next++];
        const started = performance.now();
        await run(q);
        const list = times.get(q) ?? [];
        list.push(performance.now() - started);
        times.set(q, list);
      }
    }),
  );
  return times;
}

function report(name: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  console.log(`  ${name.padEnd(12)} p50 ${at(50).toFixed(1).padStart(7)} ms   p95 ${at(95).toFixed(1).padStart(7)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
