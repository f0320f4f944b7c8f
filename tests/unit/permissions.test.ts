import { describe, expect, it } from "vitest";
import { isAskedForAcceptance } from "../../app/domain/issues/acceptance";
import type { Action, Actor, Resource } from "../../app/domain/permissions";
import { ACTIONS, can, requirePermission, rolesIn } from "../../app/domain/permissions";
import type { CommunityRole } from "../../app/domain/roles";
import { COMMUNITY_ROLES } from "../../app/domain/roles";

/**
 * Who may do what, as the people in a community would put it. One street with two communities (松木场 and
 * its neighbour 宝石), another street further away; the rules come from app/domain/permissions.ts, where
 * access is decided for pages and live connections alike.
 */
const STREET = "beishan";
const HOME = { communityId: "songmuchang", streetId: STREET };
const NEIGHBOUR = { communityId: "baoshi", streetId: STREET };
const FAR_AWAY = { communityId: "lingyin", streetId: "xihu" };

function member(role: CommunityRole, extra: { id?: string; unitId?: string; gridId?: string } = {}, place = HOME): Actor {
  return {
    id: extra.id ?? `${role}-person`,
    streetAdminOfId: null,
    memberships: [
      {
        ...place,
        role,
        isResidentRep: role === "resident",
        unitId: extra.unitId ?? null,
        gridId: extra.gridId ?? null,
      },
    ],
  };
}

const resident = member("resident", { id: "wang", gridId: "grid-1" });
const neighbour = member("resident", { id: "chen", gridId: "grid-1" });
const residentElsewhere = member("resident", { id: "he", gridId: "grid-2" });
const gridWorker = member("grid_worker", { id: "zhang", gridId: "grid-1" });
const staff = member("community_staff", { id: "staff" });
const host = member("meeting_host", { id: "li" });
const propertyRep = member("unit_rep", { id: "liu", unitId: "property-company" });
const housingRep = member("unit_rep", { id: "zhao", unitId: "housing-bureau" });
const expert = member("expert", { id: "sun" });
const streetAdmin: Actor = { id: "zhou", streetAdminOfId: STREET, memberships: [] };

const inHome = (extra: Partial<Resource> = {}): Resource => ({ ...HOME, ...extra });
const mayAll = (actor: Actor | null, actions: Action[], resource: Resource = inHome()) => actions.every((a) => can(actor, a, resource));
const mayNone = (actor: Actor | null, actions: Action[], resource: Resource = inHome()) => actions.every((a) => !can(actor, a, resource));

describe("visitors", () => {
  it("a visitor who has not signed in may do nothing that needs an account, and is asked to sign in", () => {
    expect(mayNone(null, [...ACTIONS])).toBe(true);
    expect(() => requirePermission(null, "raise:issue", inHome())).toThrow(expect.objectContaining({ kind: "unauthenticated" }));
  });
});

