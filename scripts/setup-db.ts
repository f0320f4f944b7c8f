/**
 * Brings the database at DATABASE_URL up to date: generate the Prisma clients if the schema changed,
 * apply pending migrations, and seed the demo community only into an empty database
 * (set YISHI_SEED=0 to skip the demo data). Real data is never overwritten.
 */
import { DEFAULT_DATABASE_URL } from "../app/infra/database-url";
import { generate } from "./prisma-generate";
import { migrateDeploy } from "./migrate";

const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

async function main() {
  const generated = await generate();
  if (generated === "generated") console.log("Prisma clients generated.");
  const { applied } = await migrateDeploy(databaseUrl);
  console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database schema is up to date.");
  if (process.env.YISHI_SEED === "0") return;
  // Imported only now: the seed uses the generated client, which may have just been (re)generated.
  const { createDb } = await import("../app/infra/db.server");
  const { seedDemo } = await import("../prisma/seed");
  const db = createDb(databaseUrl);
  try {
    const { created } = await seedDemo(db);
    console.log(created ? "Demo community seeded." : "Existing data kept (no demo seed).");
  } finally {
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
