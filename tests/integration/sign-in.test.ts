import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signIn } from "../../app/domain/accounts/sign-in.server";
import { FakeClock, MINUTE } from "../../app/infra/clock";
import { DomainError } from "../../app/domain/errors";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { createCommunity, createUser } from "../helpers/fixtures";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

const limits = { maxFailures: 5, windowMinutes: 15 };

describe("signing in (domain rules)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshSqlite();
  });
  afterAll(async () => database?.drop());

  it("succeeds with the right password and creates a session", async () => {
    const { username, password, user } = await createUser(database.db);
    const session = await signIn(database.db, new FakeClock(), limits, { username, password, ip: "10.0.0.1" });
    expect(session.userId).toBe(user.id);
    expect(await database.db.session.count({ where: { id: session.sessionId } })).toBe(1);
  });

  it("accepts the username in any letter case and with stray spaces", async () => {
    const { username, password } = await createUser(database.db);
    await expect(
      signIn(database.db, new FakeClock(), limits, { username: ` ${username.toUpperCase()} `, password, ip: "10.0.0.2" }),
    ).resolves.toBeTruthy();
  });

  it("fails with a wrong password or an unknown user, with the same message", async () => {
    const { username } = await createUser(database.db);
    const wrong = signIn(database.db, new FakeClock(), limits, { username, password: "nope", ip: "10.0.0.3" });
    await expect(wrong).rejects.toMatchObject({ key: "errors.signin.invalid" });
    const unknown = signIn(database.db, new FakeClock(), limits, { username: "nobody-here", password: "nope", ip: "10.0.0.3" });
    await expect(unknown).rejects.toMatchObject({ key: "errors.signin.invalid" });
  });

  it("refuses even the right password from the guessing address after too many failures, until the window passes", async () => {
    const clock = new FakeClock();
    const { username, password } = await createUser(database.db);
    const ip = "10.1.0.9";
    for (let i = 0; i < limits.maxFailures; i++) {
      await expect(signIn(database.db, clock, limits, { username, password: "wrong", ip })).rejects.toMatchObject({
        kind: "unauthenticated",
      });
    }
    const blocked = signIn(database.db, clock, limits, { username, password, ip });
    await expect(blocked).rejects.toBeInstanceOf(DomainError);
    await expect(signIn(database.db, clock, limits, { username, password, ip })).rejects.toMatchObject({
      kind: "rate_limited",
      values: { minutes: limits.windowMinutes },
    });
    // The limiter's rows expire by the wall clock, so move that rather than the domain clock alone.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + limits.windowMinutes * MINUTE + 1);
      clock.advance(limits.windowMinutes * MINUTE + 1);
      await expect(signIn(database.db, clock, limits, { username, password, ip })).resolves.toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts 25 parallel wrong passwords exactly: the limit answers 'wrong password', the rest 'too many'", async () => {
    const { username } = await createUser(database.db);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () => signIn(database.db, new FakeClock(), limits, { username, password: "wrong", ip: "10.3.0.1" })),
    );
    const kinds = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).kind : "signed-in"));
    expect(kinds.filter((k) => k === "unauthenticated")).toHaveLength(limits.maxFailures);
    expect(kinds.filter((k) => k === "rate_limited")).toHaveLength(25 - limits.maxFailures);
  });

  it("lets the owner sign in from home while guesses from another address are refused", async () => {
    const { username, password } = await createUser(database.db);
    for (let i = 0; i < limits.maxFailures + 3; i++) {
      await signIn(database.db, new FakeClock(), limits, { username, password: "wrong", ip: "198.51.100.7" }).catch(() => undefined);
    }
    await expect(signIn(database.db, new FakeClock(), limits, { username, password, ip: "198.51.100.7" })).rejects.toMatchObject({
      kind: "rate_limited",
    });
    await expect(signIn(database.db, new FakeClock(), limits, { username, password, ip: "203.0.113.20" })).resolves.toBeTruthy();
  });

  it("pauses an account guessed at from many addresses once the slower account-wide ceiling is reached", async () => {
    const { username, password } = await createUser(database.db);
    const tight = { ...limits, accountMaxFailures: 8 };
    for (let i = 0; i < 8; i++) {
      await expect(signIn(database.db, new FakeClock(), tight, { username, password: "wrong", ip: `10.4.${i}.1` })).rejects.toMatchObject({
        kind: "unauthenticated",
      });
    }
    await expect(signIn(database.db, new FakeClock(), tight, { username, password, ip: "10.4.99.1" })).rejects.toMatchObject({
      kind: "rate_limited",
    });
  });

  it("lets a whole community office behind one address mistype without locking each other out", async () => {
    const office = "10.5.0.1";
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser(database.db)));
    for (const person of people) {
      for (let i = 0; i < limits.maxFailures - 1; i++) {
        await expect(
          signIn(database.db, new FakeClock(), limits, { username: person.username, password: "typo", ip: office }),
        ).rejects.toMatchObject({ kind: "unauthenticated" });
      }
    }
    // 24 failures from one address, more than the old per-address limit of 20: everyone still gets in.
    for (const person of people) {
      await expect(
        signIn(database.db, new FakeClock(), limits, { username: person.username, password: person.password, ip: office }),
      ).resolves.toBeTruthy();
    }
  });

  it("stops one address that tries too many accounts", async () => {
    const tight = { ...limits, ipMaxFailures: 6 };
    const people = await Promise.all(Array.from({ length: 7 }, () => createUser(database.db)));
    for (const person of people.slice(0, 6)) {
      await expect(
        signIn(database.db, new FakeClock(), tight, { username: person.username, password: "guess", ip: "10.6.0.1" }),
      ).rejects.toMatchObject({ kind: "unauthenticated" });
    }
    await expect(
      signIn(database.db, new FakeClock(), tight, { username: people[6]!.username, password: "guess", ip: "10.6.0.1" }),
    ).rejects.toMatchObject({ kind: "rate_limited" });
  });

  it("keeps only one counter row per key, each with an expiry", async () => {
    const { username } = await createUser(database.db);
    for (let i = 0; i < 3; i++)
      await signIn(database.db, new FakeClock(), limits, { username, password: "wrong", ip: "10.7.0.1" }).catch(() => undefined);
    const rows = await database.db.signInLimit.findMany({ where: { key: { contains: username } } });
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.expire && row.expire.getTime() > Date.now())).toBe(true);
  });

  it("rotates the session: the one the visitor arrived with stops working", async () => {
    const { username, password } = await createUser(database.db);
    const first = await signIn(database.db, new FakeClock(), limits, { username, password, ip: "10.2.0.1" });
    const second = await signIn(database.db, new FakeClock(), limits, {
      username,
      password,
      ip: "10.2.0.1",
      previousSessionId: first.sessionId,
    });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await database.db.session.findUnique({ where: { id: first.sessionId } })).toBeNull();
  });
});

