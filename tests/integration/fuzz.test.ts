import fc from "fast-check";
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClientEvent } from "../../app/realtime/protocol";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import type { LiveWorld, TestSocket } from "../helpers/live-meeting";
import { connect, createLiveWorld } from "../helpers/live-meeting";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

/**
 * Generated hostile input against a real server: every socket event and every form action receives thousands of
 * payloads — wrong types, other people's ids, control characters, deep nesting, long strings — from residents,
 * the host and strangers. Whatever arrives, the server answers with a refusal or a 4xx, never a 5xx or an
 * "unexpected" refusal, stays up, and its memory stays bounded.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);

/** Strings an attacker or a broken client would send. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u0000\u0001\u001f",
    "\ud800",
    "\u202e",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "1e308",
    "-1",
    "NaN",
    "9".repeat(30),
    "楼道堆物",
    "__proto__",
    "constructor",
  ),
  fc.string({ maxLength: 5 }).map((s) => s.repeat(2000)),
);

function idLike(realIds: string[]) {
  return fc.oneof(fc.constantFrom(...realIds), hostileString, fc.uuid());
}

const scalar = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const anyJson = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 5 }),
  fc.dictionary(hostileString, scalar, { maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Keys that real payloads use, so the generator reaches past the first "malformed" check. */
const PAYLOAD_KEYS = [
  "meetingId",
  "pollId",
  "agendaItemId",
  "participantId",
  "speakerId",
  "contentId",
  "kind",
  "text",
  "body",
  "stance",
  "conflictOfInterest",
  "choices",
  "choice",
  "idempotencyKey",
  "forParticipantId",
  "question",
  "options",
  "maxChoices",
  "ballotMode",
  "passRule",
  "abstentionsCount",
  "resultsHidden",
  "allowChange",
  "counts",
  "checkedIn",
  "reason",
  "protocolVersion",
];

function shapedPayload(realIds: string[]) {
  const value = fc.oneof(
    idLike(realIds),
    scalar,
    fc.array(fc.oneof(idLike(realIds), scalar), { maxLength: 6 }),
    fc.dictionary(hostileString, fc.integer(), { maxKeys: 4 }),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...PAYLOAD_KEYS), value, { maxKeys: 10 }) },
    { weight: 1, arbitrary: anyJson },
  );
}

const SOCKET_EVENTS: ClientEvent[] = [
  "session:hello",
  "meeting:join",
  "meeting:snapshot",
  "meeting:leave",
  "meeting:check-in",
  "meeting:start",
  "meeting:end",
  "agenda:set-current",
  "speaker:raise",
  "speaker:lower",
  "speaker:give-floor",
  "speaker:end",
  "comment:post",
  "opinion:post",
  "content:hide",
  "participant:set-checked-in",
  "poll:open",
  "poll:close",
  "poll:hand-count",
  "vote:cast",
];

/** Form fields and intents the routes read, gathered from app/routes (the generator also invents others). */
const FORM_FIELDS = [
  "intent",
  "note",
  "redirectTo",
  "minutesId",
  "reason",
  "description",
  "categoryId",
  "agendaItemId",
  "unitId",
  "title",
  "text",
  "satisfied",
  "pollId",
  "participantId",
  "nameZh",
  "nameEn",
  "dueDate",
  "baseRevision",
  "voters",
  "versionId",
  "username",
  "userId",
  "urgency",
  "targetNumber",
  "stance",
  "source",
  "size",
  "role",
  "revision",
  "resultsHidden",
  "representedId",
  "rationale",
  "question",
  "q",
  "percent",
  "password",
  "overdue",
  "options",
  "objectionId",
  "noticeDays",
  "name",
  "maxChoices",
  "language",
  "issueId",
  "idempotencyKey",
  "id",
  "holderId",
  "gridId",
  "form",
  "forParticipantId",
  "direction",
  "conflictOfInterest",
  "community",
  "code",
  "choice",
  "canVote",
  "body",
  "answer",
  "allowChange",
  "document",
  "content",
  "page",
  "status",
  "category",
  "address",
  "startsAt",
];
const INTENTS = [
  "accept",
  "acceptance",
  "acknowledge",
  "add",
  "add-guest",
  "add-issue",
  "add-item",
  "add-member",
  "add_action_item",
  "archive",
  "check-in",
  "check-out",
  "claim",
  "comment",
  "create",
  "done",
  "down",
  "escalate",
  "follow",
  "heartbeat",
  "me_too",
  "merge",
  "move",
  "progress",
  "publish",
  "put_on_agenda",
  "redraft",
  "refresh-blocks",
  "reject",
  "remove-item",
  "remove-participant",
  "rename",
  "resolve_directly",
  "restore",
  "save",
  "send-for-review",
  "set-proxy",
  "sign-off",
  "start-correction",
  "unfollow",
  "up",
  "vote",
  "object",
  "answer",
  "raise-hand",
  "lower-hand",
  "read",
  "read_all",
];

