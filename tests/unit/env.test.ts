import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/infra/env.server";

describe("environment validation", () => {
  it("runs on the embedded SQLite default with nothing configured", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/yishi.db");
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe("development");
    expect(env.SOCKET_ADAPTER).toBe("memory");
  });

  it("accepts PostgreSQL and coerces numbers", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u@localhost/yishi", PORT: "8080", SOCKET_ADAPTER: "postgres" });
    expect(env.PORT).toBe(8080);
    expect(env.SOCKET_ADAPTER).toBe("postgres");
  });

  it("refuses a database URL it cannot serve", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/yishi" })).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/yishi" })).toThrow(/DATABASE_URL/);
  });

  it("refuses a port that is not a port", () => {
    expect(() => parseEnv({ PORT: "seventy" })).toThrow(/PORT/);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });

  it("requires a session secret in production, and a long one", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "a-long-enough-secret" }).NODE_ENV).toBe("production");
  });

  it("refuses the PostgreSQL socket adapter on SQLite", () => {
    expect(() => parseEnv({ SOCKET_ADAPTER: "postgres" })).toThrow(/SOCKET_ADAPTER/);
  });

  it("takes the Redis socket adapter only with a redis:// REDIS_URL, and lets the socket budgets follow it", () => {
    expect(() => parseEnv({ SOCKET_ADAPTER: "redis" })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ SOCKET_RATE_LIMIT_STORE: "redis" })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ SOCKET_ADAPTER: "redis", REDIS_URL: "http://cache:6379" })).toThrow(/REDIS_URL/);
    const env = parseEnv({ SOCKET_ADAPTER: "redis", REDIS_URL: "redis://127.0.0.1:6379" });
    expect(env).toMatchObject({ SOCKET_ADAPTER: "redis", REDIS_URL: "redis://127.0.0.1:6379", SOCKET_RATE_LIMIT_STORE: "auto" });
  });
});
