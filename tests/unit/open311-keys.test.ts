import { describe, expect, it } from "vitest";
import { hashApiKey, newApiKey, placeOf, titleFromDescription } from "../../app/domain/open311/keys";

describe("Open311 keys and filing helpers", () => {
  it("makes distinct keys and stores only a sha256", () => {
    const a = newApiKey();
    expect(a).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(newApiKey()).not.toBe(a);
    expect(hashApiKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(a)).toBe(hashApiKey(a));
  });

  it("takes the title from the first line, cut to 80 characters", () => {
    expect(titleFromDescription("  垃圾桶满了\n三天没人清运")).toBe("垃圾桶满了");
    const long = titleFromDescription("长".repeat(200));
    expect([...long]).toHaveLength(80);
    expect(long.endsWith("…")).toBe(true);
  });

  it("keeps the address, else the coordinates", () => {
    expect(placeOf("松木场路8号", 30, 120)).toBe("松木场路8号");
    expect(placeOf(undefined, 30.27, 120.15)).toBe("30.270000, 120.150000");
    expect(placeOf(undefined, undefined, undefined)).toBeNull();
  });
});
