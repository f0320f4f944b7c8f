import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { communitiesOf } from "../communities/community-list.server";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import type { CommunityRole } from "../roles";
import type { GrantableRole } from "../../schemas/admin";

/** Communities whose people this actor administers: their own as staff, every one of their street as street admin. */
export async function communitiesManagedBy(db: Db | Tx, actor: Actor): Promise<CommunitySummary[]> {
  const all = await communitiesOf(db as Db, actor);
  return all.filter((c) => can(actor, "manage:people", { communityId: c.id, streetId: c.streetId }));
}

/**
 * Ends every session of these people in the same transaction as the change that requires it, and returns the
 * session ids so the caller can close their sockets (end-session-sockets.server.ts) once it has committed.
 */
export async function endSessionsOf(tx: Tx, userIds: string[]): Promise<string[]> {
  const sessions = await tx.session.findMany({ where: { userId: { in: userIds } }, select: { id: true } });
  if (sessions.length > 0) await tx.session.deleteMany({ where: { id: { in: sessions.map((s) => s.id) } } });
  return sessions.map((s) => s.id);
}

/** Active staff of a community besides `exceptUserId`: a community is never left without someone to run it. */
async function otherActiveStaff(tx: Tx, communityId: string, exceptUserId: string): Promise<number> {
  return tx.membership.count({
    where: { communityId, role: "community_staff", userId: { not: exceptUserId }, user: { disabledAt: null } },
  });
}

/**
 * The person as the actor may see them, or not found: someone with a role or a roll entry in a community the
 * actor administers, or someone the actor's communities have an audit row about (a person whose last role
 * there was taken stays reachable from the trail).
 */
async function requireManagedPerson(db: Db | Tx, actor: Actor, personId: string) {
  const managed = await communitiesManagedBy(db, actor);
  if (managed.length === 0) throw forbidden();
  const ids = managed.map((c) => c.id);
  const person = await db.user.findFirst({
    where: {
      id: personId,
      OR: [
        { memberships: { some: { communityId: { in: ids } } } },
        ...(actor.streetAdminOfId ? [{ streetAdminOfId: actor.streetAdminOfId }] : []),
      ],
    },
    select: { id: true },
  });
  const known =
    person ??
    ((await db.residentRecord.findFirst({ where: { userId: personId, communityId: { in: ids } }, select: { id: true } })) ||
    (await db.auditLog.findFirst({ where: { entityType: "user", entityId: personId, communityId: { in: ids } }, select: { id: true } }))
      ? { id: personId }
      : null);
  if (!known) throw notFound();
  return { managed };
}

/** Every community the person holds a role in must be one the actor administers, for account-wide changes. */
async function requireManagesAllOf(db: Db | Tx, actor: Actor, userId: string, managed: CommunitySummary[]): Promise<void> {
  const person = await db.user.findUnique({
    where: { id: userId },
    select: { streetAdminOfId: true, memberships: { select: { communityId: true } } },
  });
  if (!person) throw notFound();
  const ids = new Set(managed.map((c) => c.id));
  if (person.memberships.some((m) => !ids.has(m.communityId))) throw forbidden("admin:errors.other_communities");
  if (person.streetAdminOfId && person.streetAdminOfId !== actor.streetAdminOfId) throw forbidden("admin:errors.street_admin_account");
}

export interface PersonMembership {
  id: string;
  community: CommunitySummary;
  role: CommunityRole;
  isResidentRep: boolean;
  grid: { code: string; nameZh: string; nameEn: string } | null;
  unit: { nameZh: string; nameEn: string } | null;
  /** The actor administers this community: may take this role. */
  manageable: boolean;
}

