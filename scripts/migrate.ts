/**
 * Prisma migrations without the native schema engine (it cannot be downloaded offline): the same
 * engine compiled to WebAssembly, driven through the driver adapters. See docs/decisions/0001.
 *
 *   tsx scripts/migrate.ts deploy          apply pending migrations to DATABASE_URL
 *   tsx scripts/migrate.ts create <name>   new migration for SQLite and PostgreSQL from the schemas
 *
 * Set DEBUG=migrate to print the engine's log.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";
import type * as SchemaEngineWasm from "@prisma/schema-engine-wasm";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import pg from "pg";

import type { DbProvider } from "../app/infra/database-url";
import { DEFAULT_DATABASE_URL, providerOf, redactedDatabaseUrl, sqliteFileOf } from "../app/infra/database-url";
import { postgresSchemaFrom, postgresSchemaPath, root, sqliteSchemaPath } from "./prisma-generate";

type Provider = DbProvider;

const targets = {
  sqlite: { schemaPath: sqliteSchemaPath, migrationsDir: path.join(root, "prisma/migrations") },
  postgresql: { schemaPath: postgresSchemaPath, migrationsDir: path.join(root, "prisma/postgres/migrations") },
} as const;

/**
 * Tables the engine must neither diff nor drop: SQLite's FTS5 index over issues and its shadow tables, made by
 * hand in the issue_search migration (Prisma cannot model virtual tables; see docs/decisions/0024).
 */
const ISSUE_SEARCH_TABLES = [
  "IssueSearch",
  "IssueSearchTerms",
  "IssueSearch_config",
  "IssueSearch_data",
  "IssueSearch_docsize",
  "IssueSearch_idx",
];
const filtersFor = (provider: Provider): SchemaFilter => ({
  externalTables: provider === "sqlite" ? ISSUE_SEARCH_TABLES : [],
  externalEnums: [],
});
const debug = /\bmigrate\b|\*/.test(process.env.DEBUG ?? "");

// ───────────── engine loading ─────────────

type EngineModule = typeof SchemaEngineWasm;
let engineModule: Promise<EngineModule> | undefined;

/**
 * The package entry imports the .wasm file as an ES module, which Node 20 cannot do, so we
 * instantiate it ourselves. Compiling 5 MB of wasm costs ~0.3 s, hence the cache.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const bgPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const imports = { ...bg } as unknown as WebAssembly.ModuleImports;
    // The engine arms a timeout around the PostgreSQL advisory lock and never clears it, which
    // would keep the process alive ~10 s after we finish. The lock query itself holds the event
    // loop open while it matters, so the timer can be unref'd.
    for (const name of Object.keys(bg).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
      const original = imports[name] as (fn: () => void, ms: number) => NodeJS.Timeout;
      imports[name] = (fn: () => void, ms: number) => original(fn, ms).unref();
    }
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return engineModule;
}

// ───────────── driver adapters ─────────────

/** Collects every adapter handed to the engine so we can close them: the engine does not. */
class AdapterPool {
  private readonly open = new Set<SqlDriverAdapter>();

  track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    // pg's Pool.end() throws when called twice; the engine may dispose some adapters itself.
    adapter.dispose = () => {
      this.open.delete(adapter);
      return (disposed ??= dispose());
    };
    this.open.add(adapter);
    return adapter;
  }

  async disposeAll(): Promise<void> {
    await Promise.allSettled([...this.open].map((adapter) => adapter.dispose()));
  }
}

