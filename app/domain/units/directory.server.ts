import type { Db } from "../../infra/db.server";
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

/** A unit representative's action items, nearest deadline first, with their issue. */
export async function unitActionItems(db: Db, unitId: string) {
  const items = await db.actionItem.findMany({
    where: { unitId },
    orderBy: { dueAt: "asc" },
    take: 200,
    select: {
      id: true,
      description: true,
      dueAt: true,
      status: true,
      percent: true,
      issue: {
        select: { id: true, number: true, title: true, status: true, community: { select: { slug: true, nameZh: true, nameEn: true } } },
      },
    },
  });
  // Work still to do first; finished items after, most recent first.
  const open = items.filter((item) => item.status !== "done");
  const done = items.filter((item) => item.status === "done").reverse();
  return [...open, ...done];
}

export async function unitEscalations(db: Db, unitId: string) {
  return db.issue.findMany({
    where: { escalatedToId: unitId, status: "escalated" },
    orderBy: { escalationDueAt: "asc" },
    take: 100,
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      escalationDueAt: true,
      acknowledgedAt: true,
      community: { select: { slug: true } },
    },
  });
}
