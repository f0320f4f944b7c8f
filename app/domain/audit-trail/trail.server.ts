import type { Db } from "../../infra/db.server";
import { endOfChinaDay } from "../../infra/time";
import type { CommunitySummary } from "../communities/community-list.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";

export const AUDIT_PAGE_SIZE = 50;
/** A download holds at most this many rows (newest first): a year of a busy street fits well within it. */
export const AUDIT_EXPORT_LIMIT = 20_000;

export interface AuditFilters {
  actor?: string;
  subject?: string;
  type?: string;
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: { id: string; name: string; username: string } | null;
  /** Written by Yishi itself (the background sweep), not by a person. */
  system: boolean;
  community: { nameZh: string; nameEn: string } | null;
  /** A code (`issue.accept`, `person.role_granted`) the page renders in the reader's language, with `data`. */
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  /** Where the record can be seen, when it has a page. */
  link: string | null;
}

/**
 * Which communities' rows the actor reads: a street admin the whole street, staff their community. Rows are
 * written by the use cases that change things (audit.server.ts). Secret ballots write none at all: a cast
 * ballot is recorded only as the voter's VoteRecord, and the trail never holds who chose what (ADR 0022).
 */
async function scopeOf(
  db: Db,
  actor: Actor,
  community: CommunitySummary,
): Promise<{ ids: string[]; communities: Map<string, CommunitySummary> }> {
  requirePermission(actor, "view:audit", { communityId: community.id, streetId: community.streetId });
  const list =
    actor.streetAdminOfId === community.streetId
      ? await db.community.findMany({
          where: { streetId: community.streetId },
          select: { id: true, slug: true, nameZh: true, nameEn: true, streetId: true },
          orderBy: { createdAt: "asc" },
        })
      : [community];
  return { ids: list.map((c) => c.id), communities: new Map(list.map((c) => [c.id, c])) };
}

function whereOf(ids: string[], filters: AuditFilters) {
  return {
    communityId: { in: ids },
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.subject ? { entityId: filters.subject } : {}),
    ...(filters.type ? { entityType: filters.type } : {}),
    ...(filters.from || filters.to
      ? {
          createdAt: {
            ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00+08:00`) } : {}),
            ...(filters.to ? { lte: endOfChinaDay(filters.to) } : {}),
          },
        }
      : {}),
  };
}

/** A page of the trail, newest first, with what the filters offer (the people and record types present). */
export async function auditTrail(db: Db, actor: Actor, community: CommunitySummary, filters: AuditFilters, page = 1) {
  const { ids, communities } = await scopeOf(db, actor, community);
  const where = whereOf(ids, filters);
  const [total, rows, actorGroups, typeGroups] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditLog.groupBy({ by: ["actorId"], where: { communityId: { in: ids } }, orderBy: { actorId: "asc" }, take: 500 }),
    db.auditLog.groupBy({ by: ["entityType"], where: { communityId: { in: ids } }, orderBy: { entityType: "asc" } }),
  ]);
  const actorIds = actorGroups.flatMap((g) => (g.actorId ? [g.actorId] : []));
  const actors = await db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, displayName: true, username: true },
    orderBy: { displayName: "asc" },
  });
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    rows: await describeRows(db, rows, communities),
    actors: actors.map((a) => ({ id: a.id, name: a.displayName, username: a.username })),
    types: typeGroups.map((g) => g.entityType),
    street: ids.length > 1,
  };
}

/** Every row the filters select (up to the export limit), for the CSV download. */
export async function auditExport(db: Db, actor: Actor, community: CommunitySummary, filters: AuditFilters): Promise<AuditRow[]> {
  const { ids, communities } = await scopeOf(db, actor, community);
  const rows: AuditRow[] = [];
  // In slices, so one statement never carries thousands of ids when the rows' people and links are looked up.
  for (let skip = 0; skip < AUDIT_EXPORT_LIMIT; skip += 1000) {
    const slice = await db.auditLog.findMany({
      where: whereOf(ids, filters),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take: 1000,
    });
    rows.push(...(await describeRows(db, slice, communities)));
    if (slice.length < 1000) break;
  }
  return rows;
}

type LogRow = {
  id: string;
  actorId: string | null;
  communityId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: string | null;
  createdAt: Date;
};

async function describeRows(db: Db, rows: LogRow[], communities: Map<string, CommunitySummary>): Promise<AuditRow[]> {
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const people = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true, username: true } });
  const personOf = new Map(people.map((p) => [p.id, { id: p.id, name: p.displayName, username: p.username }]));
  const links = await linksFor(db, rows);
  return rows.map((r) => {
    const community = r.communityId ? communities.get(r.communityId) : undefined;
    return {
      id: r.id,
      at: r.createdAt,
      actor: r.actorId ? (personOf.get(r.actorId) ?? null) : null,
      system: !r.actorId,
      community: community ? { nameZh: community.nameZh, nameEn: community.nameEn } : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      data: parseData(r.data),
      link: links.get(`${r.entityType}:${r.entityId}`) ?? null,
    };
  });
}

function parseData(value: string | null): Record<string, unknown> {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The page of each record the rows name, looked up once per record type. */
async function linksFor(db: Db, rows: LogRow[]): Promise<Map<string, string>> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))];
  const links = new Map<string, string>();
  const put = (type: string, id: string, to: string) => links.set(`${type}:${id}`, to);
  const issueLink = (issue: { number: number; community: { slug: string } }) => `/c/${issue.community.slug}/issues/${issue.number}`;
  for (const id of idsOf("user")) put("user", id, `/people/${id}`);
  for (const id of idsOf("roll_import")) put("roll_import", id, `/people/import/${id}`);
  for (const id of idsOf("Meeting")) put("Meeting", id, `/meetings/${id}`);
  for (const id of idsOf("Decision")) put("Decision", id, `/decisions/${id}`);
  for (const id of idsOf("JointProject")) put("JointProject", id, `/projects/${id}`);
  for (const id of idsOf("CommunityNeed")) put("CommunityNeed", id, `/needs/${id}`);
  for (const id of idsOf("IssueCategory")) put("IssueCategory", id, "/issues/categories");
  for (const id of idsOf("Community")) put("Community", id, "/service-levels");
  const [issues, items, minutes, polls, participants] = await Promise.all([
    db.issue.findMany({ where: { id: { in: idsOf("Issue") } }, select: { id: true, number: true, community: { select: { slug: true } } } }),
    db.actionItem.findMany({
      where: { id: { in: idsOf("ActionItem") } },
      select: { id: true, issue: { select: { number: true, community: { select: { slug: true } } } } },
    }),
    db.minutes.findMany({ where: { id: { in: idsOf("Minutes") } }, select: { id: true, meetingId: true } }),
    db.poll.findMany({ where: { id: { in: idsOf("Poll") } }, select: { id: true, meetingId: true } }),
    db.participant.findMany({ where: { id: { in: idsOf("Participant") } }, select: { id: true, meetingId: true } }),
  ]);
  for (const issue of issues) put("Issue", issue.id, issueLink(issue));
  for (const item of items) put("ActionItem", item.id, issueLink(item.issue));
  for (const m of minutes) if (m.meetingId) put("Minutes", m.id, `/meetings/${m.meetingId}/minutes`);
  for (const poll of polls) put("Poll", poll.id, `/meetings/${poll.meetingId}`);
  for (const p of participants) put("Participant", p.id, `/meetings/${p.meetingId}`);
  return links;
}
