import type { Db } from "../../infra/db.server";

/** A community's grids in code order (G01, G02, …), as forms and filters offer them. */
export async function gridsOf(db: Db, communityId: string) {
  return db.grid.findMany({
    where: { communityId },
    select: { id: true, code: true, nameZh: true, nameEn: true },
    orderBy: { code: "asc" },
  });
}
