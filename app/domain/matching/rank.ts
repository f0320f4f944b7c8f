/**
 * Which units fit a need (the community's needs list against the units' resource lists), best first, each
 * with the reasons a member of staff reads before asking the unit. Pure: keywords are segmented beforehand
 * (keywords.server.ts) so the ranking is testable with plain arrays.
 */

export interface NeedToMatch {
  category: string;
  keywords: string[];
  /** The area (片区) the need is in: units of the same area are nearer and preferred. */
  areaId: string | null;
}

export interface ResourceToMatch {
  id: string;
  titleZh: string;
  titleEn: string;
  category: string;
  quantity: string | null;
  keywords: string[];
}

export interface UnitToMatch {
  id: string;
  areaId: string | null;
  resources: ResourceToMatch[];
  /** Share of action items done on time (scorecard); null when the unit has no record yet. */
  onTimeRate: number | null;
}

export type MatchReason =
  | {
      kind: "offers";
      resourceId: string;
      titleZh: string;
      titleEn: string;
      quantity: string | null;
      words: string[];
      sameCategory: boolean;
    }
  | { kind: "same_area" }
  | { kind: "on_time"; rate: number };

export interface RankedUnit {
  unitId: string;
  score: number;
  reasons: MatchReason[];
}

/** Weights: what a unit offers counts most; area and past performance order units that offer alike. */
export const WEIGHTS = { sameCategory: 2, perSharedWord: 2, maxSharedWords: 4, sameArea: 1.5, onTime: 2, unknownOnTime: 0.5 } as const;

function resourceFit(need: NeedToMatch, resource: ResourceToMatch) {
  const needWords = new Set(need.keywords);
  const words = resource.keywords.filter((word) => needWords.has(word));
  const sameCategory = resource.category === need.category;
  const score = (sameCategory ? WEIGHTS.sameCategory : 0) + Math.min(words.length, WEIGHTS.maxSharedWords) * WEIGHTS.perSharedWord;
  return { sameCategory, words, score };
}

/**
 * Units with at least one resource that fits (same category or a shared keyword), ranked by the best
 * resource's fit, then the same area, then the on-time rate. Ties keep the input order (the directory's).
 */
export function rankUnitsForNeed(need: NeedToMatch, units: UnitToMatch[], limit = 8): RankedUnit[] {
  const ranked: RankedUnit[] = [];
  for (const unit of units) {
    const fits = unit.resources
      .map((resource) => ({ resource, ...resourceFit(need, resource) }))
      .filter((fit) => fit.score > 0)
      .sort((a, b) => b.score - a.score);
    const best = fits[0];
    if (!best) continue;
    const reasons: MatchReason[] = fits.slice(0, 2).map((fit) => ({
      kind: "offers",
      resourceId: fit.resource.id,
      titleZh: fit.resource.titleZh,
      titleEn: fit.resource.titleEn,
      quantity: fit.resource.quantity,
      words: fit.words,
      sameCategory: fit.sameCategory,
    }));
    let score = best.score;
    if (need.areaId && unit.areaId === need.areaId) {
      score += WEIGHTS.sameArea;
      reasons.push({ kind: "same_area" });
    }
    if (unit.onTimeRate === null) {
      score += WEIGHTS.unknownOnTime;
    } else {
      score += unit.onTimeRate * WEIGHTS.onTime;
      reasons.push({ kind: "on_time", rate: unit.onTimeRate });
    }
    ranked.push({ unitId: unit.id, score, reasons });
  }
  // Array.prototype.sort is stable: equal scores keep the input order.
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}
