import { describe, expect, it } from "vitest";
import type { RealtimeLimits } from "../../app/realtime/rate-limits.server";
import { createEventLimiter, DEFAULT_REALTIME_LIMITS, EVENT_BUDGETS } from "../../app/realtime/rate-limits.server";

const small: RealtimeLimits = {
  windowSeconds: 10,
  budgets: { read: { perSocket: 4, perPerson: 6 }, write: { perSocket: 2, perPerson: 3 }, vote: { perSocket: 3, perPerson: 5 } },
  disconnectFactor: 3,
};

describe("socket event budgets", () => {
  it("counts looking (join, snapshot) apart from acting, and votes apart from both", () => {
    expect(EVENT_BUDGETS["meeting:snapshot"]).toBe("read");
    expect(EVENT_BUDGETS["speaker:raise"]).toBe("write");
    expect(EVENT_BUDGETS["vote:cast"]).toBe("vote");
  });

  it("admits a socket's events up to its budget, then refuses with a wait, then disconnects a flood", async () => {
    const limiter = await createEventLimiter(small);
    const verdicts = [];
    for (let i = 0; i < 12; i++) verdicts.push(await limiter.admit("meeting:snapshot", "s1", "person-a"));
    expect(verdicts.slice(0, 4).every((v) => v.verdict === "admit")).toBe(true);
    expect(verdicts[4]).toMatchObject({ verdict: "refuse" });
    expect((verdicts[4] as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(verdicts[11]).toEqual({ verdict: "disconnect" });
  });

  it("keeps a client stuck asking for snapshots able to vote", async () => {
    const limiter = await createEventLimiter(small);
    for (let i = 0; i < 8; i++) await limiter.admit("meeting:snapshot", "s2", "person-b");
    expect(await limiter.admit("vote:cast", "s2", "person-b")).toEqual({ verdict: "admit" });
  });

  it("shares one person's budget over their sockets, and not with anyone else", async () => {
    const limiter = await createEventLimiter(small);
    expect(await limiter.admit("comment:post", "tab1", "person-c")).toEqual({ verdict: "admit" });
    expect(await limiter.admit("comment:post", "tab1", "person-c")).toEqual({ verdict: "admit" });
    expect(await limiter.admit("comment:post", "tab2", "person-c")).toEqual({ verdict: "admit" });
    expect(await limiter.admit("comment:post", "tab3", "person-c")).toMatchObject({ verdict: "refuse" });
    expect(await limiter.admit("comment:post", "tab4", "person-d")).toEqual({ verdict: "admit" });
  });

  it("lets a voter re-tap ten times and reconnect twice within the default window", async () => {
    const limiter = await createEventLimiter(DEFAULT_REALTIME_LIMITS);
    for (const socket of ["first", "second", "third"]) {
      for (const event of ["session:hello", "meeting:join"] as const)
        expect(await limiter.admit(event, socket, "voter")).toEqual({ verdict: "admit" });
      for (let tap = 0; tap < 10; tap++) expect(await limiter.admit("vote:cast", socket, "voter")).toEqual({ verdict: "admit" });
    }
  });

  it("starts a socket that has gone afresh", async () => {
    const limiter = await createEventLimiter(small);
    for (let i = 0; i < 4; i++) await limiter.admit("meeting:join", "s5", `p${i}`);
    limiter.forgetSocket("s5");
    expect(await limiter.admit("meeting:join", "s5", "p9")).toEqual({ verdict: "admit" });
  });
});
