import type { Db, Tx } from "../../infra/db.server";
import { forbidden, notFound } from "../errors";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { can } from "../permissions";
import { assistableGrids, canAssistIn } from "./helpers";
import type { HelperRole, OnBehalf } from "./consent";

export { assistableGrids, canAssistIn };
import { helperRoleOf } from "./consent";

interface CommunityRef {
  id: string;
  streetId: string;
}

export interface AssistedResident {
  id: string;
  displayName: string;
  gridId: string | null;
}

/** The grid a resident belongs to: their roll record's, else the one on their resident role. */
async function residentsOf(db: Db | Tx, communityId: string, where: { userIds?: string[]; grids?: string[]; q?: string }, take = 30) {
  const members = await db.membership.findMany({
    where: {
      communityId,
      role: "resident",
      user: {
        disabledAt: null,
        mergedIntoId: null,
        ...(where.q ? { displayName: { contains: where.q } } : {}),
      },
      ...(where.userIds ? { userId: { in: where.userIds } } : {}),
    },
    select: { userId: true, gridId: true, user: { select: { displayName: true, phone: true } } },
    orderBy: { user: { displayName: "asc" } },
    take: 500,
  });
  const records = await db.residentRecord.findMany({
    where: { communityId, userId: { in: members.map((m) => m.userId) } },
    select: { userId: true, gridId: true, building: true, entrance: true, room: true },
  });
  const recordOf = new Map(records.map((r) => [r.userId, r]));
  return members
    .map((m) => {
      const record = recordOf.get(m.userId);
      return {
        id: m.userId,
        displayName: m.user.displayName,
        // Two residents may share a name: the last digits of the phone tell them apart for the helper, who
        // may see it anyway (staff, or the grid worker of that grid: the list holds no one else).
        phoneTail: m.user.phone ? m.user.phone.slice(-4) : null,
        gridId: record?.gridId ?? m.gridId,
        address: record ? { building: record.building, entrance: record.entrance, room: record.room } : null,
      };
    })
    .filter((r) => !where.grids || (r.gridId !== null && where.grids.includes(r.gridId)))
    .slice(0, take);
}

/**
 * The resident a helper wants to act for, if they may: a resident of the community (active account), in the
 * helper's grid for a grid worker, never the helper themselves. Anyone else is refused with one sentence.
 */
export async function requireAssistedResident(
  db: Db | Tx,
  actor: Actor,
  community: CommunityRef,
  residentId: string,
): Promise<AssistedResident> {
  if (!canAssistIn(actor, community)) throw forbidden("people:assist.errors.not_helper");
  const [resident] = await residentsOf(db, community.id, { userIds: [residentId] }, 1);
  if (!resident) throw notFound("people:assist.errors.resident_unknown");
  if (resident.id === actor.id) throw forbidden("people:assist.errors.not_for_yourself");
  if (!can(actor, "assist:resident", { communityId: community.id, streetId: community.streetId, gridId: resident.gridId }))
    throw forbidden("people:assist.errors.outside_grid");
  return { id: resident.id, displayName: resident.displayName, gridId: resident.gridId };
}

/** Residents a helper may act for, found by name (or all of them, first 30, when nothing is typed). */
export async function findAssistableResidents(db: Db, actor: Actor, community: CommunityRef, q: string) {
  const grids = assistableGrids(actor, community);
  if (grids !== "all" && grids.length === 0) throw forbidden("people:assist.errors.not_helper");
  return (await residentsOf(db, community.id, { grids: grids === "all" ? undefined : grids, q: q || undefined })).filter(
    (r) => r.id !== actor.id,
  );
}

/** The columns an assisted record carries. */
export function assistedColumns(actor: Actor, onBehalf: OnBehalf | undefined) {
  return onBehalf ? { actedById: actor.id, consentMethod: onBehalf.consentMethod } : {};
}

/** What each assisted record tells the resident (translated under common:notifications.types.<type>). */
export type AssistedNotice = "assisted_issue_raised" | "assisted_acceptance_given" | "assisted_objection_filed";

/** The resident hears what was done in their name, by whom, where they have an account to read it. */
export async function tellResident(
  tx: Tx,
  actor: Actor & { displayName?: string },
  residentId: string,
  notice: { type: AssistedNotice; key: string; data: Record<string, string | number>; link: string },
  at: Date,
): Promise<string[]> {
  const helper = actor.displayName ?? (await tx.user.findUnique({ where: { id: actor.id }, select: { displayName: true } }))?.displayName;
  return notify(
    tx,
    [residentId],
    { type: notice.type, dedupeKey: `${notice.type}:${notice.key}`, data: { ...notice.data, helper: helper ?? "" }, link: notice.link },
    at,
  );
}

/** Names for showing who acted for whom, in one query; the helper's role as they hold it in the community. */
export async function assistedNames(
  db: Db,
  communityId: string,
  pairs: readonly { actedById: string | null; authorId: string }[],
): Promise<Map<string, { helperName: string; helperRole: HelperRole; residentName: string }>> {
  const acted = pairs.filter((p): p is { actedById: string; authorId: string } => !!p.actedById);
  if (acted.length === 0) return new Map();
  const ids = [...new Set(acted.flatMap((p) => [p.actedById, p.authorId]))];
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, displayName: true, memberships: { where: { communityId }, select: { communityId: true, role: true } } },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const names = new Map<string, { helperName: string; helperRole: HelperRole; residentName: string }>();
  for (const p of acted) {
    const helper = byId.get(p.actedById);
    names.set(`${p.actedById}:${p.authorId}`, {
      helperName: helper?.displayName ?? "—",
      helperRole: helperRoleOf(helper?.memberships ?? [], communityId),
      residentName: byId.get(p.authorId)?.displayName ?? "—",
    });
  }
  return names;
}
