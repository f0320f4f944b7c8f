import { describe, expect, it } from "vitest";
import { UTF8_BOM, csvField, toCsv } from "../../app/domain/issues/csv";
import { similarityScore, titleTokens } from "../../app/domain/issues/similar";
import { checkImage, sniffImageType } from "../../app/domain/uploads/images";

// A real 1×1 PNG.
const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);

describe("CSV for Excel", () => {
  it("starts with a BOM, quotes what needs it and keeps Chinese as UTF-8", () => {
    // The full-width comma (，) is text, not a separator; an ASCII comma or a quote forces quoting.
    const csv = toCsv(
      ["编号", "标题"],
      [
        [1, "楼道灯坏了，请修理"],
        [2, '说"明", 急'],
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}编号,标题\r\n1,楼道灯坏了，请修理\r\n2,"说""明"", 急"\r\n`);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("defuses spreadsheet formulas", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField(null)).toBe("");
  });
});

describe("photos are judged by their bytes", () => {
  it("accepts a real PNG and reads its size", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(checkImage(PNG)).toEqual({ ok: true, mime: "image/png", width: 1, height: 1 });
  });

  it("refuses text named like a photo, a truncated header and an empty file", () => {
    expect(checkImage(new TextEncoder().encode("<script>alert(1)</script>"))).toEqual({
      ok: false,
      reason: "issues:errors.upload_not_image",
    });
    expect(checkImage(PNG.slice(0, 12))).toEqual({ ok: false, reason: "issues:errors.upload_not_image" });
    expect(checkImage(new Uint8Array())).toEqual({ ok: false, reason: "issues:errors.upload_empty" });
  });
});

describe("similar issues", () => {
  it("compares Chinese titles by character pairs", () => {
    expect(titleTokens("楼道灯坏了")).toEqual(new Set(["楼道", "道灯", "灯坏", "坏了"]));
    expect(similarityScore("3幢楼道灯坏了", { title: "楼道灯不亮，晚上看不见" })).toBeGreaterThan(0.3);
    expect(similarityScore("垃圾分类点异味", { title: "楼道灯不亮" })).toBe(0);
  });
});
