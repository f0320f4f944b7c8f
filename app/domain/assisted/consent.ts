/**
 * Assisted participation (代办, issue #12): a grid worker or staff member acts in a resident's name — raises an
 * issue, gives the acceptance rating, lodges an objection — for someone without a phone. Consent is the lawful
 * basis (ADR 0020): the helper confirms the resident agreed and says how.
 */
export const CONSENT_METHODS = ["in_person", "phone", "written"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Whom the record is for and how they agreed; the helper is the actor of the use case. */
export interface OnBehalf {
  residentId: string;
  consentMethod: ConsentMethod;
}

/** How a helper is named on a record: by the role they hold in the community (a grid worker, staff). */
export type HelperRole = "grid_worker" | "community_staff";

export function helperRoleOf(memberships: readonly { communityId: string; role: string }[], communityId: string): HelperRole {
  return memberships.some((m) => m.communityId === communityId && m.role === "grid_worker") &&
    !memberships.some((m) => m.communityId === communityId && m.role === "community_staff")
    ? "grid_worker"
    : "community_staff";
}

/**
 * What a page may say about who acted. The people involved (the resident, the helper) and those who see the
 * reporter anyway (staff) get both names; everybody else learns only that a helper acted for a resident.
 */
export type AssistedView =
  | { named: true; helperRole: HelperRole; helperName: string; residentName: string; consentMethod: string | null }
  | { named: false; helperRole: HelperRole };

export function assistedView(
  record: {
    helperRole: HelperRole;
    helperId: string;
    helperName: string;
    residentId: string;
    residentName: string;
    consentMethod: string | null;
  },
  viewer: { id: string } | null,
  seesReporter: boolean,
): AssistedView {
  const involved = !!viewer && (viewer.id === record.helperId || viewer.id === record.residentId);
  return seesReporter || involved
    ? {
        named: true,
        helperRole: record.helperRole,
        helperName: record.helperName,
        residentName: record.residentName,
        consentMethod: record.consentMethod,
      }
    : { named: false, helperRole: record.helperRole };
}