describe("residents", () => {
  it("a resident raises issues and follows them in their own community", () => {
    expect(mayAll(resident, ["raise:issue", "follow:issue"])).toBe(true);
  });

  it("a resident cannot triage an issue", () => {
    expect(can(resident, "triage:issue", inHome())).toBe(false);
    expect(() => requirePermission(resident, "triage:issue", inHome())).toThrow(expect.objectContaining({ kind: "forbidden" }));
  });

  it("a resident cannot export the issue list, open the staff desk or give a unit an action item", () => {
    expect(mayNone(resident, ["export:issues", "view:staff-dashboard", "create:action-item"])).toBe(true);
  });

  it("a resident sees the photos of an issue they raised before it is accepted, but not a neighbour's", () => {
    expect(can(resident, "view:unpublished-photos", inHome({ reporterId: resident.id }))).toBe(true);
    expect(can(resident, "view:unpublished-photos", inHome({ reporterId: neighbour.id }))).toBe(false);
  });

  it("the reporter and the residents who follow the issue are asked to rate the work", () => {
    const audience = { reporterId: resident.id, residentFollowerIds: [neighbour.id] };
    expect(can(resident, "respond:acceptance", inHome())).toBe(true);
    expect(isAskedForAcceptance(resident.id, audience)).toBe(true);
    expect(isAskedForAcceptance(neighbour.id, audience)).toBe(true);
  });

  it("a resident cannot settle another resident's issue they do not follow", () => {
    const audience = { reporterId: resident.id, residentFollowerIds: [neighbour.id] };
    expect(isAskedForAcceptance(residentElsewhere.id, audience)).toBe(false);
    expect(isAskedForAcceptance(residentElsewhere.id, { ...audience, residentFollowerIds: [] })).toBe(false);
  });

  it("a resident joins the council meeting, speaks there and reviews the draft minutes", () => {
    expect(mayAll(resident, ["join:meeting", "comment:meeting", "review:minutes"])).toBe(true);
  });

  it("a resident may object to a decision on public notice, but the community answers it", () => {
    expect(can(resident, "file:objection", inHome())).toBe(true);
    expect(can(resident, "answer:objection", inHome())).toBe(false);
  });

  it("a resident cannot run a meeting, record its decisions, or write, sign off or publish its minutes", () => {
    const own = inHome({ hostId: resident.id });
    const running: Action[] = ["manage:meeting", "host:meeting", "check-in:participant", "moderate:content", "record:decision"];
    expect(mayNone(resident, [...running, "edit:minutes", "sign-off:minutes", "publish:minutes"], own)).toBe(true);
  });
});

describe("grid workers", () => {
  it("a grid worker raises the issues they find in their grid and answers for the ones they raised", () => {
    expect(mayAll(gridWorker, ["raise:issue", "follow:issue", "respond:acceptance"])).toBe(true);
    expect(isAskedForAcceptance(gridWorker.id, { reporterId: gridWorker.id, residentFollowerIds: [] })).toBe(true);
  });

  it("a grid worker sees unpublished photos only of the issues they raised", () => {
    expect(can(gridWorker, "view:unpublished-photos", inHome({ reporterId: gridWorker.id }))).toBe(true);
    expect(can(gridWorker, "view:unpublished-photos", inHome({ reporterId: resident.id }))).toBe(false);
  });

  it("a grid worker cannot triage, and the draft minutes are not sent to grid workers for review", () => {
    expect(mayNone(gridWorker, ["triage:issue", "review:minutes"])).toBe(true);
  });
});

describe("community staff", () => {
  it("staff triage issues, export the list and give units their action items", () => {
    expect(mayAll(staff, ["triage:issue", "export:issues", "create:action-item", "update:action-item", "view:unpublished-photos"])).toBe(
      true,
    );
  });

  it("staff set up meetings and may run any meeting of their community, whoever hosts it", () => {
    const someoneElses = inHome({ hostId: host.id });
    const running: Action[] = ["manage:meeting", "host:meeting", "check-in:participant", "moderate:content", "record:decision"];
    expect(mayAll(staff, running, someoneElses)).toBe(true);
  });

  it("staff write and publish the minutes but cannot sign them off: that is the host's", () => {
    expect(mayAll(staff, ["edit:minutes", "publish:minutes"])).toBe(true);
    expect(can(staff, "sign-off:minutes", inHome({ hostId: host.id }))).toBe(false);
  });

  it("staff answer objections, and keep the community's units and categories", () => {
    expect(mayAll(staff, ["answer:objection", "manage:units", "manage:community"])).toBe(true);
  });

  it("staff neither report for duty for a department nor say whether an issue is fixed, give expert opinions or object", () => {
    expect(
      mayNone(
        staff,
        ["acknowledge:escalation", "respond:acceptance", "post:expert-opinion", "file:objection"],
        inHome({ unitId: "housing-bureau" }),
      ),
    ).toBe(true);
  });

  it("staff of one community have no say in the neighbouring community", () => {
    const there: Resource = { ...NEIGHBOUR, hostId: staff.id, unitId: "property-company", reporterId: staff.id };
    expect(mayNone(staff, [...ACTIONS], there)).toBe(true);
  });
});

