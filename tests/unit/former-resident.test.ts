import { describe, expect, it } from "vitest";
import { FORMER_RESIDENT_NAME, translateFormerResident } from "../../app/domain/enrolment/former-resident";

describe("a deleted person's name is translated when a page is sent", () => {
  it("replaces the marker wherever it is a whole value, and nothing else", () => {
    const page = {
      issue: { reporter: { displayName: FORMER_RESIDENT_NAME, phone: null } },
      roll: [{ name: "王秀英" }, { name: FORMER_RESIDENT_NAME }],
      text: `${FORMER_RESIDENT_NAME}的发言`,
      when: new Date(0),
      count: 3,
    };
    const sent = translateFormerResident(page, "former resident");
    expect(sent.issue.reporter.displayName).toBe("former resident");
    expect(sent.roll.map((r) => r.name)).toEqual(["王秀英", "former resident"]);
    expect(sent.text).toBe(page.text);
    expect(sent.when).toBe(page.when);
    // The page data itself is not changed.
    expect(page.roll[1]?.name).toBe(FORMER_RESIDENT_NAME);
  });

  it("returns the very same object when no deleted person is on the page", () => {
    const page = { a: [{ b: "c" }], d: null, e: undefined };
    expect(translateFormerResident(page, "former resident")).toBe(page);
  });
});
