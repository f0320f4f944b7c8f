import type { Db } from "../../infra/db.server";
import type { Actor } from "../permissions";
import { allCommunities, communityToWorkIn } from "../communities/community-list.server";
import { satisfactionRate } from "../issues/acceptance";

export interface UnitDirectoryEntry {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  sectorGroup: string;
  area: { nameZh: string; nameEn: string } | null;
  community: { nameZh: string; nameEn: string } | null;
  openActionItems: number;
  doneActionItems: number;
  satisfied: number;
  answers: number;
  satisfactionRate: number | null;
}

/** The units of a street, oldest first: the choices of "escalate to" and "action item for" and of the list's filter. */
export async function unitsOfStreet(db: Db, streetId: string) {
  return db.unit.findMany({
    where: { streetId },
    select: { id: true, nameZh: true, nameEn: true, kind: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * The participating units of a street, with what residents think of their work: every acceptance
 * answer on an issue the unit had an action item on counts for that unit.
 */
export async function unitDirectory(db: Db, streetId: string): Promise<UnitDirectoryEntry[]> {
  const [units, itemCounts, answers] = await Promise.all([
    db.unit.findMany({
      where: { streetId },
      select: {
        id: true,
        nameZh: true,
        nameEn: true,
        kind: true,
        sectorGroup: true,
        area: { select: { nameZh: true, nameEn: true } },
        community: { select: { nameZh: true, nameEn: true } },
      },
      orderBy: [{ sectorGroup: "asc" }, { createdAt: "asc" }],
    }),
    db.actionItem.groupBy({ by: ["unitId", "status"], where: { unit: { streetId } }, _count: { _all: true } }),
    db.acceptanceResponse.findMany({
      where: { issue: { actionItems: { some: { unit: { streetId } } } } },
      select: { satisfied: true, issue: { select: { actionItems: { select: { unitId: true } } } } },
    }),
  ]);
  const perUnit = new Map<string, { satisfied: number; answers: number }>();
  for (const answer of answers) {
    for (const unitId of new Set(answer.issue.actionItems.map((item) => item.unitId))) {
      const entry = perUnit.get(unitId) ?? { satisfied: 0, answers: 0 };
      entry.answers++;
      if (answer.satisfied) entry.satisfied++;
      perUnit.set(unitId, entry);
    }
  }
  return units.map((unit) => {
    const counts = itemCounts.filter((row) => row.unitId === unit.id);
    const done = counts.filter((row) => row.status === "done").reduce((n, row) => n + row._count._all, 0);
    const all = counts.reduce((n, row) => n + row._count._all, 0);
    const rating = perUnit.get(unit.id) ?? { satisfied: 0, answers: 0 };
    return {
      ...unit,
      openActionItems: all - done,
      doneActionItems: done,
      satisfied: rating.satisfied,
      answers: rating.answers,
      satisfactionRate: satisfactionRate(rating.satisfied, rating.answers),
    };
  });
}

/**
 * The public directory page: the units of the street of the community the person works in, or, for
 * visitors, of the first community's street.
 */
export async function unitDirectoryPage(db: Db, viewer: Actor | null, preferredSlug: string | null) {
  const community = viewer ? await communityToWorkIn(db, viewer, preferredSlug) : null;
  const streetId = community?.streetId ?? (await allCommunities(db))[0]?.streetId;
  if (!streetId) return { street: null, units: [] };
  const [street, units] = await Promise.all([
    db.street.findUnique({ where: { id: streetId }, select: { nameZh: true, nameEn: true } }),
    unitDirectory(db, streetId),
  ]);
  return { street, units };
}