describe("meeting hosts", () => {
  const own = inHome({ hostId: host.id });
  const another = inHome({ hostId: "another-host" });

  it("a host runs the meetings they host: opens them, checks people in, moderates, records decisions and their work", () => {
    const running: Action[] = ["host:meeting", "check-in:participant", "moderate:content", "record:decision", "create:action-item"];
    expect(mayAll(host, running, own)).toBe(true);
    expect(mayNone(host, running, another)).toBe(true);
    expect(mayNone(host, running, inHome())).toBe(true);
  });

  it("a host signs off the minutes of their own meeting only", () => {
    expect(can(host, "sign-off:minutes", own)).toBe(true);
    expect(can(host, "sign-off:minutes", another)).toBe(false);
  });

  it("a host does not set up meetings, triage issues, or write and publish the minutes", () => {
    expect(mayNone(host, ["manage:meeting", "triage:issue", "edit:minutes", "publish:minutes"], own)).toBe(true);
  });

  it("a host works from the staff desk and reviews the draft minutes", () => {
    expect(mayAll(host, ["view:staff-dashboard", "review:minutes"])).toBe(true);
  });
});

describe("participating units", () => {
  it("a unit representative updates only their own unit's action items", () => {
    expect(can(propertyRep, "update:action-item", inHome({ unitId: "property-company" }))).toBe(true);
    expect(can(propertyRep, "update:action-item", inHome({ unitId: "housing-bureau" }))).toBe(false);
    expect(can(propertyRep, "update:action-item", inHome({ unitId: null }))).toBe(false);
  });

  it("a department reports for duty only on issues escalated to that department", () => {
    expect(can(housingRep, "acknowledge:escalation", inHome({ unitId: "housing-bureau" }))).toBe(true);
    expect(can(propertyRep, "acknowledge:escalation", inHome({ unitId: "housing-bureau" }))).toBe(false);
  });

  it("a unit representative neither raises nor triages issues, nor hands out action items", () => {
    expect(mayNone(propertyRep, ["raise:issue", "triage:issue", "create:action-item"], inHome({ unitId: "property-company" }))).toBe(true);
  });

  it("a unit representative takes part in the council: joins, speaks, reviews minutes and may object", () => {
    expect(mayAll(propertyRep, ["join:meeting", "comment:meeting", "review:minutes", "file:objection"])).toBe(true);
  });
});

describe("experts", () => {
  it("only an expert gives an expert opinion", () => {
    expect(can(expert, "post:expert-opinion", inHome())).toBe(true);
    const others = [resident, gridWorker, staff, host, propertyRep, streetAdmin];
    expect(others.some((actor) => can(actor, "post:expert-opinion", inHome({ hostId: actor.id })))).toBe(false);
  });

  it("an expert reviews the minutes and may object, but does not raise issues", () => {
    expect(mayAll(expert, ["review:minutes", "file:objection"])).toBe(true);
    expect(can(expert, "raise:issue", inHome())).toBe(false);
  });
});

describe("street admins", () => {
  it("a street admin acts as staff in every community of their street", () => {
    for (const place of [HOME, NEIGHBOUR]) {
      expect(
        mayAll(streetAdmin, ["triage:issue", "export:issues", "manage:meeting", "edit:minutes", "publish:minutes", "answer:objection"], {
          ...place,
        }),
      ).toBe(true);
    }
  });

  it("a street admin cannot sign off minutes, report for duty, answer for residents, give expert opinions or object", () => {
    const personal: Action[] = [
      "sign-off:minutes",
      "acknowledge:escalation",
      "respond:acceptance",
      "post:expert-opinion",
      "file:objection",
    ];
    expect(mayNone(streetAdmin, personal, inHome({ hostId: streetAdmin.id, unitId: "housing-bureau" }))).toBe(true);
  });

  it("a street admin has no say in another street", () => {
    expect(mayNone(streetAdmin, [...ACTIONS], { ...FAR_AWAY })).toBe(true);
  });

  it("a street admin's home page is the staff desk of whichever community of the street they look at", () => {
    expect(rolesIn(streetAdmin, { id: NEIGHBOUR.communityId, streetId: STREET })).toEqual(["street_admin"]);
    expect(rolesIn(streetAdmin, { id: FAR_AWAY.communityId, streetId: FAR_AWAY.streetId })).toEqual([]);
  });
});

