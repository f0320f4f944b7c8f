/**
 * Inserts the Beishan Street demo (prisma/seed-data.ts) into an empty database.
 *
 *   tsx prisma/seed.ts            seeds DATABASE_URL (default file:./data/yishi.db)
 *
 * It never touches real data: when any Street exists it does nothing and returns { created: false }.
 * Everything is written in one transaction, so a failure leaves the database empty.
 */
import { pathToFileURL } from "node:url";

import { createDb, type Db, type Tx } from "../app/infra/db.server";
import { hashPassword } from "../app/infra/password.server";
import { chinaMonthOf } from "../app/domain/figures/months";
import { demo, DEMO_PASSWORD, type DemoData, type SeedIssueStatus } from "./seed-data";
import { seedAdmin } from "./seed-admin";
import { seedPeople } from "./seed-people";
import { seedMeetings } from "./seed-meetings";
import { seedTracker } from "./seed-tracker";
import { seedUnits } from "./seed-units";
import { seedJointMeetings } from "./seed-joint-meetings";
import { seedAgreements } from "./seed-agreements";
import { seedIssueNeeds } from "./seed-issue-needs";
import { seedVolunteering } from "./seed-volunteering";
import { seedOpen311 } from "./seed-open311";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The event type written for the staff transition to each seeded status. */
const TRANSITION_EVENT_TYPE: Record<Exclude<SeedIssueStatus, "submitted">, string> = {
  accepted: "accepted",
  escalated: "escalated",
  in_progress: "in_progress",
  resolved: "resolved",
};