/** The person page for staff: who they are, what they hold where, and what the actor may change. */
export async function personPage(db: Db, actor: Actor, personId: string) {
  const { managed } = await requireManagedPerson(db, actor, personId);
  const user = await db.user.findUnique({
    where: { id: personId },
    select: {
      id: true,
      displayName: true,
      username: true,
      phone: true,
      needsActivation: true,
      disabledAt: true,
      mergedIntoId: true,
      createdAt: true,
      streetAdminOf: { select: { nameZh: true, nameEn: true } },
      memberships: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          role: true,
          isResidentRep: true,
          community: { select: { id: true, slug: true, nameZh: true, nameEn: true, streetId: true } },
          grid: { select: { id: true, code: true, nameZh: true, nameEn: true } },
          unit: { select: { nameZh: true, nameEn: true } },
        },
      },
      _count: { select: { sessions: true } },
    },
  });
  if (!user) throw notFound();
  const managedIds = new Set(managed.map((c) => c.id));
  const [records, mergedInto, grids, units] = await Promise.all([
    db.residentRecord.findMany({
      where: { userId: personId, communityId: { in: [...managedIds] } },
      select: { communityId: true, building: true, entrance: true, room: true },
    }),
    user.mergedIntoId ? db.user.findUnique({ where: { id: user.mergedIntoId }, select: { id: true, displayName: true } }) : null,
    db.grid.findMany({
      where: { communityId: { in: [...managedIds] } },
      orderBy: { code: "asc" },
      select: { id: true, code: true, nameZh: true, nameEn: true, communityId: true },
    }),
    db.unit.findMany({
      where: { communityId: { in: [...managedIds] } },
      orderBy: { nameZh: "asc" },
      select: { id: true, nameZh: true, nameEn: true, communityId: true },
    }),
  ]);
  // Phones only for those who may see personal information in one of the person's communities.
  const mayViewPhone = user.memberships.some((m) =>
    can(actor, "view:personal-info", { communityId: m.community.id, streetId: m.community.streetId, gridId: m.grid?.id ?? null }),
  );
  const memberships: PersonMembership[] = user.memberships.flatMap((m) =>
    isRole(m.role)
      ? [
          {
            id: m.id,
            community: m.community,
            role: m.role,
            isResidentRep: m.isResidentRep,
            grid: m.grid ? { code: m.grid.code, nameZh: m.grid.nameZh, nameEn: m.grid.nameEn } : null,
            unit: m.unit,
            manageable: managedIds.has(m.community.id),
          },
        ]
      : [],
  );
  const accountWide = user.memberships.every((m) => managedIds.has(m.community.id)) && !user.streetAdminOf;
  return {
    person: {
      id: user.id,
      name: user.displayName,
      username: user.username,
      phone: mayViewPhone ? user.phone : null,
      needsActivation: user.needsActivation,
      disabled: !!user.disabledAt,
      disabledAt: user.disabledAt,
      mergedInto: mergedInto ? { id: mergedInto.id, name: mergedInto.displayName } : null,
      createdAt: user.createdAt,
      streetAdminOf: user.streetAdminOf,
      activeSessions: user._count.sessions,
      addresses: records,
    },
    memberships,
    /** Where the actor may give roles, with each community's grids and units. */
    grantable: managed.map((c) => ({
      community: c,
      grids: grids.filter((g) => g.communityId === c.id),
      units: units.filter((u) => u.communityId === c.id),
    })),
    /** Deactivate, merge and reset act on the whole account: only when the actor administers all of it. */
    mayChangeAccount: accountWide && !user.mergedIntoId,
  };
}

function isRole(value: string): value is CommunityRole {
  return ["community_staff", "meeting_host", "grid_worker", "resident", "unit_rep", "expert"].includes(value);
}

/**
 * Gives a role in a community. A grid worker or unit representative who already holds that role in the
 * community moves to the new grid or unit; a resident becomes a representative by the `resident_rep` role.
 */
export async function grantRole(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { personId: string; communityId: string; role: GrantableRole; gridId?: string; unitId?: string },
): Promise<void> {
  const community = await db.community.findUnique({ where: { id: input.communityId }, select: { id: true, streetId: true } });
  if (!community) throw invalid("admin:errors.community_required");
  requirePermission(actor, "manage:people", { communityId: community.id, streetId: community.streetId });
  await requireManagedPerson(db, actor, input.personId);
  const person = await db.user.findUnique({ where: { id: input.personId }, select: { mergedIntoId: true } });
  if (!person || person.mergedIntoId) throw conflict("admin:errors.merged_record");
  const role: CommunityRole = input.role === "resident_rep" ? "resident" : input.role;
  const gridId = role === "grid_worker" ? (input.gridId ?? null) : null;
  const unitId = role === "unit_rep" ? (input.unitId ?? null) : null;
  if (gridId && !(await db.grid.findFirst({ where: { id: gridId, communityId: community.id }, select: { id: true } })))
    throw invalid("admin:errors.grid_required");
  if (unitId && !(await db.unit.findFirst({ where: { id: unitId, communityId: community.id }, select: { id: true } })))
    throw invalid("admin:errors.unit_required");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({
      where: { userId_communityId_role: { userId: input.personId, communityId: community.id, role } },
    });
    const representative = input.role === "resident_rep";
    if (existing) {
      const unchanged =
        existing.gridId === gridId && existing.unitId === unitId && (!representative || existing.isResidentRep === representative);
      if (unchanged) throw conflict("admin:errors.role_already_held");
      await tx.membership.update({
        where: { id: existing.id },
        data: { gridId, unitId, ...(representative ? { isResidentRep: true } : {}) },
      });
    } else {
      await tx.membership.create({
        data: { userId: input.personId, communityId: community.id, role, gridId, unitId, isResidentRep: representative, createdAt: now },
      });
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "person.role_granted",
      entityType: "user",
      entityId: input.personId,
      data: { role: input.role, ...(gridId ? { gridId } : {}), ...(unitId ? { unitId } : {}) },
      at: now,
    });
  });
}

/**
 * Takes a role (or only a resident's seat on the voting roll). The person's sessions end at once, so a page
 * or a live meeting open on their phone stops acting with the role they no longer hold. The last active staff
 * member of a community keeps the role: nobody could run the community, or give the role back, without one.
 */
