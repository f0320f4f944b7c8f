import type { Db } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import { monthStartCst } from "../issues/queries.server";
import { OPEN_ISSUE_STATUSES } from "../issues/statuses";
import type { Actor } from "../permissions";
import { rolesIn } from "../permissions";
import type { Role } from "../roles";
import { representedUnitId } from "../units/representative";

export interface IssueRow {
  id: string;
  number: number;
  title: string;
  status: string;
  createdAt: Date;
  community: { slug: string };
}

export interface MeetingRow {
  id: string;
  title: string;
  form: string;
  startsAt: Date;
  place: string;
}

export interface HomeSummary {
  roles: Role[];
  staff?: {
    awaitingTriage: number;
    escalatedOverdue: number;
    actionItemsOverdue: number;
    open: number;
    resolvedThisMonth: number;
    recent: IssueRow[];
  };
  myIssues?: IssueRow[];
  gridIssues?: IssueRow[];
  unit?: { nameZh: string; nameEn: string; openActionItems: number; awaitingAcknowledgement: IssueRow[] };
  upcomingMeetings?: MeetingRow[];
}

const issueRow = { id: true, number: true, title: true, status: true, createdAt: true, community: { select: { slug: true } } } as const;
/** Issues of the community on screen: its slug is known, so no join to read it (one statement fewer). */
const localIssueRow = { id: true, number: true, title: true, status: true, createdAt: true } as const;

/** What a signed-in person sees first, assembled from the roles they hold in the chosen community. */
export async function homeSummary(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: { id: string; slug: string; streetId: string },
): Promise<HomeSummary> {
  const inCommunity = (rows: Omit<IssueRow, "community">[]): IssueRow[] =>
    rows.map((row) => ({ ...row, community: { slug: community.slug } }));
  const roles = rolesIn(actor, community);
  const memberships = actor.memberships.filter((m) => m.communityId === community.id);
  const now = clock.now();
  const summary: HomeSummary = { roles };
  const isStaff = roles.includes("street_admin") || roles.includes("community_staff");
  const tasks: Promise<void>[] = [];

  if (isStaff) {
    // The communities' month (China time), as on the public list, whatever the server's time zone.
    const monthStart = monthStartCst(now);
    tasks.push(
      Promise.all([
        db.issue.count({ where: { communityId: community.id, status: "submitted" } }),
        db.issue.count({
          where: { communityId: community.id, status: "escalated", acknowledgedAt: null, escalationDueAt: { lt: now } },
        }),
        db.actionItem.count({
          where: { issue: { communityId: community.id }, status: { in: ["open", "claimed"] }, dueAt: { lt: now } },
        }),
        db.issue.count({ where: { communityId: community.id, status: { in: [...OPEN_ISSUE_STATUSES] } } }),
        db.issue.count({ where: { communityId: community.id, resolvedAt: { gte: monthStart } } }),
        db.issue.findMany({ where: { communityId: community.id }, select: localIssueRow, orderBy: { createdAt: "desc" }, take: 5 }),
      ]).then(([awaitingTriage, escalatedOverdue, actionItemsOverdue, open, resolvedThisMonth, recent]) => {
        summary.staff = { awaitingTriage, escalatedOverdue, actionItemsOverdue, open, resolvedThisMonth, recent: inCommunity(recent) };
      }),
    );
  }

  if (roles.includes("resident") || roles.includes("grid_worker")) {
    tasks.push(
      db.issue
        .findMany({
          where: { communityId: community.id, reporterId: actor.id },
          select: localIssueRow,
          orderBy: { createdAt: "desc" },
          take: 5,
        })
        .then((rows) => {
          summary.myIssues = inCommunity(rows);
        }),
    );
  }

  const gridIds = memberships.filter((m) => m.role === "grid_worker" && m.gridId).map((m) => m.gridId as string);
  if (gridIds.length > 0) {
    tasks.push(
      db.issue
        .findMany({
          where: { gridId: { in: gridIds }, status: { in: [...OPEN_ISSUE_STATUSES] } },
          select: localIssueRow,
          orderBy: { createdAt: "desc" },
          take: 5,
        })
        .then((rows) => {
          summary.gridIssues = inCommunity(rows);
        }),
    );
  }

  const unitId = representedUnitId(actor, community.id);
  if (unitId) {
    tasks.push(
      Promise.all([
        db.unit.findUnique({ where: { id: unitId }, select: { nameZh: true, nameEn: true } }),
        db.actionItem.count({ where: { unitId, status: { not: "done" } } }),
        db.issue.findMany({
          where: { escalatedToId: unitId, status: "escalated", acknowledgedAt: null },
          select: issueRow,
          orderBy: { escalationDueAt: "asc" },
          take: 5,
        }),
      ]).then(([unit, openActionItems, awaitingAcknowledgement]) => {
        if (unit) summary.unit = { ...unit, openActionItems, awaitingAcknowledgement };
      }),
    );
  }

  tasks.push(
    db.meeting
      .findMany({
        where: { communityId: community.id, status: { not: "ended" }, startsAt: { gte: new Date(now.getTime() - 12 * 3600_000) } },
        select: { id: true, title: true, form: true, startsAt: true, place: true },
        orderBy: { startsAt: "asc" },
        take: 5,
      })
      .then((rows) => {
        summary.upcomingMeetings = rows;
      }),
  );

  await Promise.all(tasks);
  return summary;
}
