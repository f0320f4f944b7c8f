import crypto from "node:crypto";
import type { Db } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { CategoryCommand } from "../../schemas/issues";

/**
 * Each community keeps its own list of issue categories. Categories are never deleted (old issues keep
 * theirs); an archived category just stops being offered for new issues.
 */
interface CommunityRef {
  id: string;
  streetId: string;
}

function assertManager(actor: Actor, community: CommunityRef) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
}

export async function listCategories(db: Db, communityId: string) {
  return db.issueCategory.findMany({
    where: { communityId },
    orderBy: [{ position: "asc" }, { nameZh: "asc" }],
    select: { id: true, key: true, nameZh: true, nameEn: true, position: true, archivedAt: true, _count: { select: { issues: true } } },
  });
}

/** The categories a new issue may be filed under (archived ones are kept for old issues only). */
export async function activeCategories(db: Db, communityId: string) {
  return db.issueCategory.findMany({
    where: { communityId, archivedAt: null },
    select: { id: true, nameZh: true, nameEn: true },
    orderBy: { position: "asc" },
  });
}

/** The staff page that keeps the list: every category, archived or not, with how many issues use it. */
export async function categoriesPage(db: Db, actor: Actor, community: CommunityRef) {
  assertManager(actor, community);
  const categories = await listCategories(db, community.id);
  return categories.map(({ _count, archivedAt, ...category }) => ({ ...category, archived: archivedAt !== null, issues: _count.issues }));
}

/** One change sent from the categories page. */
export async function changeCategories(db: Db, clock: Clock, actor: Actor, community: CommunityRef, command: CategoryCommand) {
  switch (command.intent) {
    case "add":
      await addCategory(db, clock, actor, community, { nameZh: command.nameZh, nameEn: command.nameEn });
      return;
    case "rename":
      await renameCategory(db, clock, actor, community, command.categoryId, { nameZh: command.nameZh, nameEn: command.nameEn });
      return;
    case "archive":
    case "restore":
      await setCategoryArchived(db, clock, actor, community, command.categoryId, command.intent === "archive");
      return;
    case "up":
    case "down":
      await moveCategory(db, clock, actor, community, command.categoryId, command.intent);
      return;
  }
}

/** A stable key for filters and links, from the English name when it has letters, else random. */
export function categoryKey(nameEn: string): string {
  const slug = nameEn
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 32);
  return slug || `category_${crypto.randomBytes(3).toString("hex")}`;
}

export async function addCategory(db: Db, clock: Clock, actor: Actor, community: CommunityRef, names: { nameZh: string; nameEn: string }) {
  assertManager(actor, community);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const last = await tx.issueCategory.findFirst({
      where: { communityId: community.id },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    let key = categoryKey(names.nameEn);
    if (await tx.issueCategory.findUnique({ where: { communityId_key: { communityId: community.id, key } } }))
      key = `${key}_${crypto.randomBytes(2).toString("hex")}`;
    const category = await tx.issueCategory.create({
      data: { communityId: community.id, key, nameZh: names.nameZh, nameEn: names.nameEn, position: (last?.position ?? -1) + 1 },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "category.add",
      entityType: "IssueCategory",
      entityId: category.id,
      data: { key, ...names },
      at: now,
    });
    return category;
  });
}

async function findOwn(db: Db, community: CommunityRef, categoryId: string) {
  const category = await db.issueCategory.findFirst({ where: { id: categoryId, communityId: community.id } });
  if (!category) throw notFound("issues:errors.category_not_found");
  return category;
}

export async function renameCategory(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunityRef,
  categoryId: string,
  names: { nameZh: string; nameEn: string },
) {
  assertManager(actor, community);
  const category = await findOwn(db, community, categoryId);
  await db.$transaction(async (tx) => {
    await tx.issueCategory.update({ where: { id: category.id }, data: names });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "category.rename",
      entityType: "IssueCategory",
      entityId: category.id,
      data: { from: { nameZh: category.nameZh, nameEn: category.nameEn }, to: names },
      at: clock.now(),
    });
  });
}

export async function setCategoryArchived(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunityRef,
  categoryId: string,
  archived: boolean,
) {
  assertManager(actor, community);
  const category = await findOwn(db, community, categoryId);
  if (archived) {
    const active = await db.issueCategory.count({ where: { communityId: community.id, archivedAt: null } });
    // Residents must always have something to choose.
    if (active <= 1 && !category.archivedAt) throw conflict("issues:errors.last_category");
  }
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.issueCategory.update({ where: { id: category.id }, data: { archivedAt: archived ? now : null } });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: archived ? "category.archive" : "category.restore",
      entityType: "IssueCategory",
      entityId: category.id,
      at: now,
    });
  });
}

/** Swaps a category with its neighbour, renumbering the list so positions stay 0…n-1. */
export async function moveCategory(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunityRef,
  categoryId: string,
  direction: "up" | "down",
) {
  assertManager(actor, community);
  await findOwn(db, community, categoryId);
  await db.$transaction(async (tx) => {
    const all = await tx.issueCategory.findMany({
      where: { communityId: community.id },
      orderBy: [{ position: "asc" }, { nameZh: "asc" }],
      select: { id: true },
    });
    const index = all.findIndex((c) => c.id === categoryId);
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= all.length) return;
    [all[index], all[other]] = [all[other], all[index]];
    for (const [position, c] of all.entries()) await tx.issueCategory.update({ where: { id: c.id }, data: { position } });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "category.move",
      entityType: "IssueCategory",
      entityId: categoryId,
      data: { direction },
      at: clock.now(),
    });
  });
}
