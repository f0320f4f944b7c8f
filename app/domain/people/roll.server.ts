import type { Db } from "../../infra/db.server";
import type { CommunitySummary } from "../communities/community-list.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";

export const ROLL_PAGE_SIZE = 50;

export interface RollEntry {
  id: string;
  name: string;
  username: string;
  phone: string | null;
  gridCode: string | null;
  address: { building: string; entrance: string; room: string } | null;
  isResidentRep: boolean;
  needsActivation: boolean;
  disabled: boolean;
  /** verified | pending | declined (a self-registration not yet confirmed cannot vote). */
  verification: string;
}

/**
 * The community's resident roll for staff (phones and addresses included: only staff reach this page),
 * newest first, searchable by name or phone, a page at a time.
 */
export async function residentRoll(
  db: Db,
  actor: Actor,
  community: CommunitySummary,
  options: { query?: string; page?: number } = {},
): Promise<{
  entries: RollEntry[];
  total: number;
  notActivated: number;
  page: number;
  pages: number;
  imports: { id: string; fileName: string; status: string; createdAt: Date; createdCount: number }[];
}> {
  requirePermission(actor, "manage:people", { communityId: community.id, streetId: community.streetId });
  const query = options.query?.trim().slice(0, 40);
  const residents = { memberships: { some: { communityId: community.id, role: "resident" } } };
  const where = query ? { ...residents, OR: [{ displayName: { contains: query } }, { phone: { contains: query } }] } : residents;
  const page = Math.max(1, options.page ?? 1);
  const [total, notActivated, users, imports] = await Promise.all([
    db.user.count({ where }),
    db.user.count({ where: { ...residents, needsActivation: true } }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * ROLL_PAGE_SIZE,
      take: ROLL_PAGE_SIZE,
      select: {
        id: true,
        displayName: true,
        username: true,
        phone: true,
        needsActivation: true,
        disabledAt: true,
        memberships: {
          where: { communityId: community.id, role: "resident" },
          select: { isResidentRep: true, grid: { select: { code: true } } },
        },
      },
    }),
    db.rollImport.findMany({
      where: { communityId: community.id },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, fileName: true, status: true, createdAt: true, createdCount: true },
    }),
  ]);
  const records = await db.residentRecord.findMany({
    where: { communityId: community.id, userId: { in: users.map((u) => u.id) } },
    select: { userId: true, building: true, entrance: true, room: true, verification: true },
  });
  const recordOf = new Map(records.map((r) => [r.userId, r]));
  return {
    total,
    notActivated,
    page,
    pages: Math.max(1, Math.ceil(total / ROLL_PAGE_SIZE)),
    imports,
    entries: users.map((user) => {
      const record = recordOf.get(user.id);
      return {
        id: user.id,
        name: user.displayName,
        username: user.username,
        phone: user.phone,
        gridCode: user.memberships[0]?.grid?.code ?? null,
        address: record ? { building: record.building, entrance: record.entrance, room: record.room } : null,
        isResidentRep: user.memberships[0]?.isResidentRep ?? false,
        needsActivation: user.needsActivation,
        disabled: !!user.disabledAt,
        verification: record?.verification ?? "verified",
      };
    }),
  };
}
