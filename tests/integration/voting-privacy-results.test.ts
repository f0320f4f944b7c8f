import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLockedBlocks, voteResultData } from "../../app/domain/minutes/locked-blocks.server";
import { parsePollResult } from "../../app/domain/voting/result";
import { BROADCAST_INTERVAL_MS } from "../../app/realtime/broadcasts.server";
import { serializeMinutesHtml } from "../../app/editor/html-serializer";
import { minutesDocx } from "../../app/domain/minutes/docx.server";
import { readZipEntry } from "../e2e/zip";
import type { MinutesDocument } from "../../app/domain/minutes/document";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import type { TestSocket } from "../helpers/live-meeting";
import { idempotencyKey, request } from "../helpers/live-meeting";
import { liveRoom, nextEvent } from "../helpers/live-room";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

/**
 * Issue #8 items 3–5 against a real server: a secret poll's frames say nothing about who chose what, a named
 * poll's roll call reaches exactly the people it should, and a "choose up to k" poll elects k options. Each
 * test holds a live meeting of its own (helpers/live-room.ts).
 */
const providers = [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const;

describe.each(providers)("votes on %s", (provider, fresh) => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await fresh();
    server = await startServer(database.url);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  /** Storage facts about a secret poll's ballot boxes that an attacker with the database could use. */
  async function boxFacts(pollId: string): Promise<{ ids: string[]; xmins: string[] }> {
    if (provider === "PostgreSQL") {
      const rows = await database.db.$queryRawUnsafe<{ id: string; xmin: string }[]>(
        `SELECT "id", xmin::text AS xmin FROM "Ballot" WHERE "pollId" = $1 ORDER BY ctid`,
        pollId,
      );
      return { ids: rows.map((r) => r.id), xmins: rows.map((r) => r.xmin) };
    }
    const rows = await database.db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Ballot" WHERE "pollId" = ? ORDER BY rowid`, pollId);
    return { ids: rows.map((r) => r.id), xmins: [] };
  }

  it("a secret poll: whatever each person chose, every observer receives exactly the same frames", async () => {
    const { world, join } = await liveRoom(database.db, server.url, { voters: 6 });
    const host = await join(world.host.cookie);
    const projector = await join(world.staff.cookie);
    const phones = await Promise.all(world.voters.map((v) => join(v.cookie)));
    const observers: [string, TestSocket][] = [
      ["host", host],
      ["projector", projector],
      ...phones.map((p, i) => [`voter${i}`, p] as [string, TestSocket]),
    ];

    /** Every observer's next frame of `event` that `matches`: listen first, then act. */
    const everyone = <E extends "meeting:state" | "poll:tally">(event: E, matches: Parameters<typeof nextEvent<E>>[2]) =>
      Promise.all(observers.map(([, socket]) => nextEvent(socket, event, matches)));

    /** Runs one secret poll in which voter i chooses choices[i], one after another; returns each observer's frames. */
    async function run(choices: string[]) {
      const frames = new Map<string, unknown[]>(observers.map(([name]) => [name, []]));
      const listeners = observers.map(([name, socket]) => {
        const listener = (event: string, payload: unknown) => frames.get(name)?.push([event, payload]);
        socket.onAny(listener);
        return () => socket.offAny(listener);
      });
      // Every screen shows the poll open before anyone votes.
      const shownOpen = everyone("meeting:state", (state) => state.poll?.status === "open");
      const opened = await request(host, "poll:open", {
        meetingId: world.meetingId,
        question: "是否同意更换电梯？",
        kind: "yes_no_abstain",
        ballotMode: "secret",
        passRule: "majority_cast",
      });
      expect(opened.ok).toBe(true);
      const pollId = opened.pollId as string;
      const before = await boxFacts(pollId);
      // Every counter exists before the first ballot.
      expect(before.ids).toHaveLength(3);
      await shownOpen;
      for (const [i, phone] of phones.entries()) {
        // One ballot at a time, each waiting until its tally frame has reached every observer: the attacker's best case.
        const seen = everyone("poll:tally", (t) => t.pollId === pollId && t.votesCast === i + 1);
        const ack = await request(phone, "vote:cast", { pollId, choices: [choices[i]], idempotencyKey: idempotencyKey() });
        expect(ack).toMatchObject({ ok: true, votesCast: i + 1 });
        frames.get(`voter${i}`)?.push(["ack", ack]);
        await seen;
        // Pacing, not waiting for anything: once the broadcast interval has passed, the next ballot's tally
        // (and the close's) goes out the moment it commits, on its own — the attacker's best case, and the
        // same order of frames in every run.
        await new Promise((r) => setTimeout(r, BROADCAST_INTERVAL_MS));
      }
      const after = await boxFacts(pollId);
      const records = await database.db.voteRecord.findMany({ where: { pollId } });
      const whileOpen = new Map([...frames].map(([name, list]) => [name, [...list]]));
      // The close's frames (the state with the result, the final tally) are part of what is compared.
      const shownClosed = Promise.all([
        everyone("meeting:state", (state) => state.poll?.id === pollId && state.poll.status === "closed"),
        everyone("poll:tally", (t) => t.pollId === pollId && t.counts !== null),
      ]);
      const closed = await request(host, "poll:close", { pollId });
      expect(closed.ok).toBe(true);
      await shownClosed;
      for (const off of listeners) off();
      return { pollId, frames, whileOpen, before, after, records, result: closed.result };
    }

    const first = await run(["yes", "no", "yes", "abstain", "no", "yes"]);
    // The same votes, but every person's choice moved to someone else.
    const second = await run(["no", "yes", "abstain", "yes", "yes", "no"]);

    // Only frames about this poll: a late broadcast about the previous poll's close is not part of this one.
    const about = (frames: unknown[], pollId: string) =>
      frames.filter((f) => {
        const [event, payload] = f as [string, { pollId?: string; poll?: { id: string } | null }];
        if (event === "poll:tally") return payload.pollId === pollId;
        if (event === "meeting:state") return payload.poll?.id === pollId;
        return true;
      });
    const normalise = (frames: unknown[], pollId: string) =>
      JSON.parse(
        JSON.stringify(frames, (key, value) =>
          key === "serverNow" || key === "closedAt" || key === "startsAt" ? undefined : value,
        ).replaceAll(pollId, "POLL"),
      ) as unknown[];
    // Broadcasts and a voter's own acks are compared as two sequences: which of an ack and the tally it
    // caused lands first is network timing, not anything about the choice.
    const split = (frames: unknown[]) => [
      ...frames.filter((f) => (f as [string])[0] !== "ack"),
      ...frames.filter((f) => (f as [string])[0] === "ack"),
    ];
    for (const [name] of observers) {
      const a = normalise(split(about(first.frames.get(name) ?? [], first.pollId)), first.pollId);
      const b = normalise(split(about(second.frames.get(name) ?? [], second.pollId)), second.pollId);
      expect(a.length, `${name} received frames`).toBeGreaterThan(0);
      expect(b, `${name}'s frames depend on who chose what`).toEqual(a);
    }
    // While open, no frame carried per-option numbers at all; turnout moved with every ballot.
    for (const [name] of observers) {
      for (const [event, payload] of first.whileOpen.get(name) as [string, Record<string, unknown>][]) {
        if (event === "poll:tally") expect(payload.counts).toBeNull();
        if (event === "meeting:state") expect((payload.poll as { counts: unknown; result: unknown } | null)?.counts ?? null).toBeNull();
      }
    }
    const hostTallies = (first.whileOpen.get("host") as [string, { votesCast: number }][])
      .filter(([e]) => e === "poll:tally")
      .map(([, t]) => t.votesCast);
    expect(hostTallies.filter((n) => n > 0)).toEqual([1, 2, 3, 4, 5, 6]);

    for (const run of [first, second]) {
      // Boxes: the same rows in the same physical order as at open, none created by a ballot.
      expect(run.after.ids).toEqual(run.before.ids);
      // PostgreSQL: every box was rewritten by the last batch, so no row version dates an answer.
      if (provider === "PostgreSQL") expect(new Set(run.after.xmins).size).toBe(1);
      for (const r of run.records) {
        expect(r.createdAt.getTime()).toBe(0);
        expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
      expect((run.result as { options: { key: string; total: number }[] }).options.map((o) => [o.key, o.total])).toEqual([
        ["yes", 3],
        ["no", 2],
        ["abstain", 1],
      ]);
    }
    // A secret poll has no roll call, even for the host.
    const refused = await fetch(`${server.url}/polls/${first.pollId}/roll-call`, { headers: { cookie: world.host.cookie } });
    expect(refused.status).toBe(409);
  });

  it("a named poll: host and staff see who voted what, proxies marked; the public sees it only when declared", async () => {
    const { world, join } = await liveRoom(database.db, server.url, { voters: 8 });
    const communitySlug = (await database.db.community.findUniqueOrThrow({ where: { id: world.communityId } })).slug;
    const host = await join(world.host.cookie);
    const holder = world.voters[7];
    await database.db.participant.update({
      where: { id: holder.participantId as string },
      data: { proxyForId: world.absent.participantId },
    });
    const voters = await Promise.all([0, 1, 7].map((i) => join(world.voters[i].cookie)));

    async function namedPoll(rollCallPublic: boolean): Promise<string> {
      const opened = await request(host, "poll:open", {
        meetingId: world.meetingId,
        question: rollCallPublic ? "是否同意公开表决？" : "是否同意内部表决？",
        kind: "yes_no_abstain",
        ballotMode: "named",
        passRule: "majority_cast",
        rollCallPublic,
      });
      expect(opened.ok).toBe(true);
      const pollId = opened.pollId as string;
      expect(await request(voters[0], "vote:cast", { pollId, choices: ["yes"], idempotencyKey: idempotencyKey() })).toMatchObject({
        ok: true,
      });
      expect(await request(voters[1], "vote:cast", { pollId, choices: ["no"], idempotencyKey: idempotencyKey() })).toMatchObject({
        ok: true,
      });
      expect(await request(voters[2], "vote:cast", { pollId, choices: ["yes"], idempotencyKey: idempotencyKey() })).toMatchObject({
        ok: true,
      });
      expect(
        await request(voters[2], "vote:cast", {
          pollId,
          choices: ["abstain"],
          forParticipantId: world.absent.participantId,
          idempotencyKey: idempotencyKey(),
        }),
      ).toMatchObject({ ok: true });
      return pollId;
    }

    const privatePoll = await namedPoll(false);
    // The host sees the roll call while the vote is still open.
    const live = await fetch(`${server.url}/polls/${privatePoll}/roll-call`, { headers: { cookie: world.host.cookie } });
    expect(live.status).toBe(200);
    const { rollCall } = (await live.json()) as {
      rollCall: {
        public: boolean;
        entries: { participantId: string; status: string; choices: string[]; viaProxy: boolean; castByName: string | null }[];
      };
    };
    const entry = (id: string | null) => rollCall.entries.find((e) => e.participantId === id);
    expect(rollCall.public).toBe(false);
    expect(entry(world.voters[0].participantId)).toMatchObject({ status: "voted", choices: ["yes"], viaProxy: false });
    expect(entry(world.voters[1].participantId)).toMatchObject({ status: "voted", choices: ["no"] });
    expect(entry(world.absent.participantId)).toMatchObject({
      status: "voted",
      choices: ["abstain"],
      viaProxy: true,
      castByName: "居民12",
    });
    expect(entry(world.voters[2].participantId)).toMatchObject({ status: "present_not_voted", choices: [] });
    expect(rollCall.entries.filter((e) => e.status === "voted")).toHaveLength(4);
    expect(await request(host, "poll:close", { pollId: privatePoll })).toMatchObject({ ok: true });

    // Staff download it as CSV for Excel: UTF-8 with a byte-order mark, Chinese labels.
    const csv = await fetch(`${server.url}/polls/${privatePoll}/roll-call.csv`, {
      headers: { cookie: world.staff.cookie, "accept-language": "zh-CN" },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("居民5,已投票,赞成");
    expect(text).toContain("由 居民12 代为表决");
    expect(text).toContain("到会未投票");

    // Not declared public: residents and anonymous visitors get nothing, and the public page shows no names.
    for (const cookie of [world.voters[3].cookie, ""]) {
      expect((await fetch(`${server.url}/polls/${privatePoll}/roll-call`, { headers: { cookie } })).status).toBe(403);
      expect((await fetch(`${server.url}/polls/${privatePoll}/roll-call.csv`, { headers: { cookie } })).status).toBe(403);
    }
    const pageBefore = await (await fetch(`${server.url}/c/${communitySlug}/meetings/${world.meetingId}`)).text();
    expect(pageBefore).not.toContain('data-testid="roll-call"');

    // Declared public when opened: still private while open, public after close.
    const publicPoll = await namedPoll(true);
    expect((await fetch(`${server.url}/polls/${publicPoll}/roll-call`)).status).toBe(403);
    expect(await request(host, "poll:close", { pollId: publicPoll })).toMatchObject({ ok: true });
    expect((await fetch(`${server.url}/polls/${publicPoll}/roll-call`)).status).toBe(200);
    expect((await fetch(`${server.url}/polls/${publicPoll}/roll-call.csv`)).status).toBe(200);
    const page = await (await fetch(`${server.url}/c/${communitySlug}/meetings/${world.meetingId}`)).text();
    expect(page).toContain('data-testid="roll-call"');
    expect(page).toContain("居民12");
    // The private poll's roll call is still not on the page: exactly one roll call is.
    expect(page.split('data-testid="roll-call"').length - 1).toBe(1);

    // The minutes' vote-result block carries the roll call of the public poll only, and the published HTML shows it.
    const pollRow = (id: string) =>
      database.db.poll.findUniqueOrThrow({ where: { id }, select: { id: true, result: true, ballotMode: true, rollCallPublic: true } });
    expect((await voteResultData(database.db, await pollRow(privatePoll)))?.rollCall).toBeUndefined();
    const block = await voteResultData(database.db, await pollRow(publicPoll));
    expect(block?.rollCall?.find((e) => e.participantId === world.absent.participantId)).toMatchObject({
      choices: ["abstain"],
      viaProxy: true,
      castByName: "居民12",
    });
    const document = {
      root: { type: "root", version: 1, children: [{ type: "vote-result", version: 1, data: block }] },
    } as unknown as MinutesDocument;
    await verifyLockedBlocks(database.db, world.meetingId, document);
    const html = serializeMinutesHtml(document.root, (key, values) => `${key}${values ? JSON.stringify(values) : ""}`);
    expect(html).toContain('data-kind="roll-call"');
    expect(html).toContain("居民12");
    // The Word download of the minutes carries the same roll call.
    const docx = await minutesDocx({
      title: "纪要",
      content: JSON.stringify(document),
      contentHash: null,
      publishedAt: "2026-12-02",
      correctionNote: null,
      t: (key) => key,
    });
    const xml = readZipEntry(docx, "word/document.xml") ?? "";
    expect(xml).toContain("minutes:blocks.roll_call.title");
    expect(xml).toContain("居民12");

    // A secret poll cannot be declared public: the form and the socket refuse it.
    const secretPublic = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "无记名？",
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
      rollCallPublic: true,
    });
    expect(secretPublic).toMatchObject({ ok: false });
  });

  it("“choose up to 2” of four options elects two, and a tie for the last seat is named, not decided", async () => {
    const { world, join } = await liveRoom(database.db, server.url, { voters: 6 });
    const host = await join(world.host.cookie);
    const phones = await Promise.all(world.voters.map((v) => join(v.cookie)));
    async function choosePoll(ballots: string[][]) {
      const opened = await request(host, "poll:open", {
        meetingId: world.meetingId,
        question: "今年优先做哪两项？",
        kind: "multiple",
        maxChoices: 2,
        options: ["加装电梯", "修缮屋顶", "增设车棚", "绿化改造"],
        ballotMode: "secret",
        passRule: "majority_cast",
      });
      expect(opened.ok).toBe(true);
      const pollId = opened.pollId as string;
      const options = await database.db.pollOption.findMany({ where: { pollId }, orderBy: { position: "asc" } });
      const key = (letter: string) => options["abcd".indexOf(letter)].id;
      for (const [i, ballot] of ballots.entries()) {
        expect(await request(phones[i], "vote:cast", { pollId, choices: ballot.map(key), idempotencyKey: idempotencyKey() })).toMatchObject(
          { ok: true },
        );
      }
      const closed = await request(host, "poll:close", { pollId });
      expect(closed.ok).toBe(true);
      const stored = parsePollResult((await database.db.poll.findUniqueOrThrow({ where: { id: pollId } })).result);
      return { result: stored, key };
    }
    // a: 5, b: 4, c: 2, d: 1
    const clear = await choosePoll([
      ["a", "b"],
      ["a", "b"],
      ["a", "c"],
      ["a", "b"],
      ["a", "c"],
      ["b", "d"],
    ]);
    expect(clear.result).toMatchObject({ seats: 2, elected: [clear.key("a"), clear.key("b")], tied: [], passed: null });
    // a: 5, b: 3, c: 3, d: 1 — b and c tie for the second seat.
    const tie = await choosePoll([
      ["a", "b"],
      ["a", "c"],
      ["a", "b"],
      ["a", "c"],
      ["a", "d"],
      ["b", "c"],
    ]);
    expect(tie.result).toMatchObject({ seats: 2, elected: [tie.key("a")], tied: [tie.key("b"), tie.key("c")] });
  });
});