export async function seedDemo(db: Db, data: DemoData = demo): Promise<{ created: boolean }> {
  if ((await db.street.count()) > 0) return { created: false };

  // argon2 is deliberately slow: one hash, shared by every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();

  const result = await db.$transaction(
    async (tx) => {
      // Re-checked inside the transaction: two processes seeding at once must not both insert.
      if ((await tx.street.count()) > 0) return { created: false };
      await insertDemo(tx, data, passwordHash, now);
      return { created: true };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if (result.created) await seedMeetings(db, now);
  if (result.created) await seedTracker(db, now);
  if (result.created) await seedUnits(db, now);
  if (result.created) await seedAgreements(db, now);
  if (result.created) await seedJointMeetings(db, now);
  if (result.created) await seedIssueNeeds(db, now);
  if (result.created) await seedVolunteering(db, now);
  if (result.created) await seedOpen311(db, now);
  if (result.created) await seedAdmin(db, now);
  if (result.created) await seedPeople(db, now);
  return result;
}

async function insertDemo(tx: Tx, data: DemoData, passwordHash: string, now: Date): Promise<void> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  // Lists ordered by createdAt (the community switcher, unit lists) follow the order of the seed data.
  const inOrder = (index: number, count: number) => new Date(now.getTime() - (count - index) * 1000);

  // ── Places ──
  const street = await tx.street.create({
    data: { slug: data.street.slug, nameZh: data.street.name.zh, nameEn: data.street.name.en },
  });

  const communities = await tx.community.createManyAndReturn({
    data: data.communities.map((c, i, all) => ({
      streetId: street.id,
      slug: c.slug,
      nameZh: c.name.zh,
      nameEn: c.name.en,
      createdAt: inOrder(i, all.length),
    })),
    select: { id: true, slug: true },
  });
  const communityId = lookup("community", new Map(communities.map((c) => [c.slug, c.id])));

  const grids = await tx.grid.createManyAndReturn({
    data: data.communities.flatMap((c) =>
      c.grids.map((g) => ({
        communityId: communityId(c.slug),
        code: g.code,
        nameZh: g.name.zh,
        nameEn: g.name.en,
        households: g.households,
      })),
    ),
    select: { id: true, communityId: true, code: true },
  });
  const gridId = lookup("grid", new Map(grids.map((g) => [`${g.communityId}/${g.code}`, g.id])));
  const gridOf = (community: string, code: string) => gridId(`${communityId(community)}/${code}`);

  const categories = await tx.issueCategory.createManyAndReturn({
    data: data.communities.flatMap((c) =>
      data.categories.map((cat, position) => ({
        communityId: communityId(c.slug),
        key: cat.key,
        nameZh: cat.name.zh,
        nameEn: cat.name.en,
        position,
      })),
    ),
    select: { id: true, communityId: true, key: true },
  });
  const categoryId = lookup("issue category", new Map(categories.map((c) => [`${c.communityId}/${c.key}`, c.id])));

  // ── Participating units ──
  // Areas and units have no natural unique column, so rows are matched back by their Chinese name
  // (unique within the demo data; checked here).
  assertUnique(
    "area name",
    data.areas.map((a) => a.name.zh),
  );
  assertUnique(
    "unit name",
    data.units.map((u) => u.name.zh),
  );

  const areas = await tx.area.createManyAndReturn({
    data: data.areas.map((a) => ({ streetId: street.id, nameZh: a.name.zh, nameEn: a.name.en })),
    select: { id: true, nameZh: true },
  });
  const areaIdByName = new Map(areas.map((a) => [a.nameZh, a.id]));
  const areaId = lookup("area", new Map(data.areas.map((a) => [a.key, areaIdByName.get(a.name.zh)!])));

  const units = await tx.unit.createManyAndReturn({
    data: data.units.map((u, i, all) => ({
      streetId: street.id,
      communityId: u.community === undefined ? null : communityId(u.community),
      areaId: areaId(u.area),
      nameZh: u.name.zh,
      nameEn: u.name.en,
      kind: u.kind,
      sectorGroup: u.sectorGroup,
      contactName: u.contact.name,
      contactPhone: u.contact.phone,
      createdAt: inOrder(i, all.length),
    })),
    select: { id: true, nameZh: true, kind: true },
  });
  const unitByName = new Map(units.map((u) => [u.nameZh, u]));
  const unitByKey = new Map(data.units.map((u) => [u.key, unitByName.get(u.name.zh)!]));
  const unitId = lookup("unit", new Map([...unitByKey].map(([key, u]) => [key, u.id])));

  await tx.unitListItem.createMany({
    data: data.units.flatMap((u) =>
      [...u.resources.map((item) => ({ list: "resource", item })), ...u.needs.map((item) => ({ list: "need", item }))].map(
        ({ list, item }) => ({
          unitId: unitId(u.key),
          list,
          titleZh: item.title.zh,
          titleEn: item.title.en,
          description: item.description ?? null,
        }),
      ),
    ),
  });

  // ── People ──
  const users = await tx.user.createManyAndReturn({
    data: data.users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      phone: u.phone,
      passwordHash,
      expertise: u.expertise ?? null,
      streetAdminOfId: u.streetAdminOf === undefined ? null : streetIdFor(u.streetAdminOf),
    })),
    select: { id: true, username: true },
  });
  const userId = lookup("user", new Map(users.map((u) => [u.username, u.id])));

  function streetIdFor(slug: string): string {
    if (slug !== street.slug) throw new Error(`Seed data: unknown street "${slug}"`);
    return street.id;
  }

  await tx.membership.createMany({
    data: data.users.flatMap((u) =>
      u.memberships.map((m) => ({
        userId: userId(u.username),
        communityId: communityId(m.community),
        role: m.role,
        isResidentRep: m.isResidentRep ?? false,
        gridId: m.grid === undefined ? null : gridOf(m.community, m.grid),
        unitId: m.unit === undefined ? null : unitId(m.unit),
      })),
    ),
  });

  // ── Issues: numbered 1..n per community, oldest first ──
  const staffId = userId("staff");
  const ordered = data.issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => b.issue.createdDaysAgo - a.issue.createdDaysAgo || a.index - b.index)
    .map(({ issue }) => issue);
  const nextNumber = new Map<string, number>();

  const issueRows = ordered.map((issue) => {
    const number = (nextNumber.get(issue.community) ?? 0) + 1;
    nextNumber.set(issue.community, number);
    const createdAt = daysAgo(issue.createdDaysAgo);
    const changedAt = issue.status === "submitted" ? createdAt : daysAgo(issue.changedDaysAgo ?? Math.max(issue.createdDaysAgo - 1, 0));
    if (changedAt < createdAt) {
      throw new Error(`Seed data: issue "${issue.title}" changes status before it was created`);
    }

    let escalatedToId: string | null = null;
    let escalationDueAt: Date | null = null;
    if (issue.status === "escalated") {
      if (!issue.escalation) throw new Error(`Seed data: escalated issue "${issue.title}" names no unit`);
      const unit = unitByKey.get(issue.escalation.unit);
      if (!unit) throw new Error(`Seed data: unknown unit "${issue.escalation.unit}"`);
      if (unit.kind !== "department") {
        throw new Error(`Seed data: issue "${issue.title}" is escalated to "${issue.escalation.unit}", which is not a department`);
      }
      escalatedToId = unit.id;
      escalationDueAt = new Date(changedAt.getTime() + issue.escalation.dueInDays * DAY_MS);
    }

    return {
      issue,
      createdAt,
      changedAt,
      row: {
        number,
        communityId: communityId(issue.community),
        gridId: gridOf(issue.community, issue.grid),
        categoryId: categoryId(`${communityId(issue.community)}/${issue.category}`),
        title: issue.title,
        description: issue.description,
        address: issue.address,
        urgency: issue.urgency,
        status: issue.status,
        // One transition beyond submission bumps the check-and-set version once.
        version: issue.status === "submitted" ? 0 : 1,
        reporterId: userId(issue.reporter),
        escalatedToId,
        escalationDueAt,
        resolvedAt: issue.status === "resolved" ? changedAt : null,
        // What the figures count by (issue #14): the month raised and, once answered, the hours it took.
        raisedMonth: chinaMonthOf(createdAt),
        responseHours: issue.status === "submitted" ? null : (changedAt.getTime() - createdAt.getTime()) / 3_600_000,
        triagedAt: issue.status === "submitted" ? null : changedAt,
        createdAt,
        updatedAt: changedAt,
      },
    };
  });

  const createdIssues = await tx.issue.createManyAndReturn({
    data: issueRows.map((r) => r.row),
    select: { id: true, communityId: true, number: true },
  });
  const issueId = lookup("issue", new Map(createdIssues.map((i) => [`${i.communityId}/${i.number}`, i.id])));

  const events = issueRows.flatMap(({ issue, row, createdAt, changedAt }) => {
    const id = issueId(`${row.communityId}/${row.number}`);
    const submitted = {
      issueId: id,
      actorId: row.reporterId,
      type: "submitted",
      fromStatus: null,
      toStatus: "submitted",
      note: null,
      data: null,
      isPublic: true,
      createdAt,
    };
    if (issue.status === "submitted") return [submitted];
    return [
      submitted,
      {
        issueId: id,
        actorId: staffIdFor(issue.community),
        type: TRANSITION_EVENT_TYPE[issue.status],
        fromStatus: "submitted",
        toStatus: issue.status,
        note: issue.statusNote ?? null,
        data: row.escalatedToId === null ? null : JSON.stringify({ unitId: row.escalatedToId, dueAt: row.escalationDueAt?.toISOString() }),
        isPublic: true,
        createdAt: changedAt,
      },
    ];
  });
  await tx.issueEvent.createMany({ data: events });

  // Reporters follow their own issues, as they do when they file one in the app.
  await tx.issueFollower.createMany({
    data: issueRows.map(({ row, createdAt }) => ({
      issueId: issueId(`${row.communityId}/${row.number}`),
      userId: row.reporterId,
      createdAt,
    })),
  });

  /** The demo's `staff` account works in Songmuchang; elsewhere the community's own staff act. */
  function staffIdFor(community: string): string {
    if (community === "songmuchang") return staffId;
    const local = data.users.find((u) => u.memberships.some((m) => m.community === community && m.role === "community_staff"));
    return local ? userId(local.username) : staffId;
  }
}

/** A resolver that fails loudly on a dangling reference in the seed data. */
function lookup(what: string, map: ReadonlyMap<string, string>): (key: string) => string {
  return (key) => {
    const id = map.get(key);
    if (id === undefined) throw new Error(`Seed data: unknown ${what} "${key}"`);
    return id;
  };
}

function assertUnique(what: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`Seed data: duplicate ${what} "${value}"`);
    seen.add(value);
  }
}

// ── CLI: tsx prisma/seed.ts ──
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = createDb(process.env.DATABASE_URL ?? "file:./data/yishi.db");
  const started = Date.now();
  seedDemo(db)
    .then(({ created }) => {
      const took = `${Date.now() - started} ms`;
      console.log(
        created
          ? `seed: created the Beishan Street demo in ${took} (every account's password: ${DEMO_PASSWORD})`
          : `seed: a street already exists, nothing created (${took})`,
      );
    })
    .catch((error: unknown) => {
      console.error("seed: failed", error);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
