import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { createCommunity, createUser } from "../helpers/fixtures";
import type { LiveWorld } from "../helpers/live-meeting";
import { connect, createLiveWorld, idempotencyKey, request } from "../helpers/live-meeting";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

/**
 * The HTTP edge of a real production server: what it refuses before the app sees a request (oversized
 * bodies, writes from other origins, foreign socket handshakes), where it sends people after sign-in,
 * and what it tells operators (/metrics, CSP reports, logs).
 */
const MiB = 1024 * 1024;
const FORM = "application/x-www-form-urlencoded";

let database: TestDatabase;
let server: RunningServer;
let world: LiveWorld;
let account: { username: string; password: string };

beforeAll(async () => {
  database = await freshSqlite();
  server = await startServer(database.url, { LOG_LEVEL: "warn" });
  // The page build loads on the first page request (server.ts); memory figures below are about bodies, not code.
  await fetch(`${server.url}/login`).then((r) => r.text());
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});
// Each test has people of its own: a member of staff with a password, and a live meeting with its host and voters.
beforeEach(async () => {
  const { community } = await createCommunity(database.db);
  account = await createUser(database.db, { communityId: community.id, role: "community_staff" });
  world = await createLiveWorld(database.db, { voters: 2 });
});

/** A body of `mebibytes` MiB sent chunked (no Content-Length), as a script or a slow phone would. */
function chunkedBody(prefix: string, mebibytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MiB).fill(65);
  let sent = 0;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(prefix));
    },
    pull(controller) {
      if (sent++ < mebibytes) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return Number(line?.split(" ").pop());
}

describe("oversized bodies", () => {
  it("refuses a 100 MiB chunked join code with a translated 413 and stays up with bounded memory", async () => {
    const before = await metric("process_resident_memory_bytes");
    const response = await fetch(`${server.url}/join`, {
      method: "POST",
      headers: { "Content-Type": FORM, Accept: "text/html", "Accept-Language": "zh-CN" },
      body: chunkedBody("code=", 100),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    const page = await response.text();
    expect(page).toContain("提交的内容超过了 256 KB 的上限");
    expect(page.length).toBeLessThan(5_000);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const after = await metric("process_resident_memory_bytes");
    expect(after - before).toBeLessThan(40 * MiB);
  });

  it("refuses a declared oversized body before reading it, in JSON for scripts", async () => {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": FORM, Accept: "application/json", "Accept-Language": "en" },
      body: `username=${"a".repeat(300 * 1024)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, reason: "edge.too_large", error: expect.stringContaining("256 KB") });
  });

  it("never echoes an overlong join code back into the page", async () => {
    const response = await fetch(`${server.url}/join`, {
      method: "POST",
      headers: { "Content-Type": FORM },
      body: `code=${"X".repeat(100_000)}`,
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).not.toContain("X".repeat(100));
    expect(page).toContain("会议码");
  });

  it("lets the photo forms carry more than a text form may", async () => {
    const response = await fetch(`${server.url}/issues/new`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: chunkedBody("--x\r\n", 20),
      duplex: "half",
    } as RequestInit);
    expect(response.status).not.toBe(413);
  });
});

describe("writes from other origins", () => {
  const foreign = "http://127.0.0.1:8999";

  it("refuses a sign-in form posted from a page on another port, with a translated page and no cookie", async () => {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": FORM, Origin: foreign, Accept: "text/html", "Accept-Language": "en" },
      body: new URLSearchParams({ username: account.username, password: account.password }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("yishi_session="))).toBe(false);
    expect(await response.text()).toContain("came from another website");
  });

  it("refuses a same-site request the browser marks as not same-origin, even without Origin", async () => {
    const response = await fetch(`${server.url}/set-language`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": FORM, "Sec-Fetch-Site": "same-site" },
      body: new URLSearchParams({ language: "en", redirectTo: "/" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it("keeps the victim signed in when another page posts to the sign-out resource route", async () => {
    const cookie = world.host.cookie;
    const forged = await fetch(`${server.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: foreign, Cookie: cookie, "Content-Type": FORM },
      body: "",
    });
    expect(forged.status).toBe(403);
    const sessions = await database.db.session.count({ where: { userId: world.host.userId } });
    expect(sessions).toBe(1);
  });

  it("records no decision when another page posts to the decide resource route", async () => {
    const forged = await fetch(`${server.url}/meetings/${world.meetingId}/decide`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: foreign, Cookie: world.host.cookie, "Content-Type": FORM },
      body: new URLSearchParams({ agendaItemId: world.agendaItemId, text: "伪造的决议" }),
    });
    expect(forged.status).toBe(403);
    expect(await database.db.decision.count({ where: { meetingId: world.meetingId } })).toBe(0);
  });

  it("still accepts the same form from this site's own pages and from programs without browser headers", async () => {
    const own = await fetch(`${server.url}/set-text-size`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": FORM, Origin: server.url, "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ size: "large", redirectTo: "/meetings" }),
    });
    expect(own.status).toBe(302);
    expect(own.headers.get("location")).toBe("/meetings");
    const script = await fetch(`${server.url}/set-text-size`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": FORM },
      body: "size=normal",
    });
    expect(script.status).toBe(302);
  });
});

