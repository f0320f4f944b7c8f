/** Every state an issue can be in. The transitions between them live in the tracker's state machine. */
export const ISSUE_STATUSES = [
  "submitted",
  "accepted",
  "rejected",
  "merged",
  "escalated",
  "on_agenda",
  "decided",
  "in_progress",
  "awaiting_acceptance",
  "resolved",
  "closed",
  "reopened",
] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** States in which the community still owes residents an answer. */
export const OPEN_ISSUE_STATUSES: readonly IssueStatus[] = [
  "submitted",
  "accepted",
  "escalated",
  "on_agenda",
  "decided",
  "in_progress",
  "awaiting_acceptance",
  "reopened",
];

/** States in which work can be handed out; the first action item moves the issue to "in progress". */
export const WORKABLE_STATUSES: readonly IssueStatus[] = ["accepted", "escalated", "decided", "reopened", "in_progress"];

export function isOpenStatus(status: string): boolean {
  return (OPEN_ISSUE_STATUSES as readonly string[]).includes(status);
}

export function isWorkableStatus(status: string): boolean {
  return (WORKABLE_STATUSES as readonly string[]).includes(status);
}

export const URGENCIES = ["low", "normal", "high"] as const;
export type Urgency = (typeof URGENCIES)[number];
