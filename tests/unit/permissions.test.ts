import { describe, expect, it } from "vitest";
import type { Action, Actor, Resource } from "../../app/domain/permissions";
import { ACTIONS, can } from "../../app/domain/permissions";
import type { Role } from "../../app/domain/roles";
import { ROLES } from "../../app/domain/roles";

const STREET = "street-beishan";
const OTHER_STREET = "street-other";
const HOME = "community-songmuchang";
const ELSEWHERE = "community-baoshi";
const MY_UNIT = "unit-mine";

function actorWith(role: Role, id = `user-${role}`): Actor {
  if (role === "street_admin") return { id, streetAdminOfId: STREET, memberships: [] };
  return {
    id,
    streetAdminOfId: null,
    memberships: [
      {
        communityId: HOME,
        streetId: STREET,
        role,
        isResidentRep: role === "resident",
        unitId: role === "unit_rep" ? MY_UNIT : null,
        gridId: null,
      },
    ],
  };
}

/**
 * What each role may do in its own community, on its own unit's things and in meetings it hosts.
 * Y = yes, U = only for its own unit, M = only in meetings it hosts, R = only on issues it reported, . = no.
 * Columns: street_admin, community_staff, meeting_host, grid_worker, resident, unit_rep, expert
 */
const EXPECTED: Record<Action, string> = {
  "view:staff-dashboard": "YYY....",
  "switch:community": "YYYYYYY",
  "raise:issue": "YY.YY..",
  "follow:issue": "YYYYYYY",
  "triage:issue": "YY.....",
  "export:issues": "YY.....",
  "view:unpublished-photos": "YY.RR..",
  "create:action-item": "YYM....",
  "update:action-item": "YY...U.",
  "acknowledge:escalation": ".....U.",
  "respond:acceptance": "...YY..",
  "manage:meeting": "YY.....",
  "host:meeting": "YYM....",
  "check-in:participant": "YYM....",
  "join:meeting": "YYYYYYY",
  "comment:meeting": "YYYYYYY",
  "post:expert-opinion": "......Y",
  "moderate:content": "YYM....",
  "record:decision": "YYM....",
  "edit:minutes": "YY.....",
  "review:minutes": "YYY.YYY",
  "sign-off:minutes": "..M....",
  "publish:minutes": "YY.....",
  "file:objection": "...YYYY",
  "answer:objection": "YY.....",
  "manage:units": "YY.....",
  "manage:community": "YY.....",
};

const home = (extra: Partial<Resource> = {}): Resource => ({ communityId: HOME, streetId: STREET, ...extra });

describe("can(): every role × every action", () => {
  it("has an expectation for every action that exists", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    ROLES.forEach((role, column) => {
      const expected = EXPECTED[action][column];
      const actor = actorWith(role);
      it(`${role} ${expected === "." ? "may not" : "may"} ${action}${expected === "U" ? " (own unit only)" : expected === "M" ? " (own meeting only)" : expected === "R" ? " (own report only)" : ""}`, () => {
        if (expected === "Y") {
          expect(can(actor, action, home({ unitId: "unit-other", hostId: "someone-else" }))).toBe(true);
        } else if (expected === "U") {
          expect(can(actor, action, home({ unitId: MY_UNIT }))).toBe(true);
          expect(can(actor, action, home({ unitId: "unit-other" }))).toBe(false);
          expect(can(actor, action, home({ unitId: null }))).toBe(false);
        } else if (expected === "R") {
          expect(can(actor, action, home({ reporterId: actor.id }))).toBe(true);
          expect(can(actor, action, home({ reporterId: "someone-else" }))).toBe(false);
          expect(can(actor, action, home())).toBe(false);
        } else if (expected === "M") {
          expect(can(actor, action, home({ hostId: actor.id }))).toBe(true);
          expect(can(actor, action, home({ hostId: "someone-else" }))).toBe(false);
          expect(can(actor, action, home())).toBe(false);
        } else {
          expect(can(actor, action, home({ unitId: MY_UNIT, hostId: actor.id, reporterId: actor.id }))).toBe(false);
        }
      });
    });
  }
});

describe("can(): boundaries", () => {
  it("anonymous visitors may do nothing that needs an account", () => {
    for (const action of ACTIONS) expect(can(null, action, home())).toBe(false);
  });

  it("a role in one community grants nothing in another", () => {
    for (const role of ROLES.filter((r) => r !== "street_admin")) {
      for (const action of ACTIONS) {
        const actor = actorWith(role);
        expect(can(actor, action, { communityId: ELSEWHERE, streetId: STREET, unitId: MY_UNIT, hostId: actor.id })).toBe(false);
      }
    }
  });

  it("a street admin acts in every community of their street but not in another street", () => {
    const admin = actorWith("street_admin");
    expect(can(admin, "triage:issue", { communityId: ELSEWHERE, streetId: STREET })).toBe(true);
    expect(can(admin, "triage:issue", { communityId: "far-away", streetId: OTHER_STREET })).toBe(false);
  });

  it("someone with two roles gets the union of both", () => {
    const actor: Actor = {
      id: "both",
      streetAdminOfId: null,
      memberships: [
        { communityId: HOME, streetId: STREET, role: "resident", isResidentRep: true, unitId: null, gridId: null },
        { communityId: HOME, streetId: STREET, role: "expert", isResidentRep: false, unitId: null, gridId: null },
      ],
    };
    expect(can(actor, "raise:issue", home())).toBe(true);
    expect(can(actor, "post:expert-opinion", home())).toBe(true);
    expect(can(actor, "triage:issue", home())).toBe(false);
  });
});
