import type BetterSqlite3 from "better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * Prisma's better-sqlite3 adapter prepares every query afresh (`client.prepare(sql).bind(args)`), and
 * preparing cost ~7 % of the server's CPU while a room of phones joined (bench/live-vote/README.md). This
 * keeps one prepared statement per distinct SQL text (at most `capacity`, least recently used dropped) and
 * hands the adapter a stand-in that runs it with each call's arguments.
 *
 * Safe because the adapter only ever runs a statement to completion synchronously (`run()`, `raw().all()`),
 * so a cached statement is never mid-iteration when it is used again, and SQLite re-prepares a statement by
 * itself after a schema change.
 */
export function reusingStatements(factory: SqlDriverAdapterFactory, capacity = 500): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      // The adapter and its transactions reach the database through this one public field.
      const holder = adapter as unknown as { client: BetterSqlite3.Database };
      holder.client = withStatementCache(holder.client, capacity);
      return adapter;
    },
  };
}

type Args = unknown[];

interface Bound {
  reader: boolean;
  run(): BetterSqlite3.RunResult;
  columns(): BetterSqlite3.ColumnDefinition[];
  raw(): { all(): unknown[] };
}

export function withStatementCache(database: BetterSqlite3.Database, capacity: number): BetterSqlite3.Database {
  const statements = new Map<string, BetterSqlite3.Statement<Args>>();
  // A statement's result columns are fixed once it is prepared; asking SQLite again cost as much as running it.
  const columns = new WeakMap<BetterSqlite3.Statement<Args>, BetterSqlite3.ColumnDefinition[]>();
  const columnsOf = (statement: BetterSqlite3.Statement<Args>) => {
    let known = columns.get(statement);
    if (!known) columns.set(statement, (known = statement.columns()));
    return known;
  };
  const statementFor = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last, so the first key is the one to drop.
      statements.delete(sql);
    } else {
      statement = database.prepare<Args>(sql);
      if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
    }
    statements.set(sql, statement);
    return statement;
  };
  const prepare = (sql: string) => {
    const statement = statementFor(sql);
    const bound = (args: Args): Bound => ({
      reader: statement.reader,
      run: () => statement.run(args),
      columns: () => columnsOf(statement),
      raw: () => ({ all: () => statement.raw(true).all(args) }),
    });
    return { reader: statement.reader, bind: bound, run: () => statement.run([]) };
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
