import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openMinutes, publishMinutes, sendForReview, signOff } from "../../app/domain/minutes/minutes.server";
import type { CommunityRole } from "../../app/domain/roles";
import { renderMinutesHtml } from "../../app/editor/render.server";
import { FakeClock } from "../../app/infra/clock";
import type { Db } from "../../app/infra/db.server";
import { verifyPassword } from "../../app/infra/password.server";
import { seedDemo } from "../../prisma/seed";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { actorOf } from "../helpers/fixtures";

/**
 * The demo (prisma/seed.ts) still works, and people can try what docs/demo-accounts.md promises. This is the
 * only test that reads the demo data: every other test builds its own world (tests/helpers/fixtures.ts).
 */
const t = (key: string) => key;
const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/demo-accounts.md"), "utf8");

interface DocumentedAccount {
  username: string;
  displayName: string | null;
  role: CommunityRole | "street_admin";
  /** Community names as the doc writes them (松木场…); empty for a street admin. */
  communities: string[];
  isResidentRep: boolean;
  grid: string | null;
  unit: string | null;
}

/** The doc's role column, by its English words. */
const ROLE_WORDS: [RegExp, DocumentedAccount["role"]][] = [
  [/Street admin/, "street_admin"],
  [/Community staff/, "community_staff"],
  [/Meeting host/, "meeting_host"],
  [/Grid worker/, "grid_worker"],
  [/Unit rep/, "unit_rep"],
  [/Expert/, "expert"],
  [/Resident/, "resident"],
];

