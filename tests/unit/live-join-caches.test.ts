import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "../../app/infra/sqlite-statements.server";
import { SharedUntilChanged } from "../../app/realtime/broadcasts.server";

/** A read that resolves when told to, with the "database" value as it was when the read began. */
function controlledReads() {
  let value = 0;
  let reads = 0;
  const pending: (() => void)[] = [];
  const read = () =>
    new Promise<number>((resolve) => {
      reads++;
      const seen = value;
      pending.push(() => resolve(seen));
    });
  return {
    read,
    set: (v: number) => (value = v),
    reads: () => reads,
    finishNext: () => pending.shift()?.(),
    pendingCount: () => pending.length,
  };
}

describe("the meeting copy joins share (SharedUntilChanged)", () => {
  it("answers every caller from one read until the value is invalidated, then reads again", async () => {
    const shared = new SharedUntilChanged<number>(1_000);
    const db = controlledReads();
    const first = shared.get("m", db.read);
    db.finishNext();
    expect(await first).toBe(0);
    // A thousand joins after it: no read.
    const joins = await Promise.all(Array.from({ length: 1000 }, () => shared.get("m", db.read)));
    expect(new Set(joins)).toEqual(new Set([0]));
    expect(db.reads()).toBe(1);

    db.set(1);
    shared.invalidate("m");
    const after = shared.get("m", db.read);
    db.finishNext();
    expect(await after).toBe(1);
    expect(db.reads()).toBe(2);
  });

  it("does not keep a read that an invalidation overtook, and never serves it to a caller who asked after the change", async () => {
    const shared = new SharedUntilChanged<number>(1_000);
    const db = controlledReads();
    const early = shared.get("m", db.read); // the read begins, sees 0
    db.set(1);
    shared.invalidate("m"); // the change is announced while that read is still running
    const late = shared.get("m", db.read);
    db.finishNext();
    expect(await early).toBe(0); // asked before the change: the read it shares began after it asked
    await expect.poll(() => db.pendingCount()).toBe(1);
    db.finishNext();
    expect(await late).toBe(1);
    // And the overtaken read was not kept: the next caller gets 1 without reading.
    expect(await shared.get("m", db.read)).toBe(1);
    expect(db.reads()).toBe(2);
  });

  it("reads again once the copy is older than its maximum age, even without an invalidation", async () => {
    let now = 0;
    const shared = new SharedUntilChanged<number>(1_000, () => now);
    const db = controlledReads();
    const first = shared.get("m", db.read);
    db.finishNext();
    await first;
    db.set(5); // a change made behind the live server's back
    now = 1_000;
    expect(await shared.get("m", db.read)).toBe(0);
    now = 1_001;
    const stale = shared.get("m", db.read);
    db.finishNext();
    expect(await stale).toBe(5);
    expect(db.reads()).toBe(2);
  });

  it("keeps meetings apart and stays bounded", async () => {
    const shared = new SharedUntilChanged<string>(1_000, Date.now, 10);
    for (let i = 0; i < 50; i++) expect(await shared.get(`m${i}`, async () => `state ${i}`)).toBe(`state ${i}`);
    shared.invalidate("m49");
    expect(await shared.get("m49", async () => "changed")).toBe("changed");
    expect(await shared.get("m48", async () => "not read")).toBe("state 48");
  });
});

describe("SQLite statements prepared once per SQL text", () => {
  function database() {
    const raw = new Database(":memory:");
    let prepared = 0;
    const counting = new Proxy(raw, {
      get(target, property) {
        if (property === "prepare")
          return (sql: string) => {
            prepared++;
            return target.prepare(sql);
          };
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { raw, counting, prepared: () => prepared };
  }

  it("runs a cached statement with each call's own arguments, as the adapter calls it", () => {
    const { counting, prepared } = database();
    const db = withStatementCache(counting, 10) as unknown as {
      prepare(sql: string): { run(): unknown; bind(args: unknown[]): { reader: boolean; run(): unknown; raw(): { all(): unknown[] } } };
      exec(sql: string): void;
    };
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
    db.prepare("BEGIN").run();
    for (const [id, name] of [
      [1, "一"],
      [2, "二"],
      [3, "三"],
    ] as const)
      db.prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([id, name]).run();
    db.prepare("COMMIT").run();
    const select = `SELECT name FROM t WHERE id = ?`;
    expect(db.prepare(select).bind([2]).reader).toBe(true);
    expect(db.prepare(select).bind([2]).raw().all()).toEqual([["二"]]);
    expect(db.prepare(select).bind([3]).raw().all()).toEqual([["三"]]);
    // BEGIN, INSERT, COMMIT, SELECT: each prepared once however often it ran.
    expect(prepared()).toBe(4);
  });

  it("drops the least recently used statement beyond its capacity", () => {
    const { counting, prepared } = database();
    const db = withStatementCache(counting, 2) as unknown as {
      prepare(sql: string): { bind(a: unknown[]): { raw(): { all(): unknown[] } } };
    };
    const q = (n: number) => db.prepare(`SELECT ${n}`).bind([]).raw().all();
    q(1);
    q(2);
    q(1); // 1 is now the most recent
    q(3); // drops 2
    expect(prepared()).toBe(3);
    q(1);
    expect(prepared()).toBe(3);
    q(2);
    expect(prepared()).toBe(4);
  });
});
