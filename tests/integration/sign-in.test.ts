import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../app/domain/accounts/sign-in.server";
import { FakeClock, MINUTE } from "../../app/domain/clock";
import { DomainError } from "../../app/domain/errors";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
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
    await expect(signIn(database.db, new FakeClock(), limits, { username: ` ${username.toUpperCase()} `, password, ip: "10.0.0.2" })).resolves.toBeTruthy();
  });

  it("fails with a wrong password or an unknown user, with the same message", async () => {
    const { username } = await createUser(database.db);
    const wrong = signIn(database.db, new FakeClock(), limits, { username, password: "nope", ip: "10.0.0.3" });
    await expect(wrong).rejects.toMatchObject({ key: "errors.signin.invalid" });
    const unknown = signIn(database.db, new FakeClock(), limits, { username: "nobody-here", password: "nope", ip: "10.0.0.3" });
    await expect(unknown).rejects.toMatchObject({ key: "errors.signin.invalid" });
  });

  it("refuses even the right password after too many failures, until the window passes", async () => {
    const clock = new FakeClock();
    const { username, password } = await createUser(database.db);
    for (let i = 0; i < limits.maxFailures; i++) {
      await expect(signIn(database.db, clock, limits, { username, password: "wrong", ip: `10.1.0.${i}` })).rejects.toMatchObject({ kind: "unauthenticated" });
    }
    const blocked = signIn(database.db, clock, limits, { username, password, ip: "10.1.1.1" });
    await expect(blocked).rejects.toBeInstanceOf(DomainError);
    await expect(signIn(database.db, clock, limits, { username, password, ip: "10.1.1.1" })).rejects.toMatchObject({ kind: "rate_limited" });
    clock.advance(limits.windowMinutes * MINUTE + 1);
    await expect(signIn(database.db, clock, limits, { username, password, ip: "10.1.1.1" })).resolves.toBeTruthy();
  });

  it("rotates the session: the one the visitor arrived with stops working", async () => {
    const { username, password } = await createUser(database.db);
    const first = await signIn(database.db, new FakeClock(), limits, { username, password, ip: "10.2.0.1" });
    const second = await signIn(database.db, new FakeClock(), limits, { username, password, ip: "10.2.0.1", previousSessionId: first.sessionId });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await database.db.session.findUnique({ where: { id: first.sessionId } })).toBeNull();
  });
});

describe("signing in over HTTP", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let account: { username: string; password: string };

  beforeAll(async () => {
    database = await freshSqlite();
    const { community } = await createCommunity(database.db);
    account = await createUser(database.db, { communityId: community.id, role: "community_staff" });
    server = await startServer(database.url, { SIGNIN_MAX_FAILURES: "3" });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  function post(path: string, form: Record<string, string>, cookie = "") {
    return fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "Accept-Language": "zh-CN" },
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

  it("reports the database in /healthz", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ ok: true, database: "up" });
  });
});
