import type pg from "pg";

/**
 * `CREATE TABLE IF NOT EXISTS` is not safe against itself in PostgreSQL: two processes starting together on a
 * fresh database may both create, and the loser fails on a duplicate type (23505) or table (42P07). The
 * table then exists, so trying again finds it. Any other failure repeats and is thrown.
 */
export async function createTableOnce(pool: pg.Pool, sql: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await pool.query(sql);
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}
