import { MAX_NAME_LENGTH, normaliseBuilding, normaliseEntrance, normalisePhone, normaliseRoom, normaliseText } from "../people/roll-rows";

/** How a grid worker or staff member made sure the person lives where they say. */
export const VERIFICATION_METHODS = ["in_person", "phone_call"] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** The state of a ResidentRecord. Imported rolls are verified by the staff who imported them. */
export const VERIFICATION_STATES = ["verified", "pending", "declined"] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** As the roll allows (roll-rows.ts), so a registration fits wherever an imported row does. */
export const MAX_ADDRESS_PART = 12;

export interface RegistrationDetails {
  name: string;
  phone: string;
  building: string;
  entrance: string;
  room: string;
}

/**
 * A registration as typed, in the roll's own spelling (3号楼 → 3, 301室 → 301, +86 138… → 138…), or the
 * field that is wrong and why (a translation key under `enrol:`). Mobile numbers only: the account signs in
 * with its phone, and a landline cannot receive the grid worker's call back.
 */
export function checkRegistration(
  input: RegistrationDetails,
): { ok: true; value: RegistrationDetails } | { ok: false; field: keyof RegistrationDetails; reason: string } {
  const name = normaliseText(input.name);
  if (!name) return { ok: false, field: "name", reason: "errors.field.required" };
  if ([...name].length > MAX_NAME_LENGTH) return { ok: false, field: "name", reason: "errors.field.too_long" };
  const phone = normalisePhone(input.phone);
  if (!phone) return { ok: false, field: "phone", reason: phone === null ? "errors.field.required" : "enrol:errors.bad_phone" };
  if (!/^1[3-9]\d{9}$/.test(phone)) return { ok: false, field: "phone", reason: "enrol:errors.mobile_only" };
  const building = normaliseBuilding(input.building);
  const entrance = normaliseEntrance(input.entrance);
  const room = normaliseRoom(input.room);
  if (!building) return { ok: false, field: "building", reason: "errors.field.required" };
  if (!room) return { ok: false, field: "room", reason: "errors.field.required" };
  for (const [field, value] of [
    ["building", building],
    ["entrance", entrance],
    ["room", room],
  ] as const)
    if (value.length > MAX_ADDRESS_PART) return { ok: false, field, reason: "errors.field.too_long" };
  return { ok: true, value: { name, phone, building, entrance, room } };
}

/**
 * Whether a person may sit on a voting roll in a community: everyone except a resident whose own
 * registration there has not (yet) been confirmed. People without a roll record (staff, unit
 * representatives, accounts opened before the roll existed) were put there by staff.
 */
export function mayVote(record: { verification: string } | null | undefined): boolean {
  return !record || record.verification === "verified";
}

/** What a person whose registration is waiting or declined may still do: everything but vote. */
export function isUnverified(record: { verification: string } | null | undefined): boolean {
  return !mayVote(record);
}
