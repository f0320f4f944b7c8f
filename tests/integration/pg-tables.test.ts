/**
 * Processes started together on a fresh PostgreSQL database each create the tables the socket adapter and the
 * shared rate limits need; CREATE TABLE IF NOT EXISTS alone lets the loser of that race fail at start-up.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTableOnce } from "../../app/realtime/pg-tables.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres } from "../helpers/databases";

describe("tables made by several processes at once", () => {
  let database: TestDatabase;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    database = await freshPostgres();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database?.drop();
  });

  it("are made once, and every process starts", async () => {
    for (let i = 0; i < 6; i++) pools.push(new pg.Pool({ connectionString: database.url, max: 1 }));
    for (let round = 0; round < 5; round++) {
      const sql = `CREATE TABLE IF NOT EXISTS race_${round} (id bigserial UNIQUE, payload bytea)`;
      await expect(Promise.all(pools.map((pool) => createTableOnce(pool, sql)))).resolves.toHaveLength(pools.length);
    }
    const { rows } = await pools[0].query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'race\\_%'");
    expect(rows[0].n).toBe(5);
  });
});