describe("everyone in a community", () => {
  it("every member, whatever their role, may join a meeting, speak, follow issues and switch community", () => {
    for (const role of COMMUNITY_ROLES) {
      expect(mayAll(member(role), ["join:meeting", "comment:meeting", "follow:issue", "switch:community"]), role).toBe(true);
    }
  });

  it("a role in one community grants nothing in another", () => {
    for (const role of COMMUNITY_ROLES) {
      const actor = member(role, { unitId: "property-company" });
      const there: Resource = { ...NEIGHBOUR, unitId: "property-company", hostId: actor.id, reporterId: actor.id };
      expect(mayNone(actor, [...ACTIONS], there), role).toBe(true);
    }
  });

  it("someone with two roles may do what either allows, and nothing more", () => {
    const both: Actor = { ...resident, memberships: [...resident.memberships, ...expert.memberships] };
    expect(mayAll(both, ["raise:issue", "post:expert-opinion"])).toBe(true);
    expect(can(both, "triage:issue", inHome())).toBe(false);
    expect(rolesIn(both, { id: HOME.communityId, streetId: STREET })).toEqual(["resident", "expert"]);
  });

  it("a refusal carries the area's own message when the page gives one", () => {
    expect(() => requirePermission(resident, "edit:minutes", inHome(), "minutes:errors.forbidden")).toThrow(
      expect.objectContaining({ kind: "forbidden", key: "minutes:errors.forbidden" }),
    );
  });
});

describe("participating units' lists and matching", () => {
  const property = { communityId: HOME.communityId, streetId: STREET, unitId: "property-company" };

  it("a unit's representative keeps their own unit's lists and answers for it, not for another unit", () => {
    expect(can(propertyRep, "edit:unit-lists", property)).toBe(true);
    expect(can(propertyRep, "answer:unit-match", property)).toBe(true);
    expect(can(housingRep, "edit:unit-lists", property)).toBe(false);
    expect(can(housingRep, "answer:unit-match", property)).toBe(false);
  });

  it("staff keep the community's needs and ask units, but do not answer for a unit", () => {
    expect(mayAll(staff, ["edit:community-lists", "request:unit-match", "edit:unit-lists"], property)).toBe(true);
    expect(can(staff, "answer:unit-match", property)).toBe(false);
    expect(can(streetAdmin, "answer:unit-match", property)).toBe(false);
  });

  it("residents and representatives do not edit the community's lists", () => {
    expect(mayNone(resident, ["edit:community-lists", "request:unit-match", "edit:unit-lists"], property)).toBe(true);
    expect(mayNone(propertyRep, ["edit:community-lists", "request:unit-match"], property)).toBe(true);
  });
});

describe("people: the resident roll and personal information", () => {
  it("community staff (and the street admin) import the roll and print letters; nobody else does", () => {
    expect(can(staff, "manage:people", inHome())).toBe(true);
    expect(can(streetAdmin, "manage:people", inHome())).toBe(true);
    for (const actor of [resident, gridWorker, host, propertyRep, expert]) expect(can(actor, "manage:people", inHome())).toBe(false);
    expect(can(staff, "manage:people", { ...NEIGHBOUR })).toBe(false);
  });

  it("a grid worker sees the phone and address of residents of their own grid only", () => {
    expect(can(gridWorker, "view:personal-info", inHome({ gridId: "grid-1" }))).toBe(true);
    expect(can(gridWorker, "view:personal-info", inHome({ gridId: "grid-2" }))).toBe(false);
    expect(can(gridWorker, "verify:resident", inHome({ gridId: "grid-1" }))).toBe(true);
    expect(can(resident, "view:personal-info", inHome({ gridId: "grid-1" }))).toBe(false);
    expect(can(staff, "view:personal-info", inHome({ gridId: "grid-2" }))).toBe(true);
  });
});
