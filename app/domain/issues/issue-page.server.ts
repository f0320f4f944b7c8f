import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { chinaDateString } from "../../infra/time";
import { requireCommunityBySlug } from "../communities/community-list.server";
import { workGateOfIssue } from "../decisions/work-gate.server";
import { notFound } from "../errors";
import type { Actor, Resource } from "../permissions";
import { can } from "../permissions";
import { unitsOfStreet } from "../units/directory.server";
import { maySeePhotos } from "../uploads/photo-access";
import { isAcceptanceOpen, isAskedForAcceptance, shouldAutoClose } from "./acceptance";
import { isActionItemOverdue, isAwaitingAcknowledgement, isEscalationOverdue, issueFlags } from "./deadlines";
import { triageMovesFrom } from "./state-machine";
import type { IssueStatus } from "./statuses";
import { isOpenStatus, isWorkableStatus } from "./statuses";
import type { TimelineRefs } from "./timeline";
import { buildTimeline, referencedIds } from "./timeline";
import { issueClock } from "../service-levels/levels";
import { closuresOf } from "../service-levels/levels.server";
import { parsePollResult } from "../voting/result";
import { acceptanceRound, settleEndedAcceptance } from "./acceptance-round.server";
import { acceptanceAudienceOf } from "./recipients.server";
import { assistedNames } from "../assisted/assisted.server";
import { assistedView } from "../assisted/consent";

/** An issue as its address names it: /c/<communitySlug>/issues/<number>. */
export interface IssueRef {
  communitySlug: string;
  number: number;
}

/**
 * Everything an issue's page shows, decided for the person looking (signed out too): the public record,
 * and only the forms this person may use. Who raised it is shown to the community's staff only.
 */
