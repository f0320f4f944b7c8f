import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { providerOf, sqliteFileOf } from "./database-url";
import { getEnv } from "./env.server";
import { reusingStatements } from "./sqlite-statements.server";

export { providerOf };
export type { DbProvider } from "./database-url";

/**
 * The app codes against the SQLite client's types. The PostgreSQL client is generated from the same
 * models (scripts/prisma-generate.ts), so its runtime API is identical; only the provider differs.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface DbOptions {
  /**
   * SQLite only. FULL (the default) fsyncs the WAL on every commit, so an acknowledged ballot survives a
   * power cut; NORMAL may lose the last commits. The bench compares the two (bench/live-vote/README.md).
   */
  sqliteSynchronous?: "FULL" | "NORMAL";
}

export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  if (providerOf(databaseUrl) === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
    return client as unknown as Db;
  }
  const file = sqliteFileOf(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A generous busy timeout lets several processes share one file; WAL lets readers run beside a writer.
  const client = new SqliteClient({ adapter: reusingStatements(new PrismaBetterSqlite3({ url: file, timeout: 10_000 })) });
  // The adapter holds one connection, so these run before any query issued after them.
  // (Prisma queries are lazy: .catch() is what starts them.)
  for (const pragma of ["journal_mode = WAL", `synchronous = ${options.sqliteSynchronous ?? "FULL"}`, "foreign_keys = ON"]) {
    client.$queryRawUnsafe(`PRAGMA ${pragma}`).catch((error: unknown) => {
      console.error(`[db] PRAGMA ${pragma} failed`, error);
    });
  }
  return client;
}

// Vite loads server modules twice in dev (remix-run/remix#9202); keep the one client on globalThis.
const globalForDb = globalThis as unknown as { __yishiDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__yishiDb) {
    globalForDb.__yishiDb = createDb(getEnv().DATABASE_URL);
  }
  return globalForDb.__yishiDb;
}

export async function disconnectDb(): Promise<void> {
  const pending = globalForDb.__yishiDb;
  globalForDb.__yishiDb = undefined;
  if (pending) await pending.$disconnect();
}

/** For /healthz: the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