describe("live connections from other origins", () => {
  function pollingHandshake(origin?: string) {
    return fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Cookie: world.voters[0].cookie, ...(origin ? { Origin: origin } : {}) },
    });
  }

  function websocketHandshake(origin: string): Promise<"open" | number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`, {
        headers: { Cookie: world.voters[0].cookie },
        origin,
      });
      ws.on("open", () => {
        ws.close();
        resolve("open");
      });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("error", reject);
    });
  }

  it("refuses a polling handshake from a foreign origin carrying the victim's cookie", async () => {
    const refused = await pollingHandshake("http://evil.example");
    expect(refused.status).toBe(403);
    const own = await pollingHandshake(server.url);
    expect(own.status).toBe(200);
    expect(await own.text()).toMatch(/^0\{"sid"/);
  });

  it("refuses a websocket handshake from a foreign origin and accepts this site's own", async () => {
    // engine.io answers a refused upgrade with 400 and closes the connection.
    expect(await websocketHandshake("http://evil.example")).toBe(400);
    expect(await websocketHandshake(server.url)).toBe("open");
  });
});

describe("where sign-in sends people", () => {
  function signIn(redirectTo: string) {
    return fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": FORM, Origin: server.url },
      body: new URLSearchParams({ username: account.username, password: account.password, redirectTo }),
    });
  }

  it("signs in without JavaScript and returns to a page whose address has Chinese in it", async () => {
    const response = await signIn("/issues/new?title=楼道堆物");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/issues/new?title=%E6%A5%BC%E9%81%93%E5%A0%86%E7%89%A9");
    expect(response.headers.getSetCookie().some((c) => c.startsWith("yishi_session="))).toBe(true);
  });

  it.each(["/\t/localhost:8999/phish", "/\r\n/evil.example", "//evil.example", "/\\evil.example"])(
    "sends %j home instead of away, with the cookie",
    async (target) => {
      const response = await signIn(target);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/");
      expect(response.headers.getSetCookie().some((c) => c.startsWith("yishi_session="))).toBe(true);
    },
  );

  it("keeps language and text-size switches on the site", async () => {
    for (const path of ["/set-language", "/set-text-size"]) {
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": FORM },
        body: new URLSearchParams({ language: "en", size: "large", redirectTo: "/%09/\t/localhost:8999/x" }),
      });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/%09/localhost:8999/x");
    }
  });
});

describe("what operators see", () => {
  it("serves Prometheus text with latency histograms, sockets, event-loop delay and acked ballots", async () => {
    const host = await connect(server.url, world.host.cookie);
    const voter = await connect(server.url, world.voters[1].cookie);
    try {
      expect(await request(host, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
      expect(await request(voter, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
      const opened = await request(host, "poll:open", {
        meetingId: world.meetingId,
        question: "是否同意？",
        kind: "yes_no_abstain",
        ballotMode: "named",
        passRule: "majority_cast",
      });
      expect(opened).toMatchObject({ ok: true });
      const ackedBefore = await metric("yishi_ballots_acked_total");
      expect(
        await request(voter, "vote:cast", { pollId: opened.pollId, choices: ["yes"], idempotencyKey: idempotencyKey() }),
      ).toMatchObject({ ok: true });

      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toContain("# TYPE yishi_http_request_duration_seconds histogram");
      expect(text).toMatch(/yishi_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/join",status="413"\} \d+/);
      expect(text).toContain("# TYPE nodejs_eventloop_lag_seconds gauge");
      expect(await metric("yishi_socket_connections")).toBeGreaterThanOrEqual(2);
      expect(await metric("yishi_ballots_acked_total")).toBe(ackedBefore + 1);
    } finally {
      host.disconnect();
      voter.disconnect();
    }
  });

  it("does not show /metrics to requests relayed by a proxy", async () => {
    const relayed = await fetch(`${server.url}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(relayed.status).toBe(403);
  });

  it("logs CSP violations, bounded in size and rate, and names the report endpoint in the policy", async () => {
    const page = await fetch(`${server.url}/login`);
    const csp = page.headers.get("content-security-policy") ?? "";
    const host = new URL(server.url).host;
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host};`);
    expect(csp).not.toMatch(/connect-src[^;]* (ws:|wss:|\*)( |;)/);
    expect(csp).toContain("report-uri /csp-report");
    expect(csp).toContain("report-to csp-endpoint");
    expect(page.headers.get("reporting-endpoints")).toBe('csp-endpoint="/csp-report"');

    const report = (n: number) =>
      fetch(`${server.url}/csp-report`, {
        method: "POST",
        headers: { "Content-Type": "application/csp-report" },
        body: JSON.stringify({
          "csp-report": {
            "document-uri": `${server.url}/login?code=SECRET`,
            "blocked-uri": `https://cdn.evil.example/x${n}.js`,
            "effective-directive": "script-src-elem",
          },
        }),
      });
    expect((await report(0)).status).toBe(204);
    const modern = await fetch(`${server.url}/csp-report`, {
      method: "POST",
      headers: { "Content-Type": "application/reports+json" },
      body: JSON.stringify([
        {
          type: "csp-violation",
          url: `${server.url}/`,
          body: { blockedURL: "inline", effectiveDirective: "script-src-elem", disposition: "enforce" },
        },
      ]),
    });
    expect(modern.status).toBe(204);
    const huge = await fetch(`${server.url}/csp-report`, {
      method: "POST",
      headers: { "Content-Type": "application/csp-report" },
      body: JSON.stringify({ "csp-report": { x: "y".repeat(64 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    const malformed = await fetch(`${server.url}/csp-report`, {
      method: "POST",
      headers: { "Content-Type": "application/csp-report" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    for (let i = 1; i <= 30; i++) expect((await report(i)).status).toBe(204);

    const violationsLogged = () =>
      server
        .output()
        .split("\n")
        .filter((line) => line.includes("content security policy violation"));
    // The server writes each line before it answers, but the lines reach this process through a pipe: wait for
    // the tenth, then let one more round trip pass so a line past the limit would have arrived too.
    await vi.waitFor(() => expect(violationsLogged().length).toBeGreaterThanOrEqual(10));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const logged = violationsLogged();
    expect(logged.length).toBe(10);
    expect(logged[0]).toContain("https://cdn.evil.example/x0.js");
    expect(server.output()).not.toContain("SECRET");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("writes no cookies or passwords into the logs", async () => {
    await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": FORM, Cookie: world.staff.cookie, Origin: "http://evil.example" },
      body: new URLSearchParams({ username: account.username, password: account.password }),
    });
    const log = server.output();
    expect(log).toContain("cross-site write refused");
    expect(log).not.toContain(world.staff.cookie.split("=")[1]);
    expect(log).not.toContain(account.password);
  });
});
