import { describe, expect, it } from "vitest";
import { batchedSessionCheck } from "../../app/domain/accounts/sessions.server";
import type { Db } from "../../app/utils/db.server";

const now = new Date("2026-12-02T10:00:00Z");
const clock = { now: () => now };
const sessions = new Map([
  ["live", { id: "live", expiresAt: new Date("2026-12-03T00:00:00Z"), user: { disabledAt: null } }],
  ["expired", { id: "expired", expiresAt: new Date("2026-12-01T00:00:00Z"), user: { disabledAt: null } }],
  ["disabled", { id: "disabled", expiresAt: new Date("2026-12-03T00:00:00Z"), user: { disabledAt: new Date("2026-11-30T00:00:00Z") } }],
]);

function fakeDb(failing = false) {
  const queries: string[][] = [];
  const db = {
    session: {
      findMany: async ({ where }: { where: { id: { in: string[] } } }) => {
        queries.push(where.id.in);
        if (failing) throw new Error("database down");
        return where.id.in.flatMap((id) => (sessions.has(id) ? [sessions.get(id)] : []));
      },
    },
  } as unknown as Db;
  return { db, queries };
}

describe("checking sessions at every socket event", () => {
  it("answers each event's own session: live yes; expired, disabled, deleted no", async () => {
    const { db } = fakeDb();
    const check = batchedSessionCheck(() => db, clock);
    expect(await Promise.all(["live", "expired", "disabled", "gone"].map(check))).toEqual([true, false, false, false]);
  });

  it("asks the database once for a burst of a thousand ballots, not once per ballot", async () => {
    const { db, queries } = fakeDb();
    const check = batchedSessionCheck(() => db, clock);
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => check(i % 2 ? "live" : `voter-${i}`)));
    expect(answers.filter(Boolean)).toHaveLength(500);
    expect(queries).toHaveLength(2); // 501 distinct ids, 500 per query
    const later = await check("live");
    expect(later).toBe(true);
    expect(queries).toHaveLength(3);
  });

  it("fails every waiting event when the database fails, so each is refused rather than let through", async () => {
    const { db } = fakeDb(true);
    const check = batchedSessionCheck(() => db, clock);
    const results = await Promise.allSettled([check("live"), check("expired")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