export async function revokeRole(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { personId: string; membershipId: string; part: "role" | "representative" },
): Promise<{ endedSessionIds: string[] }> {
  const membership = await db.membership.findFirst({
    where: { id: input.membershipId, userId: input.personId },
    include: { community: { select: { id: true, streetId: true } } },
  });
  if (!membership) throw notFound();
  requirePermission(actor, "manage:people", { communityId: membership.communityId, streetId: membership.community.streetId });
  const now = clock.now();
  return db.$transaction(async (tx) => {
    if (input.part === "representative") {
      if (!membership.isResidentRep) throw conflict("admin:errors.role_not_held");
      await tx.membership.update({ where: { id: membership.id }, data: { isResidentRep: false } });
    } else {
      if (membership.role === "community_staff" && (await otherActiveStaff(tx, membership.communityId, input.personId)) === 0)
        throw conflict("admin:errors.last_staff");
      await tx.membership.delete({ where: { id: membership.id } });
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: membership.communityId,
      action: "person.role_taken",
      entityType: "user",
      entityId: input.personId,
      data: { role: input.part === "representative" ? "resident_rep" : membership.role },
      at: now,
    });
    return { endedSessionIds: await endSessionsOf(tx, [input.personId]) };
  });
}

/** The communities an account-wide change is recorded in: each the person holds a role in, or the actor's first. */
async function auditCommunities(tx: Tx, userId: string, managed: CommunitySummary[]): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { userId }, select: { communityId: true }, distinct: ["communityId"] });
  const ids = rows.map((r) => r.communityId);
  return ids.length > 0 ? ids : managed.slice(0, 1).map((c) => c.id);
}

/**
 * Deactivates an account: no sign-in works (the person is told why), every session ends at once. The last
 * active staff member of a community cannot be deactivated, by themselves or anyone else.
 */
export async function deactivatePerson(db: Db, clock: Clock, actor: Actor, personId: string): Promise<{ endedSessionIds: string[] }> {
  const { managed } = await requireManagedPerson(db, actor, personId);
  await requireManagesAllOf(db, actor, personId, managed);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: personId }, select: { disabledAt: true, mergedIntoId: true } });
    if (!person || person.mergedIntoId) throw conflict("admin:errors.merged_record");
    if (person.disabledAt) throw conflict("admin:errors.already_deactivated");
    const staffOf = await tx.membership.findMany({ where: { userId: personId, role: "community_staff" }, select: { communityId: true } });
    for (const { communityId } of staffOf)
      if ((await otherActiveStaff(tx, communityId, personId)) === 0) throw conflict("admin:errors.last_staff_deactivate");
    await tx.user.update({ where: { id: personId }, data: { disabledAt: now } });
    for (const communityId of await auditCommunities(tx, personId, managed))
      await audit(tx, { actorId: actor.id, communityId, action: "person.deactivated", entityType: "user", entityId: personId, at: now });
    return { endedSessionIds: await endSessionsOf(tx, [personId]) };
  });
}

export async function reactivatePerson(db: Db, clock: Clock, actor: Actor, personId: string): Promise<void> {
  const { managed } = await requireManagedPerson(db, actor, personId);
  await requireManagesAllOf(db, actor, personId, managed);
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: personId }, select: { disabledAt: true, mergedIntoId: true } });
    if (!person || person.mergedIntoId) throw conflict("admin:errors.merged_record");
    if (!person.disabledAt) throw conflict("admin:errors.already_active");
    await tx.user.update({ where: { id: personId }, data: { disabledAt: null } });
    for (const communityId of await auditCommunities(tx, personId, managed))
      await audit(tx, { actorId: actor.id, communityId, action: "person.reactivated", entityType: "user", entityId: personId, at: now });
  });
}

/** Other records that may be the same person: the same name or phone, in communities the actor administers. */
export async function possibleDuplicates(db: Db, actor: Actor, personId: string, find?: string) {
  const { managed } = await requireManagedPerson(db, actor, personId);
  const person = await db.user.findUnique({ where: { id: personId }, select: { displayName: true, phone: true } });
  if (!person) throw notFound();
  const typed = find?.trim();
  const match = typed
    ? [{ username: typed.toLowerCase() }, { displayName: { contains: typed } }, { phone: { contains: typed } }]
    : [{ displayName: person.displayName }, ...(person.phone ? [{ phone: person.phone }] : [])];
  const rows = await db.user.findMany({
    where: {
      id: { not: personId },
      mergedIntoId: null,
      streetAdminOfId: null,
      memberships: { some: { communityId: { in: managed.map((c) => c.id) } } },
      OR: match,
    },
    orderBy: { createdAt: "asc" },
    take: 10,
    select: {
      id: true,
      displayName: true,
      username: true,
      createdAt: true,
      needsActivation: true,
      memberships: { select: { role: true, community: { select: { nameZh: true, nameEn: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.displayName,
    username: r.username,
    createdAt: r.createdAt,
    needsActivation: r.needsActivation,
    roles: r.memberships.map((m) => ({ role: m.role, community: m.community })),
  }));
}