function formBody(realIds: string[]) {
  const field = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FORM_FIELDS) }, { weight: 1, arbitrary: hostileString });
  const fieldValue = fc.oneof(
    idLike(realIds),
    fc.constantFrom(...INTENTS),
    hostileString,
    fc.integer().map(String),
    fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "2031-13-45" : d.toISOString().slice(0, 10))),
  );
  return fc.tuple(fc.constantFrom(...INTENTS), fc.array(fc.tuple(field, fieldValue), { maxLength: 12 })).map(([intent, pairs]) => {
    const params = new URLSearchParams();
    params.append("intent", intent);
    for (const [name, value] of pairs) params.append(name, value);
    return params;
  });
}

function serverRssMb(server: RunningServer): number {
  // Linux's own accounting of the server process's resident memory.
  const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

describe("fuzz: hostile input never crashes Yishi", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let world: LiveWorld;
  let issueNumber = 0;
  let realIds: string[] = [];
  const origin = () => server.url;

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  // Each test attacks a world of its own: a live meeting, its people, and an issue in their community.
  beforeEach(async () => {
    world = await createLiveWorld(database.db, { voters: 4 });
    const community = await database.db.community.findUniqueOrThrow({ where: { id: world.communityId } });
    const category = await database.db.issueCategory.create({
      data: { communityId: world.communityId, key: "sanitation", nameZh: "环境卫生", nameEn: "Sanitation", position: 1 },
    });
    const issue = await database.db.issue.create({
      data: {
        number: 1,
        communityId: world.communityId,
        categoryId: category.id,
        title: "楼道堆物",
        description: "三号楼楼道堆满杂物",
        reporterId: world.voters[0].userId,
      },
    });
    issueNumber = issue.number;
    realIds = [
      world.meetingId,
      world.agendaItemId,
      world.communityId,
      community.slug,
      issue.id,
      category.id,
      world.voters[0].userId,
      world.voters[1].participantId ?? "",
      world.host.userId,
    ];
  });

  it("answers every generated socket event with an ack, never an unexpected failure", async () => {
    const people = [world.host.cookie, world.voters[0].cookie, world.outsider.cookie, ""];
    const sockets: TestSocket[] = [];
    for (const cookie of people) sockets.push(await connect(server.url, cookie));
    let sent = 0;
    const unexpected: string[] = [];

    await fc.assert(
      fc.asyncProperty(
        fc.nat(people.length - 1),
        fc.constantFrom(...SOCKET_EVENTS),
        shapedPayload(realIds),
        async (who, event, payload) => {
          let socket = sockets[who];
          if (!socket.connected) {
            // A rate limiter may disconnect a flooding socket: that is a correct answer; come back and go on.
            socket = sockets[who] = await connect(server.url, people[who]);
          }
          sent++;
          const emit = socket.timeout(10_000).emitWithAck.bind(socket.timeout(10_000)) as unknown as (
            e: string,
            p: unknown,
          ) => Promise<{ ok: boolean; reason?: string }>;
          let answer: { ok: boolean; reason?: string };
          try {
            answer = await emit(event, payload);
          } catch (error) {
            if (!socket.connected) return; // disconnected by the server for flooding
            throw new Error(`no ack for ${event} ${JSON.stringify(payload)?.slice(0, 200)}: ${String(error)}`);
          }
          expect(typeof answer?.ok).toBe("boolean");
          if (!answer.ok && answer.reason === "unexpected") unexpected.push(`${event} ${JSON.stringify(payload)?.slice(0, 200)}`);
        },
      ),
      { seed: SEED, numRuns: 1500 * RUNS, endOnFailure: true },
    );
    for (const socket of sockets) socket.disconnect();
    expect(unexpected).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(serverRssMb(server)).toBeLessThan(600);
  }, 600_000);

  it("answers every generated form post with a page or a refusal, never a 5xx", async () => {
    const cookies = [world.host.cookie, world.staff.cookie, world.voters[0].cookie, ""];
    const code = (await database.db.meeting.findUniqueOrThrow({ where: { id: world.meetingId } })).code;
    const slug = (await database.db.community.findUniqueOrThrow({ where: { id: world.communityId } })).slug;
    const paths = [
      "/login",
      "/logout",
      "/join",
      `/m/${code}`,
      "/issues/new",
      "/issues/categories",
      "/meetings/new",
      `/meetings/${world.meetingId}`,
      `/meetings/${world.meetingId}/decide`,
      `/meetings/${world.meetingId}/minutes`,
      `/meetings/${world.meetingId}/minutes/autosave`,
      `/c/${slug}/issues/${issueNumber}`,
      `/c/${slug}/issues/99999999999999999999`,
      "/decisions/nope",
      `/c/${slug}/decisions/nope`,
      "/notifications",
      "/set-community",
      "/set-language",
      "/set-text-size",
    ];
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.nat(cookies.length - 1), formBody(realIds), async (path, who, body) => {
        try {
          const response = await fetch(`${server.url}${path}`, {
            method: "POST",
            redirect: "manual",
            headers: { cookie: cookies[who], origin: origin(), "content-type": "application/x-www-form-urlencoded" },
            body,
          });
          await response.arrayBuffer();
          if (response.status >= 500) failures.push(`${response.status} POST ${path} ${body.toString().slice(0, 300)}`);
        } catch (error) {
          failures.push(`${(error as Error).cause ?? error} POST ${path} ${body.toString().slice(0, 300)}`);
        }
      }),
      { seed: SEED, numRuns: 1500 * RUNS },
    );
    expect(failures).toEqual([]);
    expect(serverRssMb(server)).toBeLessThan(600);
  }, 600_000);

  it("answers generated query strings and path parameters on every page with 2xx–4xx", async () => {
    const slug = (await database.db.community.findUniqueOrThrow({ where: { id: world.communityId } })).slug;
    const templates = [
      (p: string) => `/c/${slug}/issues?${p}`,
      (p: string) => `/c/${slug}/issues/${encodeURIComponent(p)}`,
      (p: string) => `/notifications?${p}`,
      (p: string) => `/login?${p}`,
      (p: string) => `/m/${encodeURIComponent(p)}`,
      (p: string) => `/meetings/${encodeURIComponent(p)}`,
      (p: string) => `/c/${encodeURIComponent(p)}`,
      (p: string) => `/uploads/${encodeURIComponent(p)}`,
      (p: string) => `/triage?${p}`,
      (p: string) => `/meetings?${p}`,
      (p: string) => `/c/${slug}/issues.csv?${p}`,
      (p: string) => `/set-language?${p}`,
    ];
    const query = fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom("page", "status", "category", "grid", "q", "overdue", "redirectTo", "sort", "lng"), hostileString),
          hostileString,
        ),
        { maxLength: 5 },
      )
      .map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString());
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.nat(templates.length - 1), fc.oneof(query, hostileString), fc.boolean(), async (which, param, signedIn) => {
        const url = `${server.url}${templates[which](param)}`;
        try {
          const response = await fetch(url, { redirect: "manual", headers: signedIn ? { cookie: world.staff.cookie } : {} });
          await response.arrayBuffer();
          if (response.status >= 500) failures.push(`${response.status} GET ${url.slice(0, 300)}`);
        } catch (error) {
          // An answer the client cannot even read (e.g. an unbounded header) is as broken as a 5xx.
          failures.push(`${(error as Error).cause ?? error} GET ${url.slice(0, 300)}`);
        }
      }),
      { seed: SEED, numRuns: 1000 * RUNS },
    );
    expect(failures).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 600_000);
});
