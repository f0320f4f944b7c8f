import path from "node:path";

/**
 * DATABASE_URL, read the same way by the app, the migration script and the other scripts:
 * `file:<path>` is the embedded SQLite database, `postgres://` or `postgresql://` is PostgreSQL.
 */
export type DbProvider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/yishi.db";
export const DATABASE_URL_PATTERN = /^(file:|postgres(ql)?:\/\/)/;

export function providerOf(databaseUrl: string): DbProvider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got ${databaseUrl.slice(0, 12)}…)`);
}

/** The SQLite file behind a `file:` URL, absolute; a `?…` suffix (connection options) is not part of the path. */
export function sqliteFileOf(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/** The URL with its password hidden, for logs. */
export function redactedDatabaseUrl(databaseUrl: string): string {
  return databaseUrl.replace(/(\/\/[^:@/]+:)[^@/]*@/, "$1***@");
}
