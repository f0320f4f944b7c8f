/**
 * The issue's story as the public may read it: what happened, when, and in what capacity (role, unit) —
 * never who by name, so a reporter cannot be identified from the transparency page.
 */
export interface RawEvent {
  id: string;
  type: string;
  actorId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  data: string | null;
  isPublic: boolean;
  createdAt: Date;
}

export interface TimelineEntry {
  id: string;
  /** A key under issues:timeline.* (older spellings are mapped to the transition name). */
  kind: string;
  at: string;
  toStatus: string | null;
  note: string | null;
  actor: { role: string | null; unitZh: string | null; unitEn: string | null; system: boolean };
  values: {
    unitZh?: string;
    unitEn?: string;
    dueAt?: string;
    percent?: number;
    number?: number;
    photos?: number;
    /** Mean 1–5 rating and how many rated, when residents' ratings settled the issue. */
    average?: number;
    ratings?: number;
  };
  /** Where a decision event leads: the decision (once public), its meeting, the published minutes, the vote. */
  links?: TimelineLinks;
}

export interface TimelineLinks {
  decision?: string;
  meeting?: { href: string; title: string };
  minutes?: string;
  vote?: { counts: { label: string; total: number }[]; passed: boolean | null };
  /** Issue #13: the community need this issue was turned into. */
  need?: string;
}

/** What the page knows about the decisions, meetings and polls that events name (see referencedIds). */
export interface TimelineRefs {
  communitySlug: string;
  decisions: Record<string, { public: boolean }>;
  meetings: Record<string, { title: string; minutesPublished: boolean }>;
  polls: Record<string, { counts: { label: string; total: number }[]; passed: boolean | null }>;
}

function linksOf(data: Record<string, unknown>, refs: TimelineRefs | undefined): TimelineLinks | undefined {
  if (!refs) return undefined;
  const links: TimelineLinks = {};
  const base = `/c/${refs.communitySlug}`;
  if (typeof data.decisionId === "string" && refs.decisions[data.decisionId]?.public)
    links.decision = `${base}/decisions/${data.decisionId}`;
  if (typeof data.meetingId === "string" && refs.meetings[data.meetingId]) {
    const meeting = refs.meetings[data.meetingId];
    links.meeting = { href: `${base}/meetings/${data.meetingId}`, title: meeting.title };
    if (meeting.minutesPublished) links.minutes = `${base}/meetings/${data.meetingId}/minutes`;
  }
  if (typeof data.pollId === "string" && refs.polls[data.pollId]) links.vote = refs.polls[data.pollId];
  if (typeof data.needId === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(data.needId)) links.need = `/needs/${data.needId}`;
  return Object.keys(links).length ? links : undefined;
}

// The demo seed names events after the status reached; the app names them after the move.
const ALIASES: Record<string, string> = {
  accepted: "accept",
  escalated: "escalate",
  resolved: "resolve_directly",
  in_progress: "start_work",
  rejected: "reject",
};

export const KNOWN_KINDS = [
  "submitted",
  "accept",
  "reject",
  "merge",
  "merged_in",
  "escalate",
  "acknowledge",
  "resolve_directly",
  "put_on_agenda",
  "decide",
  "start_work",
  "request_acceptance",
  "confirm_fixed",
  "reopen",
  "auto_close",
  "me_too",
  "action_item_added",
  "action_item_claimed",
  "progress_posted",
  "action_item_done",
  "need_created",
] as const;

function parse(data: string | null): Record<string, unknown> {
  if (!data) return {};
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function buildTimeline(
  events: readonly RawEvent[],
  actors: Record<string, { role: string; unit: { nameZh: string; nameEn: string } | null }>,
  units: Record<string, { nameZh: string; nameEn: string }>,
  issueNumbers: Record<string, number>,
  refs?: TimelineRefs,
): TimelineEntry[] {
  return events
    .filter((event) => event.isPublic)
    .map((event) => {
      const data = parse(event.data);
      const kind = ALIASES[event.type] ?? event.type;
      const actor = event.actorId ? actors[event.actorId] : undefined;
      const unit = typeof data.unitId === "string" ? units[data.unitId] : undefined;
      const values: TimelineEntry["values"] = {};
      if (unit) {
        values.unitZh = unit.nameZh;
        values.unitEn = unit.nameEn;
      }
      if (typeof data.dueAt === "string") values.dueAt = data.dueAt;
      if (typeof data.percent === "number") values.percent = data.percent;
      if (typeof data.photos === "number") values.photos = data.photos;
      if (typeof data.fromNumber === "number") values.number = data.fromNumber;
      if (typeof data.targetIssueId === "string" && issueNumbers[data.targetIssueId]) values.number = issueNumbers[data.targetIssueId];
      if (typeof data.average === "number") values.average = data.average;
      if (typeof data.ratings === "number") values.ratings = data.ratings;
      const links = linksOf(data, refs);
      return {
        id: event.id,
        kind: (KNOWN_KINDS as readonly string[]).includes(kind) ? kind : "other",
        at: event.createdAt.toISOString(),
        toStatus: event.toStatus,
        note: event.note,
        actor: {
          role: actor?.role ?? null,
          unitZh: actor?.unit?.nameZh ?? null,
          unitEn: actor?.unit?.nameEn ?? null,
          system: event.actorId === null,
        },
        values,
        ...(links ? { links } : {}),
      };
    });
}

/** Ids mentioned in events' data that the page must name or link to (units, merge targets, decisions…). */
export function referencedIds(events: readonly RawEvent[]) {
  const sets = {
    unitIds: new Set<string>(),
    issueIds: new Set<string>(),
    decisionIds: new Set<string>(),
    meetingIds: new Set<string>(),
    pollIds: new Set<string>(),
  };
  for (const event of events) {
    const data = parse(event.data);
    if (typeof data.unitId === "string") sets.unitIds.add(data.unitId);
    if (typeof data.targetIssueId === "string") sets.issueIds.add(data.targetIssueId);
    if (typeof data.decisionId === "string") sets.decisionIds.add(data.decisionId);
    if (typeof data.meetingId === "string") sets.meetingIds.add(data.meetingId);
    if (typeof data.pollId === "string") sets.pollIds.add(data.pollId);
  }
  return {
    unitIds: [...sets.unitIds],
    issueIds: [...sets.issueIds],
    decisionIds: [...sets.decisionIds],
    meetingIds: [...sets.meetingIds],
    pollIds: [...sets.pollIds],
  };
}