/** better-sqlite3 refuses multi-statement `executeRaw`, which the engine uses to replay migrations. */
function scriptForParameterlessExecute(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

interface PgResult {
  fields: { dataTypeID: number }[];
}
interface PgQueryablePrivate {
  performIO(query: SqlQuery): Promise<PgResult>;
  startTransaction?(isolationLevel?: string): Promise<PgQueryablePrivate>;
}

/**
 * adapter-pg cannot map the internal `"char"` type (OID 18) that the engine's catalog queries
 * return (e.g. pg_constraint.contype); its values arrive as strings anyway, so call them text (25).
 */
function charAsText<T>(queryable: T): T {
  const target = queryable as unknown as PgQueryablePrivate;
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  const startTransaction = target.startTransaction?.bind(target);
  if (startTransaction) target.startTransaction = async (level) => charAsText(await startTransaction(level));
  return queryable;
}

/** Opens an empty shadow database; only `create` has one. */
type ShadowConnector = () => Promise<SqlDriverAdapter>;

/** Builds the factory the engine connects through. */
function adapterFactory(databaseUrl: string, pool: AdapterPool, connectShadow?: ShadowConnector): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(databaseUrl) === "sqlite") {
    const factory = new PrismaBetterSqlite3({ url: databaseUrl });
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => pool.track(await factory.connect()),
      // In-memory shadow database: fresh on every connection, nothing to clean up.
      connectToShadowDb: async () => pool.track(scriptForParameterlessExecute(await factory.connectToShadowDb())),
    };
  }
  const factory = new PrismaPg({ connectionString: databaseUrl });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => pool.track(charAsText(await factory.connect())),
    // Not adapter-pg's own shadow database: it can point at the main database and is never dropped.
    connectToShadowDb: async () => {
      if (!connectShadow) throw new Error("No shadow database configured (only `create` needs one)");
      return pool.track(charAsText(await connectShadow()));
    },
  };
}

/** Runs `work` with a fresh SchemaEngine (engines keep connection state, so never reuse one). */
async function withEngine<T>(
  options: { databaseUrl: string; schemaPath: string; schema: string; connectShadow?: ShadowConnector },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const pool = new AdapterPool();
  const log = (message: string) => debug && console.error(`[schema-engine] ${message}`);
  try {
    const engine = await SchemaEngine.new(
      { datamodels: [[options.schemaPath, options.schema]] },
      log,
      bindMigrationAwareSqlAdapterFactory(adapterFactory(options.databaseUrl, pool, options.connectShadow)),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    await pool.disposeAll();
  }
}

// ───────────── migrations on disk ─────────────

async function readMigrations(migrationsDir: string): Promise<MigrationList> {
  const entries = existsSync(migrationsDir) ? await readdir(migrationsDir, { withFileTypes: true }) : [];
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    shadowDbInitScript: "",
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(migrationsDir, name, "migration.sql");
        const content = existsSync(file)
          ? ({ tag: "ok", value: await readFile(file, "utf8") } as const)
          : ({ tag: "error", value: `${file} not found` } as const);
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

// ───────────── deploy ─────────────

/** Applies pending migrations (idempotent), recording them in `_prisma_migrations` like `prisma migrate deploy`. */
export async function migrateDeploy(databaseUrl: string): Promise<{ applied: string[] }> {
  const provider = providerOf(databaseUrl);
  const { schemaPath, migrationsDir } = targets[provider];
  if (provider === "sqlite") await mkdir(path.dirname(sqliteFileOf(databaseUrl)), { recursive: true });
  const migrationsList = await readMigrations(migrationsDir);
  // Deploy does not diff against the schema, so a missing schema file is not an error here.
  const schema = existsSync(schemaPath) ? await readFile(schemaPath, "utf8") : "";
  const { appliedMigrationNames } = await withEngine({ databaseUrl, schemaPath, schema }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: filtersFor(provider) }),
  );
  return { applied: appliedMigrationNames };
}

// ───────────── create ─────────────

