import { describe, expect, it } from "vitest";
import { keywordsOf } from "../../app/domain/matching/keywords.server";
import type { UnitToMatch } from "../../app/domain/matching/rank";
import { rankUnitsForNeed } from "../../app/domain/matching/rank";

/**
 * Matching a community need to the units' resource lists: staff see the units whose resources fit, best
 * first, with the reasons. The texts are the kind the Beishan lists hold.
 */
const unit = (
  id: string,
  areaId: string | null,
  resources: [string, string, string?][],
  onTimeRate: number | null = null,
): UnitToMatch => ({
  id,
  areaId,
  onTimeRate,
  resources: resources.map(([titleZh, category, quantity], index) => ({
    id: `${id}-${index}`,
    titleZh,
    titleEn: titleZh,
    category,
    quantity: quantity ?? null,
    keywords: keywordsOf(titleZh),
  })),
});

describe("Chinese keywords", () => {
  it("segments Chinese into words rather than characters, and finds the parts of compound words", () => {
    const words = keywordsOf("楼道堆物占用消防通道");
    expect(words).toEqual(expect.arrayContaining(["楼道", "消防", "通道", "消防通道"]));
    expect(words).not.toContain("道");
  });

  it("drops single characters and words every list shares (社区, 居民, 服务)", () => {
    const words = keywordsOf("为社区居民提供健康讲座服务");
    expect(words).toEqual(expect.arrayContaining(["健康", "讲座"]));
    expect(words).not.toContain("社区");
    expect(words).not.toContain("居民");
    expect(words).not.toContain("服务");
    expect(words).not.toContain("为");
  });

  it("reads English and numbers as lower-case words", () => {
    expect(keywordsOf("Meeting room, 80 seats")).toEqual(expect.arrayContaining(["meeting", "room", "80", "seats"]));
  });

  it("does not match words that only share a character (会议 is not 议事)", () => {
    expect(keywordsOf("会议室")).not.toEqual(expect.arrayContaining(["议事"]));
  });
});

describe("ranking units for a need", () => {
  const need = { category: "venue", areaId: "songmuchang", keywords: keywordsOf("借用会议室开居民议事会") };

  it("suggests only units with a resource that fits, best fit first", () => {
    const ranked = rankUnitsForNeed(need, [
      unit("drama", "culture", [["社区戏剧工作坊", "expertise"]]),
      unit("school", "baoshi", [["节假日体育场地错时开放", "venue"]]),
      unit("bureau", "baoshi", [["会议室（80 个座位）", "venue", "80 个座位"]]),
    ]);
    expect(ranked.map((r) => r.unitId)).toEqual(["bureau", "school"]);
    expect(ranked[0]!.reasons[0]).toMatchObject({ kind: "offers", quantity: "80 个座位", sameCategory: true });
    expect((ranked[0]!.reasons[0] as { words: string[] }).words).toContain("会议室");
  });

  it("prefers a unit of the same area when two offer alike, and says so", () => {
    const ranked = rankUnitsForNeed(need, [
      unit("far", "baoshi", [["多功能会议室", "venue"]]),
      unit("near", "songmuchang", [["多功能会议室", "venue"]]),
    ]);
    expect(ranked.map((r) => r.unitId)).toEqual(["near", "far"]);
    expect(ranked[0]!.reasons).toContainEqual({ kind: "same_area" });
    expect(ranked[1]!.reasons).not.toContainEqual({ kind: "same_area" });
  });

  it("orders units that offer alike by their record of finishing on time, and shows the rate", () => {
    const ranked = rankUnitsForNeed(need, [
      unit("late", "x", [["会议室", "venue"]], 0.4),
      unit("punctual", "x", [["会议室", "venue"]], 0.92),
    ]);
    expect(ranked.map((r) => r.unitId)).toEqual(["punctual", "late"]);
    expect(ranked[0]!.reasons).toContainEqual({ kind: "on_time", rate: 0.92 });
  });

  it("a shared keyword counts even across categories; several shared words outrank the same category in the same area", () => {
    const lecture = { category: "expertise", areaId: "a", keywords: keywordsOf("老年人防范电信诈骗讲座") };
    const ranked = rankUnitsForNeed(lecture, [
      unit("hospital", "a", [["中医养生健康讲座", "expertise"]]),
      unit("police", "b", [["防范电信诈骗宣讲", "service"]]),
    ]);
    expect(ranked.map((r) => r.unitId)).toEqual(["police", "hospital"]);
    expect(ranked[0]!.reasons[0]).toMatchObject({ kind: "offers", sameCategory: false });
  });

  it("suggests nobody when no resource fits", () => {
    expect(rankUnitsForNeed(need, [unit("drama", "a", [["惠民演出票", "funding"]])])).toEqual([]);
  });
});
