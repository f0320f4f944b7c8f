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

export const URGENCIES = ["low", "normal", "high"] as const;
export type Urgency = (typeof URGENCIES)[number];