/** Every account in the doc's two tables (a `res01` – `res12` row stands for twelve). */
function documentedAccounts(): DocumentedAccount[] {
  const accounts: DocumentedAccount[] = [];
  for (const line of doc.split("\n").filter((l) => l.startsWith("| `"))) {
    const cells = line.split("|").map((c) => c.trim());
    const main = cells.length === 8; // | user | password | name | role | community | what to try |
    const [userCell, nameCell, roleCell, communityCell] = main
      ? [cells[1], cells[3], cells[4], cells[5]]
      : [cells[1], cells[2], cells[3], cells[4]];
    const role = ROLE_WORDS.find(([words]) => words.test(roleCell))?.[1];
    if (!role) throw new Error(`docs/demo-accounts.md: no role in "${roleCell}"`);
    const range = /^`([a-z]+)(\d+)` – `[a-z]+(\d+)`$/.exec(userCell);
    const usernames = range
      ? Array.from(
          { length: Number(range[3]) - Number(range[2]) + 1 },
          (_, i) => `${range[1]}${String(Number(range[2]) + i).padStart(2, "0")}`,
        )
      : [userCell.replaceAll("`", "")];
    const reps: string[] = /reps: ((?:`[a-z0-9-]+`\s*)+)/.exec(roleCell)?.[1].match(/[a-z0-9-]+/g) ?? [];
    for (const username of usernames) {
      accounts.push({
        username,
        displayName: range ? null : nameCell,
        role,
        communities: role === "street_admin" ? [] : (communityCell.split(/[ (]/)[0]?.split("、") ?? []),
        isResidentRep: /Resident rep/.test(roleCell) || reps.includes(username),
        grid: /\(([A-Z]+-\d+)[ )]/.exec(roleCell)?.[1] ?? null,
        unit: role === "unit_rep" ? (/— ([^ (]+)/.exec(roleCell)?.[1] ?? null) : null,
      });
    }
  }
  return accounts;
}

/** The doc's community names and slugs, from "6 个社区 communities（松木场 `songmuchang`、…）". */
function documentedSlugs(): Map<string, string> {
  return new Map([...doc.matchAll(/([\u4e00-\u9fff]+) `([a-z]+)`/g)].map((m) => [m[1], m[2]]));
}

async function rowCounts(db: Db) {
  return {
    streets: await db.street.count(),
    communities: await db.community.count(),
    users: await db.user.count(),
    memberships: await db.membership.count(),
    units: await db.unit.count(),
    issues: await db.issue.count(),
    meetings: await db.meeting.count(),
    polls: await db.poll.count(),
    decisions: await db.decision.count(),
    actionItems: await db.actionItem.count(),
  };
}

describe("the demo seed", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshSqlite();
    expect(await seedDemo(database.db)).toEqual({ created: true });
  });
  afterEach(async () => database?.drop());

  it("fills an empty database, and running it again changes nothing", async () => {
    const counts = await rowCounts(database.db);
    expect(counts.streets).toBe(1);
    expect(counts.issues).toBeGreaterThan(0);
    expect(await seedDemo(database.db)).toEqual({ created: false });
    expect(await rowCounts(database.db)).toEqual(counts);
  });

  it("has every account docs/demo-accounts.md lists, in the roles and places it says, with the documented password", async () => {
    const db = database.db;
    const accounts = documentedAccounts();
    expect(accounts.length).toBeGreaterThan(30);
    const slugs = documentedSlugs();
    const password = /密码都是 \/ Every account's password is \*\*`([^`]+)`\*\*/.exec(doc)?.[1];
    expect(password).toBeDefined();
    const checkedHashes = new Map<string, boolean>();

    for (const account of accounts) {
      const user = await db.user.findUnique({
        where: { username: account.username },
        include: { streetAdminOf: true, memberships: { include: { community: true, grid: true, unit: true } } },
      });
      expect(user, account.username).not.toBeNull();
      if (!user) continue;
      if (account.displayName) expect(user.displayName, account.username).toBe(account.displayName);
      if (!checkedHashes.has(user.passwordHash))
        checkedHashes.set(user.passwordHash, await verifyPassword(user.passwordHash, password as string));
      expect(checkedHashes.get(user.passwordHash), `${account.username} signs in with the documented password`).toBe(true);

      if (account.role === "street_admin") {
        expect(user.streetAdminOf?.slug, account.username).toBe(/slug `([a-z]+)`/.exec(doc)?.[1]);
        continue;
      }
      const roles = user.memberships.filter((m) => m.role === account.role);
      expect(roles.map((m) => m.community.slug).sort(), account.username).toEqual(
        account.communities.map((name) => slugs.get(name)).sort(),
      );
      for (const membership of roles) {
        if (account.role === "resident") expect(membership.isResidentRep, account.username).toBe(account.isResidentRep);
        if (account.grid) expect(membership.grid?.code, account.username).toBe(account.grid);
        if (account.unit) expect(membership.unit?.nameZh, account.username).toBe(account.unit);
      }
    }
  });

  it("drafts, signs and publishes minutes of its ended meeting whose locked blocks match the recorded polls and decisions", async () => {
    const db = database.db;
    const meeting = await db.meeting.findFirst({
      where: { status: "ended", polls: { some: { status: "closed" } } },
      include: { polls: true, decisions: true },
    });
    expect(meeting, "the demo seed has an ended meeting with closed polls").toBeTruthy();
    if (!meeting) return;
    const clock = new FakeClock();
    const staff = await actorOf(db, (await db.user.findUniqueOrThrow({ where: { username: "staff" } })).id);
    const minutes = await openMinutes(db, clock, staff, meeting.id, t, "zh-CN");
    const blocks = [...minutes.content.matchAll(/"type":"(vote-result|decision|attendance)"/g)].map((m) => m[1]);
    expect(blocks.filter((b) => b === "vote-result")).toHaveLength(meeting.polls.filter((p) => p.status === "closed" && p.result).length);
    expect(blocks.filter((b) => b === "decision")).toHaveLength(meeting.decisions.length);
    expect(renderMinutesHtml(minutes.content, t)).toContain('data-kind="vote-result"');
    await sendForReview(db, clock, staff, minutes.id);
    await signOff(db, clock, await actorOf(db, meeting.hostId), { minutesId: minutes.id, revision: minutes.revision });
    const published = await publishMinutes(db, clock, staff, { minutesId: minutes.id });
    expect(published?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
