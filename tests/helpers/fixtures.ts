import crypto from "node:crypto";
import type { CommunityRole } from "../../app/domain/roles";
import type { Db } from "../../app/infra/db.server";
import { hashPassword } from "../../app/infra/password.server";

const unique = () => crypto.randomBytes(4).toString("hex");

/** A street with one community and one grid: the smallest world a test can live in. */
export async function createCommunity(db: Db) {
  const tag = unique();
  const street = await db.street.create({ data: { slug: `street-${tag}`, nameZh: "测试街道", nameEn: "Test Street" } });
  const community = await db.community.create({
    data: { streetId: street.id, slug: `community-${tag}`, nameZh: "测试社区", nameEn: "Test Community" },
  });
  const grid = await db.grid.create({ data: { communityId: community.id, code: `G-${tag}`, nameZh: "第一网格", nameEn: "Grid 1" } });
  return { street, community, grid };
}

export async function createUser(
  db: Db,
  options: { communityId?: string; role?: CommunityRole; password?: string; username?: string; unitId?: string } = {},
) {
  const username = options.username ?? `user-${unique()}`;
  const password = options.password ?? "correct horse battery";
  const user = await db.user.create({
    data: { username, displayName: `测试用户 ${username}`, passwordHash: await hashPassword(password) },
  });
  if (options.communityId && options.role) {
    await db.membership.create({
      data: { userId: user.id, communityId: options.communityId, role: options.role, unitId: options.unitId ?? null },
    });
  }
  return { user, username, password };
}