export async function issuePage(db: Db, clock: Clock, viewer: Actor | null, ref: IssueRef) {
  const community = await requireCommunityBySlug(db, ref.communitySlug);
  const now = clock.now();
  let issue = await loadIssue(db, community.id, ref.number);
  if (!issue) throw notFound("issues:errors.not_found");
  if (shouldAutoClose(issue, now)) {
    // The window ended since the last sweep: close it now rather than show a stale question.
    await settleEndedAcceptance(db, clock, issue.id);
    issue = (await loadIssue(db, community.id, ref.number)) ?? issue;
  }
  const resource = { communityId: community.id, streetId: community.streetId };
  const isStaff = can(viewer, "triage:issue", resource);
  const showPhotos = maySeePhotos(viewer, { ...resource, status: issue.status, reporterId: issue.reporterId });
  const status = issue.status as IssueStatus;
  const staffMoves = isStaff ? triageMovesFrom(status) : [];
  const canAddActionItem = can(viewer, "create:action-item", resource) && isWorkableStatus(status);
  const needUnits = staffMoves.includes("escalate") || canAddActionItem;
  // Sent to the council and not yet taken up by a planned or live meeting: staff are shown where to do that.
  const awaitingMeeting =
    isStaff &&
    status === "on_agenda" &&
    (await db.agendaItem.count({ where: { issueId: issue.id, meeting: { status: { not: "ended" } } } })) === 0;
  const [timeline, streetUnits, acceptance, gate, follow, helpers] = await Promise.all([
    publicTimeline(db, issue, community.slug),
    needUnits ? unitsOfStreet(db, community.streetId) : Promise.resolve([]),
    acceptanceOf(db, viewer, issue, resource, now),
    workGateOfIssue(db, issue.id, now),
    viewer ? followOf(db, issue.id, viewer.id) : Promise.resolve({ following: false, meToo: false }),
    assistedNames(db, community.id, [{ actedById: issue.actedById, authorId: issue.reporterId }]),
  ]);
  const helper = issue.actedById ? helpers.get(`${issue.actedById}:${issue.reporterId}`) : undefined;

  return {
    community,
    signedIn: !!viewer,
    isReporter: viewer?.id === issue.reporterId,
    issue: {
      id: issue.id,
      number: issue.number,
      title: issue.title,
      description: issue.description,
      address: issue.address,
      urgency: issue.urgency,
      status: issue.status,
      version: issue.version,
      createdAt: issue.createdAt.toISOString(),
      meTooCount: issue.meTooCount,
      rejectReason: issue.rejectReason,
      category: issue.category,
      grid: issue.grid,
      mergedInto: issue.mergedInto,
      escalation: issue.escalatedTo
        ? {
            unit: issue.escalatedTo,
            dueAt: issue.escalationDueAt?.toISOString() ?? null,
            acknowledgedAt: issue.acknowledgedAt?.toISOString() ?? null,
            awaiting: isAwaitingAcknowledgement(issue),
            overdue: isEscalationOverdue(issue, now),
            current: issue.status === "escalated",
          }
        : null,
      photos: showPhotos ? issue.attachments : [],
      flags: issueFlags(issue, now),
      clock: clockView(issueClock(issue, now, await closuresOf(db, community.id, now))),
      isOpen: isOpenStatus(issue.status),
    },
    reporter: isStaff ? { displayName: issue.reporter.displayName, phone: issue.reporter.phone } : null,
    // Raised for a resident by a grid worker or staff (代办): names for staff and the two people involved only.
    assisted:
      issue.actedById && helper
        ? assistedView(
            { ...helper, helperId: issue.actedById, residentId: issue.reporterId, consentMethod: issue.consentMethod },
            viewer,
            isStaff,
          )
        : null,
    actionItems: issue.actionItems.map((item) => ({
      id: item.id,
      description: item.description,
      dueAt: item.dueAt.toISOString(),
      status: item.status,
      percent: item.percent,
      overdue: isActionItemOverdue(item, now),
      unit: item.unit,
      canUpdate: can(viewer, "update:action-item", { ...resource, unitId: item.unitId }),
      updates: item.updates.map((u) => ({
        id: u.id,
        text: u.text,
        percent: u.percent,
        createdAt: u.createdAt.toISOString(),
        photos: showPhotos ? u.attachments : [],
      })),
    })),
    timeline,
    staffMoves,
    // Issue #13: staff may take the issue onto the community's needs list (for a participating unit).
    mayMakeNeed: can(viewer, "edit:community-lists", resource),
    awaitingMeeting,
    canAddActionItem,
    departments: streetUnits.filter((u) => u.kind === "department"),
    units: streetUnits,
    canAcknowledge:
      !!issue.escalatedToId &&
      can(viewer, "acknowledge:escalation", { ...resource, unitId: issue.escalatedToId }) &&
      isAwaitingAcknowledgement(issue),
    acceptance,
    canFollow: can(viewer, "follow:issue", resource),
    canMeToo: can(viewer, "raise:issue", resource),
    following: follow.following,
    meToo: follow.meToo,
    today: chinaDateString(now),
    workGate: gate.open ? null : { reason: gate.reason, until: gate.until?.toISOString() ?? null },
  };
}

export type IssuePage = Awaited<ReturnType<typeof issuePage>>;

async function loadIssue(db: Db, communityId: string, number: number) {
  return db.issue.findUnique({
    where: { communityId_number: { communityId, number } },
    include: {
      category: { select: { key: true, nameZh: true, nameEn: true } },
      grid: { select: { id: true, code: true, nameZh: true, nameEn: true } },
      reporter: { select: { id: true, displayName: true, phone: true } },
      escalatedTo: { select: { id: true, nameZh: true, nameEn: true } },
      mergedInto: { select: { number: true, title: true } },
      attachments: { select: { storageKey: true, width: true, height: true }, orderBy: { createdAt: "asc" } },
      actionItems: {
        orderBy: { createdAt: "asc" },
        include: {
          unit: { select: { id: true, nameZh: true, nameEn: true } },
          updates: { orderBy: { createdAt: "asc" }, include: { attachments: { select: { storageKey: true, width: true, height: true } } } },
        },
      },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 500 },
    },
  });
}

type LoadedIssue = NonNullable<Awaited<ReturnType<typeof loadIssue>>>;

