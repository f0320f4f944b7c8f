import type { Db } from "../../infra/db.server";
import type { Actor } from "../permissions";
import { allCommunities, communityToWorkIn } from "../communities/community-list.server";
import { satisfactionRate } from "../issues/acceptance";
import { keywordsOf } from "../matching/keywords.server";
import type { ListCategory } from "./lists";

export interface UnitDirectoryEntry {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  sectorGroup: string;
  area: { id: string; nameZh: string; nameEn: string } | null;
  community: { nameZh: string; nameEn: string } | null;
  /** The unit's resource list, for the card and for "what a unit offers". */
  offers: { titleZh: string; titleEn: string; category: string }[];
  needs: { titleZh: string; titleEn: string }[];
  openActionItems: number;
  doneActionItems: number;
  satisfied: number;
  answers: number;
  satisfactionRate: number | null;
}

/** The units of a street, oldest first: the choices of "escalate to" and "action item for" and of the list's filter. */
export async function unitsOfStreet(db: Db, streetId: string) {
  return db.unit.findMany({
    // An archived unit takes no new work; its old action items keep pointing at it.
    where: { streetId, archivedAt: null },
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
      // Archived units leave the directory; their pages and history stay.
      where: { streetId, archivedAt: null },
      select: {
        id: true,
        nameZh: true,
        nameEn: true,
        kind: true,
        sectorGroup: true,
        area: { select: { id: true, nameZh: true, nameEn: true } },
        community: { select: { nameZh: true, nameEn: true } },
        listItems: { select: { list: true, titleZh: true, titleEn: true, category: true }, orderBy: { createdAt: "asc" } },
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
  return units.map(({ listItems, ...unit }) => {
    const counts = itemCounts.filter((row) => row.unitId === unit.id);
    const done = counts.filter((row) => row.status === "done").reduce((n, row) => n + row._count._all, 0);
    const all = counts.reduce((n, row) => n + row._count._all, 0);
    const rating = perUnit.get(unit.id) ?? { satisfied: 0, answers: 0 };
    return {
      ...unit,
      offers: listItems
        .filter((item) => item.list === "resource")
        .map(({ titleZh, titleEn, category }) => ({ titleZh, titleEn, category })),
      needs: listItems.filter((item) => item.list === "need").map(({ titleZh, titleEn }) => ({ titleZh, titleEn })),
      openActionItems: all - done,
      doneActionItems: done,
      satisfied: rating.satisfied,
      answers: rating.answers,
      satisfactionRate: satisfactionRate(rating.satisfied, rating.answers),
    };
  });
}

export interface DirectoryFilter {
  q: string;
  sector?: string;
  area?: string;
  offers?: ListCategory;
}

/**
 * The units a search finds: every filter must hold; the words must appear in the unit's name or its lists,
 * compared word by word after segmentation (搜“讲座” finds 中医养生健康讲座), or as typed in its name.
 */
export function filterDirectory(units: UnitDirectoryEntry[], filter: DirectoryFilter): UnitDirectoryEntry[] {
  const query = filter.q.trim().toLowerCase();
  const words = query ? keywordsOf(query) : [];
  return units.filter((unit) => {
    if (filter.sector && unit.sectorGroup !== filter.sector) return false;
    if (filter.area && unit.area?.id !== filter.area) return false;
    if (filter.offers && !unit.offers.some((item) => item.category === filter.offers)) return false;
    if (!query) return true;
    const names = `${unit.nameZh} ${unit.nameEn}`.toLowerCase();
    if (names.includes(query)) return true;
    const text = [
      unit.nameZh,
      unit.nameEn,
      ...unit.offers.flatMap((o) => [o.titleZh, o.titleEn]),
      ...unit.needs.flatMap((n) => [n.titleZh, n.titleEn]),
    ];
    const unitWords = new Set(keywordsOf(text.join(" ")));
    return words.length > 0 && words.every((word) => unitWords.has(word));
  });
}

/**
 * The public directory page: the units of the street of the community the person works in, or, for
 * visitors, of the first community's street; searched and filtered.
 */
export async function unitDirectoryPage(db: Db, viewer: Actor | null, preferredSlug: string | null, filter: DirectoryFilter = { q: "" }) {
  const community = viewer ? await communityToWorkIn(db, viewer, preferredSlug) : null;
  const streetId = community?.streetId ?? (await allCommunities(db))[0]?.streetId;
  if (!streetId) return { street: null, units: [], total: 0, areas: [] };
  const [street, units, areas] = await Promise.all([
    db.street.findUnique({ where: { id: streetId }, select: { nameZh: true, nameEn: true } }),
    unitDirectory(db, streetId),
    db.area.findMany({ where: { streetId }, select: { id: true, nameZh: true, nameEn: true }, orderBy: { nameZh: "asc" } }),
  ]);
  return { street, units: filterDirectory(units, filter), total: units.length, areas };
}
