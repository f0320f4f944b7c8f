import type { Db } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import { audit } from "../audit.server";
import { notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { hashApiKey, newApiKey } from "./keys";

export interface KeyCommunity {
  id: string;
  streetId: string;
}

/** A new key for a client: the key itself is returned once and never stored. */
export async function createOpen311Key(db: Db, clock: Clock, actor: Actor, community: KeyCommunity, label: string) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
  const key = newApiKey();
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const row = await tx.open311Key.create({
      data: { communityId: community.id, label, keyHash: hashApiKey(key), createdById: actor.id, createdAt: now },
      select: { id: true, label: true },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "open311_key.create",
      entityType: "Open311Key",
      entityId: row.id,
      data: { label },
      at: now,
    });
    return { ...row, key };
  });
}

export async function revokeOpen311Key(db: Db, clock: Clock, actor: Actor, community: KeyCommunity, keyId: string) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const row = await tx.open311Key.findFirst({
      where: { id: keyId, communityId: community.id },
      select: { id: true, label: true, revokedAt: true },
    });
    if (!row) throw notFound();
    if (row.revokedAt) return;
    await tx.open311Key.update({ where: { id: row.id }, data: { revokedAt: now } });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "open311_key.revoke",
      entityType: "Open311Key",
      entityId: row.id,
      data: { label: row.label },
      at: now,
    });
  });
}

export async function listOpen311Keys(db: Db, actor: Actor, community: KeyCommunity) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
  return db.open311Key.findMany({
    where: { communityId: community.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