const pgAdminUrl = () => process.env.MIGRATE_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Same server and credentials as the admin URL, another database. */
function pgUrlFor(database: string): string {
  const url = new URL(pgAdminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` against throwaway databases, which are removed even when it fails. */
async function withScratchDatabases<T>(
  provider: Provider,
  work: (databaseUrl: string, connectShadow?: ShadowConnector) => Promise<T>,
): Promise<T> {
  const id = () => randomUUID().replaceAll("-", "");
  if (provider === "sqlite") {
    const file = path.join(os.tmpdir(), `prisma_tmp_${id()}.db`);
    try {
      return await work(`file:${file}`);
    } finally {
      await Promise.all(["", "-journal", "-wal", "-shm"].map((suffix) => rm(file + suffix, { force: true })));
    }
  }
  const admin = new pg.Client({ connectionString: pgAdminUrl() });
  await admin.connect();
  const created: string[] = [];
  const createDatabase = async (name: string) => {
    await admin.query(`CREATE DATABASE "${name}"`);
    created.push(name);
    return pgUrlFor(name);
  };
  // FORCE: an engine connection may still linger after a failure.
  const dropDatabase = (name: string) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {});
  // The engine expects an empty shadow database on every connection (devDiagnostic alone
  // connects twice), so each one gets its own database, dropped when the engine disposes it.
  const connectShadow: ShadowConnector = async () => {
    const name = `prisma_shadow_${id()}`;
    const adapter = await new PrismaPg({ connectionString: await createDatabase(name) }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await dropDatabase(name);
    };
    return adapter;
  };
  try {
    return await work(await createDatabase(`prisma_tmp_${id()}`), connectShadow);
  } finally {
    for (const name of created) await dropDatabase(name).catch(() => {});
    await admin.end();
  }
}

interface Draft {
  provider: Provider;
  connectorType: string;
  generatedName: string;
  script: string | null;
}

async function draftMigration(provider: Provider, name: string, schema: string): Promise<Draft> {
  const { schemaPath, migrationsDir } = targets[provider];
  const migrationsList = await readMigrations(migrationsDir);
  return withScratchDatabases(provider, (databaseUrl, connectShadow) =>
    withEngine({ databaseUrl, schemaPath, schema, connectShadow }, async (engine) => {
      // Same steps as `prisma migrate dev`: bring the scratch database up to date, let the engine
      // replay history in the shadow database, then diff it against the schema.
      const filters = filtersFor(provider);
      await engine.applyMigrations({ migrationsList, filters });
      const { action } = await engine.devDiagnostic({ migrationsList, filters });
      if (action.tag === "reset") throw new Error(`${provider}: migration history is inconsistent: ${action.reason}`);
      const result = await engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList,
        schema: { files: [{ path: schemaPath, content: schema }] },
        filters,
      });
      return {
        provider,
        connectorType: result.connectorType,
        generatedName: result.generatedMigrationName,
        script: result.migrationScript,
      };
    }),
  );
}

/** Creates `<timestamp>_<name>` for both providers; writes nothing unless both drafts succeed. */
export async function migrateCreate(name: string): Promise<string[]> {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error("Migration name must match [A-Za-z0-9_-]+");
  const sqliteSchema = await readFile(sqliteSchemaPath, "utf8");
  // Derived in memory so a forgotten `db:generate` cannot produce a stale PostgreSQL migration.
  const drafts = [
    await draftMigration("sqlite", name, sqliteSchema),
    await draftMigration("postgresql", name, postgresSchemaFrom(sqliteSchema)),
  ];
  // One directory name for both providers, even if the clock ticked between the two drafts.
  const dirName = drafts.find((draft) => draft.script !== null)?.generatedName;
  const written: string[] = [];
  for (const draft of drafts) {
    if (draft.script === null || !dirName) continue;
    const { migrationsDir } = targets[draft.provider];
    await mkdir(path.join(migrationsDir, dirName), { recursive: true });
    await writeFile(path.join(migrationsDir, dirName, "migration.sql"), draft.script);
    await writeFile(
      path.join(migrationsDir, "migration_lock.toml"),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${draft.connectorType}"\n`,
    );
    written.push(path.relative(root, path.join(migrationsDir, dirName, "migration.sql")));
  }
  return written;
}

// ───────────── CLI ─────────────

async function main(args: string[]): Promise<void> {
  const [command, name] = args;
  if (command === "deploy") {
    const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
    const { applied } = await migrateDeploy(databaseUrl);
    const where = redactedDatabaseUrl(databaseUrl);
    console.log(applied.length ? `Applied to ${where}:\n${applied.map((m) => `  ${m}`).join("\n")}` : `${where}: no pending migrations`);
  } else if (command === "create" && name) {
    const written = await migrateCreate(name);
    console.log(written.length ? `Created:\n${written.map((file) => `  ${file}`).join("\n")}` : "no changes");
  } else {
    throw new Error("usage: tsx scripts/migrate.ts deploy | create <name>");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Exit explicitly: the engine and pg may leave handles behind; a CLI must not hang on them.
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
