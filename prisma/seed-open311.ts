/**
 * Issue #14 demo: Open311 keys in 松木场 on /open311-keys (sign in as `staff`). Keys are shown only when
 * they are created, so the demo keys are random and unknown: one for the 12345 hotline bridge, used an
 * hour ago, and one for an old app, revoked last month. Create a new key on the page to try a POST.
 */
import type { Db } from "../app/infra/db.server";
import { DAY, HOUR } from "../app/infra/clock";
import { hashApiKey, newApiKey } from "../app/domain/open311/keys";

export async function seedOpen311(db: Db, now: Date): Promise<void> {
  const at = (offset: number) => new Date(now.getTime() + offset);
  const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" }, select: { id: true } });
  const staff = await db.user.findUniqueOrThrow({ where: { username: "staff" }, select: { id: true } });
  await db.open311Key.create({
    data: {
      communityId: community.id,
      label: "12345 热线对接 (12345 hotline bridge)",
      keyHash: hashApiKey(newApiKey()),
      createdById: staff.id,
      createdAt: at(-20 * DAY),
      lastUsedAt: at(-HOUR),
    },
  });
  await db.open311Key.create({
    data: {
      communityId: community.id,
      label: "旧版随手拍 (old photo app)",
      keyHash: hashApiKey(newApiKey()),
      createdById: staff.id,
      createdAt: at(-90 * DAY),
      lastUsedAt: at(-40 * DAY),
      revokedAt: at(-30 * DAY),
    },
  });
}
