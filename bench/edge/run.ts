/**
 * The edge under a flood of oversized anonymous bodies: how fast /healthz and the sign-in page still answer
 * while `--attackers` clients each stream `--mib` MiB chunked bodies to /join in a loop, compared with the same
 * server idle (the baseline, in the same run), and how much the server's memory moved. Also the cost of the
 * edge itself: a small form post to /join (through the origin check, the body counter and pino) against
 * GET /healthz (logging off for that path) on the same server. Loopback only; bounded in count and time.
 *
 *   npm run build && npx tsx bench/edge/run.ts [--attackers 8] [--mib 100] [--seconds 10] [--requests 300]
 */
import { parseArgs } from "node:util";
import { freshSqlite } from "../../tests/helpers/databases";
import { startServer } from "../../tests/helpers/server";

const { values } = parseArgs({
  options: {
    attackers: { type: "string", default: "8" },
    mib: { type: "string", default: "100" },
    seconds: { type: "string", default: "10" },
    requests: { type: "string", default: "300" },
  },
});
const attackers = Number(values.attackers);
const mib = Number(values.mib);
const floodMs = Math.min(Number(values.seconds), 60) * 1000;
const requests = Math.min(Number(values.requests), 5_000);

const database = await freshSqlite();
const server = await startServer(database.url, { LOG_LEVEL: "warn", BACKGROUND_JOBS: "off" });

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(
    text
      .split("\n")
      .find((l) => l.startsWith(`${name} `))
      ?.split(" ")[1],
  );
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `requests` requests, 4 at a time; returns sorted latencies in ms. */
async function time(make: () => Promise<Response>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next++ < requests) {
        const t0 = performance.now();
        const response = await make();
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const health = () => fetch(`${server.url}/healthz`);
const loginPage = () => fetch(`${server.url}/login`);
const smallJoin = () =>
  fetch(`${server.url}/join`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "code=NOPE42" });

function oversized(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024).fill(65);
  let sent = 0;
  return new ReadableStream({
    start: (c) => c.enqueue(new TextEncoder().encode("code=")),
    pull: (c) => (sent++ < mib ? c.enqueue(chunk) : c.close()),
  });
}

let refused = 0;
let otherAnswers = 0;
let failures = 0;
async function attacker(until: number) {
  while (Date.now() < until) {
    try {
      const response = await fetch(`${server.url}/join`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: oversized(),
        duplex: "half",
      } as RequestInit);
      await response.arrayBuffer();
      if (response.status === 413) refused++;
      else otherAnswers++;
    } catch {
      failures++;
    }
  }
}

try {
  await time(health); // warm up
  const rssIdle = await metric("process_resident_memory_bytes");
  const idleHealth = await time(health);
  const idleLogin = await time(loginPage);
  const idleJoin = await time(smallJoin);

  const until = Date.now() + floodMs;
  const flood = Promise.all(Array.from({ length: attackers }, () => attacker(until)));
  let rssPeak = 0;
  const sampling = (async () => {
    while (Date.now() < until) {
      rssPeak = Math.max(rssPeak, await metric("process_resident_memory_bytes"));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  const floodHealth = await time(health);
  const floodLogin = await time(loginPage);
  await Promise.all([flood, sampling]);
  const rssAfter = await metric("process_resident_memory_bytes");
  const alive = (await health()).ok;

  const fmt = (l: number[]) => `p50 ${percentile(l, 50).toFixed(1)} ms, p95 ${percentile(l, 95).toFixed(1)} ms`;
  const ratio = (a: number[], b: number[]) => (percentile(a, 95) / percentile(b, 95)).toFixed(2);
  const MB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `edge bench: ${attackers} attackers × ${mib} MiB chunked bodies for ${floodMs / 1000} s, ${requests} timed requests per figure`,
  );
  console.log(`GET /healthz      idle ${fmt(idleHealth)} | flood ${fmt(floodHealth)} | p95 ratio ${ratio(floodHealth, idleHealth)}`);
  console.log(`GET /login        idle ${fmt(idleLogin)} | flood ${fmt(floodLogin)} | p95 ratio ${ratio(floodLogin, idleLogin)}`);
  console.log(
    `POST /join small  idle ${fmt(idleJoin)} (edge + Remix action) vs GET /healthz baseline: p95 ratio ${ratio(idleJoin, idleHealth)}`,
  );
  console.log(`oversized posts: ${refused} answered 413, ${otherAnswers} other answers, ${failures} connection errors`);
  console.log(`server RSS: idle ${MB(rssIdle)}, peak during flood ${MB(rssPeak)}, after ${MB(rssAfter)}; still healthy: ${alive}`);
} finally {
  await server.stop();
  await database.drop();
}