/** The timeline with the units and issues its events mention, and the role (never the name) of each actor. */
async function publicTimeline(db: Db, issue: LoadedIssue, communitySlug: string) {
  const ids = referencedIds(issue.events);
  const [actors, units, targets, decisions, meetings, polls] = await Promise.all([
    timelineActors(db, issue),
    unitNames(db, ids.unitIds),
    ids.issueIds.length ? db.issue.findMany({ where: { id: { in: ids.issueIds } }, select: { id: true, number: true } }) : [],
    ids.decisionIds.length
      ? db.decision.findMany({ where: { id: { in: ids.decisionIds }, issueId: issue.id }, select: { id: true, status: true } })
      : [],
    ids.meetingIds.length
      ? db.meeting.findMany({
          where: { id: { in: ids.meetingIds }, communityId: issue.communityId },
          select: { id: true, title: true, minutes: { select: { status: true } } },
        })
      : [],
    ids.pollIds.length ? db.poll.findMany({ where: { id: { in: ids.pollIds } }, select: { id: true, result: true } }) : [],
  ]);
  const refs: TimelineRefs = {
    communitySlug,
    // A decision still being drafted is not public yet; its page would not open for most readers.
    decisions: Object.fromEntries(decisions.map((d) => [d.id, { public: d.status !== "draft" }])),
    meetings: Object.fromEntries(meetings.map((m) => [m.id, { title: m.title, minutesPublished: m.minutes?.status === "published" }])),
    polls: Object.fromEntries(
      polls.flatMap((p) => {
        const result = parsePollResult(p.result);
        return result ? [[p.id, { counts: result.options.map((o) => ({ label: o.label, total: o.total })), passed: result.passed }]] : [];
      }),
    ),
  };
  return buildTimeline(issue.events, actors, units, Object.fromEntries(targets.map((t) => [t.id, t.number])), refs);
}

/** The role each actor had in the issue's community, so the public sees roles, never names. */
async function timelineActors(db: Db, issue: { communityId: string; events: { actorId: string | null }[] }) {
  const ids = [...new Set(issue.events.map((e) => e.actorId).filter((id): id is string => !!id))];
  const memberships = ids.length
    ? await db.membership.findMany({
        where: { userId: { in: ids }, communityId: issue.communityId },
        select: { userId: true, role: true, unit: { select: { nameZh: true, nameEn: true } } },
      })
    : [];
  const admins = ids.length
    ? await db.user.findMany({ where: { id: { in: ids }, streetAdminOfId: { not: null } }, select: { id: true } })
    : [];
  const roles: Record<string, { role: string; unit: { nameZh: string; nameEn: string } | null }> = {};
  for (const admin of admins) roles[admin.id] = { role: "street_admin", unit: null };
  for (const m of memberships) if (!roles[m.userId] || m.unit) roles[m.userId] = { role: m.role, unit: m.unit };
  return roles;
}

async function unitNames(db: Db, ids: string[]) {
  const units = ids.length
    ? await db.unit.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, nameZh: true, nameEn: true } })
    : [];
  return Object.fromEntries(units.map((u) => [u.id, { nameZh: u.nameZh, nameEn: u.nameEn }]));
}

/** Whether this person is asked if the work fixed the problem, and whether they already answered this round. */
async function acceptanceOf(db: Db, viewer: Actor | null, issue: LoadedIssue, resource: Resource, now: Date) {
  const dueAt = issue.acceptanceDueAt?.toISOString() ?? null;
  if (!viewer || !isAcceptanceOpen(issue, now) || !can(viewer, "respond:acceptance", resource))
    return { asked: false, answered: false, dueAt };
  const asked = isAskedForAcceptance(viewer.id, await acceptanceAudienceOf(db, issue));
  if (!asked) return { asked, answered: false, dueAt };
  const round = await acceptanceRound(db, issue.id);
  const answer = await db.acceptanceResponse.findUnique({
    where: { issueId_userId_round: { issueId: issue.id, userId: viewer.id, round } },
    select: { issueId: true },
  });
  return { asked, answered: !!answer, dueAt };
}

/** A follower row says both: following, and whether they said "me too". */
async function followOf(db: Db, issueId: string, userId: string) {
  const row = await db.issueFollower.findUnique({ where: { issueId_userId: { issueId, userId } }, select: { meToo: true } });
  return { following: !!row, meToo: !!row?.meToo };
}

/** The issue's service-level clock as the page shows it ("2 working days left to respond"). */
function clockView(clock: ReturnType<typeof issueClock>) {
  if (!clock) return null;
  return { step: clock.step, dueAt: clock.dueAt.toISOString(), amount: clock.amount, unit: clock.unit, overdue: clock.overdue };
}
