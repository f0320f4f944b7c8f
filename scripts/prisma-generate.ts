/**
 * Derives prisma/postgres/schema.prisma from prisma/schema.prisma (SQLite, the source of truth)
 * and generates both Prisma clients. Usage: tsx scripts/prisma-generate.ts [--force]
 *
 * Prisma refuses `provider = env(...)`, and a client generated for one provider refuses the other
 * provider's driver adapter, so we keep two schemas and two clients (see docs/decisions/0001).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const sqliteSchemaPath = path.join(root, "prisma/schema.prisma");
export const postgresSchemaPath = path.join(root, "prisma/postgres/schema.prisma");
const generatedDir = path.join(root, "app/generated");
const hashFile = path.join(generatedDir, ".schema-hash");
const outputs = ["sqlite", "postgres"].map((name) => path.join(generatedDir, name));

const HEADER = "// generated from prisma/schema.prisma — do not edit\n\n";

/** Returns the PostgreSQL schema text: only the datasource provider and the generator output differ. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  let providers = 0;
  let outputsSeen = 0;
  const text = sqliteSchema
    .replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/g, (_m, head: string) => {
      providers++;
      return `${head}"postgresql"`;
    })
    .replace(/(generator\s+\w+\s*\{[^}]*?output\s*=\s*)"[^"]*"/g, (_m, head: string) => {
      outputsSeen++;
      return `${head}"../../app/generated/postgres"`;
    })
    // Attributes only PostgreSQL understands (e.g. trigram GIN indexes) sit in the shared schema as
    // "// postgresql: <attribute>" comments, which SQLite ignores and the PostgreSQL schema switches on.
    .replace(/^(\s*)\/\/ postgresql: /gm, "$1");
  // Fail loudly rather than silently producing a second SQLite client.
  if (providers !== 1 || outputsSeen !== 1) {
    throw new Error(
      `prisma/schema.prisma must have exactly one sqlite datasource and one generator with an output (found ${providers} and ${outputsSeen})`,
    );
  }
  return HEADER + text;
}

function prismaGenerate(schemaPath: string): Promise<void> {
  const bin = path.join(root, "node_modules/.bin/prisma");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["generate", "--schema", schemaPath], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        // Any path makes the CLI skip downloading the native schema engine (impossible offline).
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
        // No update check / telemetry calls: they would wait on the network.
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma generate --schema ${schemaPath} exited with ${code}`))));
  });
}

async function readIfExists(file: string): Promise<string | null> {
  return existsSync(file) ? readFile(file, "utf8") : null;
}

export async function generate({ force = false } = {}): Promise<"generated" | "up-to-date"> {
  const sqliteSchema = await readFile(sqliteSchemaPath, "utf8");
  const postgresSchema = postgresSchemaFrom(sqliteSchema);
  if ((await readIfExists(postgresSchemaPath)) !== postgresSchema) {
    await mkdir(path.dirname(postgresSchemaPath), { recursive: true });
    await writeFile(postgresSchemaPath, postgresSchema);
  }

  // The Prisma version is part of the hash so upgrading Prisma regenerates the clients.
  const prismaPkg = await readFile(path.join(root, "node_modules/prisma/package.json"), "utf8");
  const version = (JSON.parse(prismaPkg) as { version: string }).version;
  const hash = createHash("sha256").update(version).update("\0").update(sqliteSchema).digest("hex");
  const upToDate = (await readIfExists(hashFile)) === hash && outputs.every((dir) => existsSync(dir));
  if (upToDate && !force) return "up-to-date";

  // The two generators write to different folders, so running them in parallel is safe.
  await Promise.all([prismaGenerate(sqliteSchemaPath), prismaGenerate(postgresSchemaPath)]);
  await writeFile(hashFile, hash);
  return "generated";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  generate({ force: process.argv.includes("--force") }).then(
    (result) => {
      const note = result === "up-to-date" ? "schema unchanged, clients up to date (use --force to regenerate)" : "clients generated";
      console.log(`prisma-generate: ${note} in ${Date.now() - started} ms`);
    },
    (error: unknown) => {
      console.error(`prisma-generate: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