describe("signing in on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshPostgres();
  });
  afterAll(async () => database?.drop());

  it("counts 25 parallel wrong passwords exactly across the pool's connections", async () => {
    const { username, password } = await createUser(database.db);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () => signIn(database.db, new FakeClock(), limits, { username, password: "wrong", ip: "10.8.0.1" })),
    );
    const kinds = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).kind : "signed-in"));
    expect(kinds.filter((k) => k === "unauthenticated")).toHaveLength(limits.maxFailures);
    expect(kinds.filter((k) => k === "rate_limited")).toHaveLength(25 - limits.maxFailures);
    await expect(signIn(database.db, new FakeClock(), limits, { username, password, ip: "10.8.0.2" })).resolves.toBeTruthy();
  });
});

describe("signing in over HTTP", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let account: { username: string; password: string };

  beforeAll(async () => {
    database = await freshSqlite();
    // Loopback is the test's proxy, so X-Forwarded-For stands for the visitor's address.
    server = await startServer(database.url, { SIGNIN_MAX_FAILURES: "3", TRUST_PROXY: "loopback" });
  });
  // Each test signs in a member of staff of a community of its own.
  beforeEach(async () => {
    const { community } = await createCommunity(database.db);
    account = await createUser(database.db, { communityId: community.id, role: "community_staff" });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  function post(path: string, form: Record<string, string>, cookie = "", from = "192.0.2.1") {
    return fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "Accept-Language": "zh-CN", "X-Forwarded-For": from },
      body: new URLSearchParams(form),
    });
  }

  function sessionCookieOf(response: Response): string {
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("yishi_session="));
    if (!cookie) throw new Error("no session cookie");
    return cookie;
  }

  it("sets an httpOnly, SameSite=Lax session cookie and a new one at every sign-in", async () => {
    const first = await post("/login", { username: account.username, password: account.password, redirectTo: "/" });
    expect(first.status).toBe(302);
    const firstCookie = sessionCookieOf(first);
    expect(firstCookie).toMatch(/HttpOnly/i);
    expect(firstCookie).toMatch(/SameSite=Lax/i);

    const firstValue = firstCookie.split(";")[0];
    const home = await fetch(`${server.url}/`, { headers: { Cookie: firstValue } });
    expect(await home.text()).toContain("社区工作台");

    const second = await post("/login", { username: account.username, password: account.password }, firstValue);
    const secondValue = sessionCookieOf(second).split(";")[0];
    expect(secondValue).not.toBe(firstValue);
    // The old session id no longer signs anyone in.
    const stale = await fetch(`${server.url}/`, { headers: { Cookie: firstValue } });
    expect(await stale.text()).not.toContain("社区工作台");
  });

  it("shows a translated error and keeps the username when the password is wrong", async () => {
    const response = await post("/login", { username: account.username, password: "wrong" });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain("用户名或密码不正确");
    expect(html).toContain(`value="${account.username}"`);
  });

  it("answers 429 after too many failures", async () => {
    const { username } = await createUser(database.db);
    for (let i = 0; i < 3; i++) expect((await post("/login", { username, password: "wrong" })).status).toBe(401);
    const limited = await post("/login", { username, password: "wrong" });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("登录失败次数过多");
  });

  it("answers exactly the limit of 25 parallel wrong passwords with 401 and the rest with 429, saying how long to wait", async () => {
    const { username } = await createUser(database.db);
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => post("/login", { username, password: "wrong" }, "", "192.0.2.50")),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(22);
    const limited = responses.find((r) => r.status === 429)!;
    expect(await limited.text()).toContain("15 分钟后再试");
  });

  it("lets the owner sign in from another address while the attacker's address is refused", async () => {
    const owner = await createUser(database.db);
    for (let i = 0; i < 5; i++) await post("/login", { username: owner.username, password: "guess" }, "", "198.51.100.66");
    expect((await post("/login", { username: owner.username, password: owner.password }, "", "198.51.100.66")).status).toBe(429);
    expect((await post("/login", { username: owner.username, password: owner.password }, "", "203.0.113.5")).status).toBe(302);
  });

  it("reports the database in /healthz", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ ok: true, database: "up" });
  });
});
