import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDeploy } from "../../scripts/migrate";
import type { Db } from "../../app/infra/db.server";
import { createDb } from "../../app/infra/db.server";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A migrated SQLite file of its own under the OS temp folder. */
export async function freshSqlite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await migrateDeploy(url);
  const db = createDb(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const pgAdminUrl = process.env.YISHI_TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A migrated PostgreSQL database of its own (yishi_test_<random>), dropped afterwards. */
export async function freshPostgres(): Promise<TestDatabase> {
  const name = `yishi_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(pgAdminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  await migrateDeploy(url.toString());
  const db = createDb(url.toString());
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      const client = new pg.Client(pgAdminUrl);
      await client.connect();
      try {
        // A pool that was just closed may still be saying goodbye; killing its connections mid-way makes the
        // test process see "terminating connection" errors. Give them a moment to go, then force the rest.
        const deadline = Date.now() + 5_000;
        for (;;) {
          const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
          if (rows[0].n === 0 || Date.now() > deadline) break;
          // A bounded poll: until the database has no connections or the deadline passes.
          await new Promise((r) => setTimeout(r, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
