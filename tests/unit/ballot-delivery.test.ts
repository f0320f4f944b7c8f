import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BallotTransport, CastPayload, KeyValueStore, PendingBallot } from "../../app/realtime/ballot-delivery";
import { BallotJournal, deliverBallot, isRetryable, LiveGate, retryDelayMs } from "../../app/realtime/ballot-delivery";
import type { Ack, BallotReceipt } from "../../app/realtime/protocol";

const ballot: PendingBallot = {
  meetingId: "m1",
  pollId: "p1",
  voterId: "v1",
  choices: ["yes"],
  idempotencyKey: "key-123456789",
  queuedAt: 0,
};
const receipt = (replay = false): Ack<BallotReceipt> => ({ ok: true, pollId: "p1", voterId: "v1", votesCast: 1, changed: false, replay });

/** A connection whose answers are scripted; records what was sent. */
function scripted(answers: Ack<BallotReceipt>[], gate = new LiveGate()) {
  const sent: CastPayload[] = [];
  if (!gate.isLive()) gate.set(true);
  const transport: BallotTransport = {
    isLive: () => gate.isLive(),
    onLive: (l) => gate.onLive(l),
    send: async (payload) => {
      sent.push(payload);
      return answers.shift() ?? { ok: false, reason: "timeout", message: "meetings:errors.noAnswer" };
    },
  };
  return { transport, sent, gate };
}

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe("delivering a ballot", () => {
  it("keeps resending with the same key through lost answers and a restarting server until it is recorded", async () => {
    const { transport, sent } = scripted([
      { ok: false, reason: "timeout", message: "meetings:errors.noAnswer" },
      { ok: false, reason: "unavailable", message: "meetings:ballotDelivery.serverRestarting" },
      { ok: false, reason: "unavailable", message: "meetings:errors.tryAgain" },
      receipt(true),
    ]);
    const result = await deliverBallot(ballot, transport, { random: () => 0 });
    expect(result).toMatchObject({ state: "recorded", replay: true });
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => s.idempotencyKey))).toEqual(new Set([ballot.idempotencyKey]));
  });

  it("stops at a refusal that retrying cannot change, such as the poll having closed", async () => {
    const { transport, sent } = scripted([
      { ok: false, reason: "timeout", message: "meetings:errors.noAnswer" },
      { ok: false, reason: "conflict", message: "meetings:errors.pollClosed" },
    ]);
    expect(await deliverBallot(ballot, transport, { random: () => 0 })).toEqual({
      state: "refused",
      reason: "conflict",
      message: "meetings:errors.pollClosed",
      values: undefined,
    });
    expect(sent).toHaveLength(2);
  });

  it("waits for the connection instead of sending into the void, and says so", async () => {
    const gate = new LiveGate();
    const { transport, sent } = scripted([receipt()], gate);
    gate.set(false);
    const progress: boolean[] = [];
    let saidWaiting = () => {};
    const waiting = new Promise<void>((resolve) => (saidWaiting = resolve));
    const delivering = deliverBallot(ballot, transport, {
      onProgress: (d) => {
        if (d.state !== "sending") return;
        progress.push(d.waitingForConnection);
        if (d.waitingForConnection) saidWaiting();
      },
    });
    await waiting;
    expect(sent).toHaveLength(0);
    expect(progress).toEqual([true]);
    gate.set(true);
    expect(await delivering).toMatchObject({ state: "recorded" });
    expect(progress).toEqual([true, false]);
  });

  it("resends soon after the connection returns rather than sleeping out a long backoff", async () => {
    const gate = new LiveGate();
    const scriptedConnection = scripted([{ ok: false, reason: "timeout", message: "meetings:errors.noAnswer" }, receipt()], gate);
    const { sent } = scriptedConnection;
    // The delivery listens for the connection coming back only while it pauses between attempts.
    let pausing = () => {};
    const inPause = new Promise<void>((resolve) => (pausing = resolve));
    const transport: BallotTransport = {
      ...scriptedConnection.transport,
      onLive: (listener) => {
        const unsubscribe = gate.onLive(listener);
        if (sent.length === 1) pausing();
        return unsubscribe;
      },
    };
    const started = Date.now();
    // A huge random factor would mean a long pause; the reconnect cuts it short.
    const delivering = deliverBallot({ ...ballot }, transport, { random: () => 0.99 });
    await inPause;
    gate.set(false);
    gate.set(true);
    expect(await delivering).toMatchObject({ state: "recorded" });
    expect(sent).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("leaves the ballot pending when the page goes away", async () => {
    const gate = new LiveGate();
    const { transport } = scripted([], gate);
    gate.set(false);
    const abort = new AbortController();
    const delivering = deliverBallot(ballot, transport, { signal: abort.signal });
    abort.abort();
    expect(await delivering).toBeNull();
  });

  it("treats connection trouble as retryable and everything else as final", () => {
    // No answer, no connection, a failed write or a restarting server, over the event budget, unexpected.
    for (const reason of ["timeout", "offline", "unavailable", "rate_limited", "unexpected"] as const)
      expect(isRetryable(reason)).toBe(true);
    // Poll closed or already voted (conflict), not eligible (forbidden), a malformed or invalid ballot.
    for (const reason of ["conflict", "forbidden", "malformed", "invalid", "not_found", "unauthenticated", "version_mismatch"] as const)
      expect(isRetryable(reason)).toBe(false);
  });

  it("backs off exponentially with jitter, never below half a step and never beyond 3 s", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = retryDelayMs(attempt, () => r);
        const step = Math.min(3000, 250 * 2 ** Math.min(attempt, 16));
        return delay >= Math.floor(step / 2) && delay <= step;
      }),
    );
    expect(retryDelayMs(0, () => 0)).toBe(125);
    expect(retryDelayMs(10, () => 1)).toBe(3000);
  });
});

describe("the ballot journal in sessionStorage", () => {
  it("survives a reload: the pending ballot comes back with the same key, and a receipt time is kept", () => {
    const store = memoryStore();
    new BallotJournal(store, "m1").add(ballot);
    const reloaded = new BallotJournal(store, "m1");
    expect(reloaded.pending()).toEqual([ballot]);
    reloaded.settle(ballot, 1_700_000_000_000);
    expect(new BallotJournal(store, "m1").pending()).toEqual([]);
    expect(new BallotJournal(store, "m1").recordedAt("p1", "v1")).toBe(1_700_000_000_000);
    expect(new BallotJournal(store, "m2").pending()).toEqual([]);
  });

  it("keeps one pending ballot per vote held, and shrugs off a corrupt or unavailable store", () => {
    const store = memoryStore();
    const journal = new BallotJournal(store, "m1");
    journal.add(ballot);
    journal.add({ ...ballot, idempotencyKey: "key-second-1", choices: ["no"] });
    journal.add({ ...ballot, voterId: "v2", idempotencyKey: "key-proxy-01" });
    expect(journal.pending().map((b) => b.idempotencyKey)).toEqual(["key-second-1", "key-proxy-01"]);
    store.data.set("yishi:ballots:m1", "{not json");
    expect(journal.pending()).toEqual([]);
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    expect(() => new BallotJournal(broken, "m1").add(ballot)).not.toThrow();
    expect(new BallotJournal(null, "m1").pending()).toEqual([]);
  });
});
