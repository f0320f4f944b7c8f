/**
 * Issue #12 demo: people administration in 松木场, after the rest of the demo (prisma/seed.ts).
 * - `staff2`, a second staff member, so `staff` can try taking a staff role without meeting the last-staff rule;
 * - `moved`, a resident whose account staff deactivated when he moved away (his sign-in is refused with the reason);
 * - a second record of 陈国华 (`res01`), entered again by a roll import with his phone number as username and never
 *   activated: the person page of either offers to merge them;
 * - the audit rows those changes would have written, so the audit trail has a history to filter.
 */
import type { Db } from "../app/infra/db.server";
import { DAY, HOUR } from "../app/infra/clock";

export async function seedAdmin(db: Db, now: Date): Promise<void> {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
  const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" } });
  const byName = async (username: string) => db.user.findUniqueOrThrow({ where: { username } });
  const [staff, admin, grid, res01] = await Promise.all([byName("staff"), byName("admin"), byName("grid"), byName("res01")]);
  const res01Role = await db.membership.findFirstOrThrow({ where: { userId: res01.id, communityId: community.id, role: "resident" } });

  // The demo's one password, already hashed for `staff`: no second slow hash.
  const colleague = await db.user.create({
    data: {
      username: "staff2",
      displayName: "孙丽",
      phone: "0571-87990102",
      passwordHash: staff.passwordHash,
      locale: "zh-CN",
      createdAt: ago(60),
    },
  });
  await db.membership.create({ data: { userId: colleague.id, communityId: community.id, role: "community_staff", createdAt: ago(60) } });

  const moved = await db.user.create({
    data: { username: "moved", displayName: "蒋卫国", passwordHash: staff.passwordHash, createdAt: ago(200), disabledAt: ago(12) },
  });
  await db.membership.create({
    data: { userId: moved.id, communityId: community.id, role: "resident", gridId: res01Role.gridId, createdAt: ago(200) },
  });

  const duplicate = await db.user.create({
    data: {
      username: "13905710101",
      displayName: res01.displayName,
      phone: "13905710101",
      passwordHash: "",
      needsActivation: true,
      createdAt: ago(9),
    },
  });
  await db.membership.create({
    data: { userId: duplicate.id, communityId: community.id, role: "resident", gridId: res01Role.gridId, createdAt: ago(9) },
  });

  const gridRole = await db.membership.findFirst({
    where: { userId: grid.id, communityId: community.id, role: "grid_worker" },
    select: { gridId: true },
  });
  const row = (actorId: string, action: string, entityId: string, at: Date, data?: Record<string, unknown>) => ({
    actorId,
    communityId: community.id,
    action,
    entityType: "user",
    entityId,
    data: data ? JSON.stringify(data) : null,
    createdAt: at,
  });
  await db.auditLog.createMany({
    data: [
      row(admin.id, "person.role_granted", colleague.id, ago(60), { role: "community_staff" }),
      row(staff.id, "person.role_granted", grid.id, ago(45), {
        role: "grid_worker",
        ...(gridRole?.gridId ? { gridId: gridRole.gridId } : {}),
      }),
      row(staff.id, "person.deactivated", moved.id, ago(12)),
      row(colleague.id, "person.role_granted", res01.id, ago(5), { role: "resident_rep" }),
    ],
  });
}
