import { z } from "zod";
import { DATABASE_URL_PATTERN, DEFAULT_DATABASE_URL } from "./database-url";

/** Configuration comes only from environment variables, checked once at start-up. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().regex(DATABASE_URL_PATTERN, "DATABASE_URL must start with file: or postgresql://").default(DEFAULT_DATABASE_URL),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
  UPLOAD_DIR: z.string().default("./data/uploads"),
  PUBLIC_URL: z.string().url().optional(),
  // "postgres" or "redis" lets several app processes share socket.io rooms (PostgreSQL NOTIFY or Redis
  // streams; ADR 0021 says which when).
  SOCKET_ADAPTER: z.enum(["memory", "postgres", "redis"]).default("memory"),
  // Redis for SOCKET_ADAPTER=redis (and the shared socket event budgets then).
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://")
    .optional(),
  // Where per-person socket event budgets are counted; "auto" follows SOCKET_ADAPTER (ADR 0014, 0021).
  SOCKET_RATE_LIMIT_STORE: z.enum(["auto", "memory", "postgres", "redis"]).default("auto"),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // Unset: ten times SIGNIN_MAX_FAILURES per four windows from all addresses together (ADR 0014).
  SIGNIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).optional(),
  SIGNIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(100),
  SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
  // Reminders, acceptance-window closing, end of public notice: once a minute in every process (idempotent).
  BACKGROUND_JOBS: z.enum(["on", "off"]).default("on"),
  // How often the background jobs run; tests shorten it to see a sweep's notifications arrive.
  YISHI_JOBS_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  // pino level for request and error logs (JSON lines on stdout); "silent" turns them off.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Bearer token for /metrics; without it only direct loopback connections may read it.
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  // Express "trust proxy" behind a load balancer: client IPs for the sign-in limits, HTTPS detection.
  TRUST_PROXY: z.string().min(1).optional(),
  // Public pages for anonymous readers kept for a few seconds in each process (ADR 0018); "off" renders every request.
  PAGE_CACHE: z.enum(["on", "off"]).default("on"),
  // Where `npm run build` put the app (benches build side by side into build-*).
  YISHI_BUILD_DIR: z.string().default("build"),
  // How long the first ballot of a batch waits for others (group commit); tests stretch it to catch a batch mid-flight.
  YISHI_BALLOT_GATHER_MS: z.coerce.number().int().min(0).max(5_000).default(8),
  // The longest a live server serves its shared copy of a meeting without reading it again (ADR 0019); every
  // change announced through the live server drops it at once. Tests stretch it to prove the announcements work.
  YISHI_LIVE_STATE_MAX_AGE_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    // Without a fixed secret every restart would sign everyone out and processes could not share sessions.
    throw new EnvError("Invalid environment:\n  SESSION_SECRET: required in production");
  }
  if (env.SOCKET_ADAPTER === "postgres" && !env.DATABASE_URL.startsWith("postgres")) {
    throw new EnvError("Invalid environment:\n  SOCKET_ADAPTER: postgres needs a postgresql:// DATABASE_URL");
  }
  if (env.SOCKET_RATE_LIMIT_STORE === "postgres" && !env.DATABASE_URL.startsWith("postgres")) {
    throw new EnvError("Invalid environment:\n  SOCKET_RATE_LIMIT_STORE: postgres needs a postgresql:// DATABASE_URL");
  }
  if ((env.SOCKET_ADAPTER === "redis" || env.SOCKET_RATE_LIMIT_STORE === "redis") && !env.REDIS_URL) {
    throw new EnvError("Invalid environment:\n  REDIS_URL: required by SOCKET_ADAPTER=redis or SOCKET_RATE_LIMIT_STORE=redis");
  }
  return env;
}

const globalForEnv = globalThis as unknown as { __yishiEnv?: Env };

export function getEnv(): Env {
  globalForEnv.__yishiEnv ??= parseEnv(process.env);
  return globalForEnv.__yishiEnv;
}
