import { describe, expect, it } from "vitest";
import { MAX_PREFIX_TERMS, anyOfTerms, ftsPhrase, planTextSearch } from "../../app/domain/issues/text-search";

describe("planning a text search over issues", () => {
  it("searches three or more characters as one quoted phrase of trigrams", () => {
    expect(planTextSearch(" 垃圾桶 ")).toEqual({ kind: "phrase", match: '"垃圾桶"' });
    expect(planTextSearch("lift out")).toEqual({ kind: "phrase", match: '"lift out"' });
  });

  it("quotes search operators and quotes so they are plain text", () => {
    expect(ftsPhrase('a"b OR c*')).toBe('"a""b OR c*"');
    expect(planTextSearch('"x" OR *').kind).toBe("phrase");
  });

  it("looks two characters up among the trigrams that start with them, case folded", () => {
    const plan = planTextSearch("Ab");
    expect(plan.kind).toBe("two-characters");
    if (plan.kind !== "two-characters") return;
    expect(plan.from).toBe("ab");
    expect(["abc", "ab ", "ab\u{10fffe}"].every((term) => term >= plan.from && term < plan.to)).toBe(true);
    expect(["aa~", "ac", "b"].some((term) => term >= plan.from && term < plan.to)).toBe(false);
  });

  it("counts characters, not UTF-16 units, and scans for one character", () => {
    expect(planTextSearch("𠀀𠀁").kind).toBe("two-characters");
    expect(planTextSearch("灯")).toEqual({ kind: "scan", text: "灯" });
  });

  it("asks for any of the trigrams, and nothing when there are none", () => {
    expect(anyOfTerms(["垃圾桶", "垃圾 "])).toBe('"垃圾桶" OR "垃圾 "');
    expect(anyOfTerms([])).toBeNull();
    expect(MAX_PREFIX_TERMS).toBeGreaterThan(0);
  });
});
