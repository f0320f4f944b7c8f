import { describe, expect, it } from "vitest";
import { verifiableGrids } from "../../app/domain/enrolment/checkers";
import { checkRegistration, mayVote } from "../../app/domain/enrolment/rules";
import type { Actor } from "../../app/domain/permissions";

const typed = { name: " 张桂英 ", phone: "+86 138 1234 5678", building: "3号楼", entrance: "二单元", room: "301室" };

describe("what a registration form accepts", () => {
  it("writes the address and phone the way the roll does, so 3号楼 and 3幢 are the same building", () => {
    expect(checkRegistration(typed)).toEqual({
      ok: true,
      value: { name: "张桂英", phone: "13812345678", building: "3", entrance: "2", room: "301" },
    });
  });

  it("asks for a mobile number (the account signs in with it) and says which field is wrong", () => {
    expect(checkRegistration({ ...typed, phone: "0571-8888-1234" })).toMatchObject({
      ok: false,
      field: "phone",
      reason: "enrol:errors.mobile_only",
    });
    expect(checkRegistration({ ...typed, phone: "abc" })).toMatchObject({ ok: false, field: "phone", reason: "enrol:errors.bad_phone" });
    expect(checkRegistration({ ...typed, phone: "" })).toMatchObject({ ok: false, field: "phone", reason: "errors.field.required" });
    expect(checkRegistration({ ...typed, room: "室" })).toMatchObject({ ok: false, field: "room" });
    expect(checkRegistration({ ...typed, building: "" })).toMatchObject({ ok: false, field: "building" });
    expect(checkRegistration({ ...typed, entrance: "" })).toMatchObject({ ok: true });
  });
});

describe("who may vote", () => {
  it("a resident whose registration waits or was declined may not; people staff put on the roll may", () => {
    expect(mayVote({ verification: "verified" })).toBe(true);
    expect(mayVote(null)).toBe(true);
    expect(mayVote({ verification: "pending" })).toBe(false);
    expect(mayVote({ verification: "declined" })).toBe(false);
  });
});

describe("who checks a registration", () => {
  const community = { id: "c1", streetId: "s1" };
  const member = (role: Actor["memberships"][number]["role"], gridId: string | null = null) => ({
    communityId: "c1",
    streetId: "s1",
    role,
    isResidentRep: false,
    unitId: null,
    gridId,
  });
  it("staff and the street admin check every grid, a grid worker only their own, a resident none", () => {
    expect(verifiableGrids({ id: "u", streetAdminOfId: null, memberships: [member("community_staff")] }, community)).toBe("all");
    expect(verifiableGrids({ id: "u", streetAdminOfId: "s1", memberships: [] }, community)).toBe("all");
    expect(verifiableGrids({ id: "u", streetAdminOfId: null, memberships: [member("grid_worker", "g2")] }, community)).toEqual(["g2"]);
    expect(verifiableGrids({ id: "u", streetAdminOfId: null, memberships: [member("resident", "g2")] }, community)).toEqual([]);
  });
});
