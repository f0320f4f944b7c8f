/**
 * A fresh SQLite database with the migrations applied and the bilingual demo community (prisma/seed.ts), as
 * the tracker and HTTP benches start from, and what a bench needs to find in it (never hard-coded).
 */
import Database from "better-sqlite3";
import { performance } from "node:perf_hooks";
import { seedDemo } from "../../prisma/seed";
import { migrateDeploy } from "../../scripts/migrate";
import { createDb } from "../../app/infra/db.server";

/** Migrates and seeds `file` (which must not hold a street yet); returns its DATABASE_URL and the seconds it took. */
export async function createDemoDatabase(file: string): Promise<{ url: string; seconds: number }> {
  const started = performance.now();
  const url = `file:${file}`;
  await migrateDeploy(url);
  const prisma = createDb(url);
  try {
    await seedDemo(prisma);
  } finally {
    await prisma.$disconnect();
  }
  return { url, seconds: (performance.now() - started) / 1000 };
}

/** The community with the most issues (the demo's fullest public pages): its id and slug. */
export function busiestCommunity(file: string): { id: string; slug: string; streetId: string } {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT c.id, c.slug, c.streetId FROM Community c LEFT JOIN Issue i ON i.communityId = c.id
         GROUP BY c.id ORDER BY COUNT(i.id) DESC, c.rowid LIMIT 1`,
      )
      .get() as { id: string; slug: string; streetId: string };
  } finally {
    sqlite.close();
  }
}
