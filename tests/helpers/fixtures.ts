/**
 * Small builders for the data a test needs, written straight through Prisma: a test that is about a rule
 * calls the rule's use case itself and uses these only for what must merely exist (a place, people, an
 * issue already in some state, a meeting already held). Every name that must be unique carries a random
 * tag, so worlds never collide across tests, specs or reruns on one database.
 */
import crypto from "node:crypto";
import type { IssueStatus } from "../../app/domain/issues/statuses";
import type { Actor } from "../../app/domain/permissions";
import type { CommunityRole, SectorGroup, UnitKind } from "../../app/domain/roles";
import { isCommunityRole } from "../../app/domain/roles";
import type { PollResult } from "../../app/domain/voting/result";
import type { Db } from "../../app/infra/db.server";
import { hashPassword } from "../../app/infra/password.server";
import { chinaMonthOf } from "../../app/domain/figures/months";

const DAY = 86_400_000;

export const unique = () => crypto.randomBytes(4).toString("hex");

/** Every fixture person's password unless a test chooses one. */
export const FIXTURE_PASSWORD = "correct horse battery";
let fixtureHash: Promise<string> | undefined;
/** argon2 is slow on purpose: the shared password is hashed once per process. */
const passwordHashFor = (password: string) =>
  password === FIXTURE_PASSWORD ? (fixtureHash ??= hashPassword(FIXTURE_PASSWORD)) : hashPassword(password);

export interface Place {
  street: { id: string; slug: string };
  community: { id: string; slug: string; nameZh: string; nameEn: string; streetId: string };
  grid: { id: string; code: string };
}

/** A street with one community and one grid: the smallest world a test can live in. Pass `street` to add a community to it. */
export async function createCommunity(
  db: Db,
  options: { street?: { id: string; slug: string }; nameZh?: string; nameEn?: string } = {},
): Promise<Place> {
  const tag = unique();
  const street = options.street ?? (await db.street.create({ data: { slug: `street-${tag}`, nameZh: "测试街道", nameEn: "Test Street" } }));
  const community = await db.community.create({
    data: {
      streetId: street.id,
      slug: `community-${tag}`,
      nameZh: options.nameZh ?? "测试社区",
      nameEn: options.nameEn ?? "Test Community",
    },
  });
  const grid = await db.grid.create({
    data: { communityId: community.id, code: `G-${tag}`, nameZh: "第一网格", nameEn: "Grid 1", households: 420 },
  });
  return { street: { id: street.id, slug: street.slug }, community, grid };
}

export interface Person {
  user: { id: string; username: string; displayName: string; passwordHash: string };
  username: string;
  password: string;
}

export async function createUser(
  db: Db,
  options: {
    communityId?: string;
    role?: CommunityRole;
    password?: string;
    username?: string;
    displayName?: string;
    phone?: string;
    unitId?: string;
    gridId?: string;
    isResidentRep?: boolean;
    streetAdminOfId?: string;
  } = {},
): Promise<Person> {
  const username = options.username ?? `user-${unique()}`;
  const password = options.password ?? FIXTURE_PASSWORD;
  const user = await db.user.create({
    data: {
      username,
      displayName: options.displayName ?? `测试用户 ${username}`,
      phone: options.phone ?? null,
      passwordHash: await passwordHashFor(password),
      streetAdminOfId: options.streetAdminOfId ?? null,
    },
  });
  if (options.communityId && options.role) {
    await db.membership.create({
      data: {
        userId: user.id,
        communityId: options.communityId,
        role: options.role,
        unitId: options.unitId ?? null,
        gridId: options.gridId ?? null,
        isResidentRep: options.isResidentRep ?? false,
      },
    });
  }
  return { user, username, password };
}

/** The person as the domain's permission checks see them (what a session resolves to). */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { memberships: { include: { community: { select: { streetId: true } } } } },
  });
  return {
    id: user.id,
    streetAdminOfId: user.streetAdminOfId,
    memberships: user.memberships.flatMap((m) =>
      isCommunityRole(m.role)
        ? [
            {
              communityId: m.communityId,
              streetId: m.community.streetId,
              role: m.role,
              isResidentRep: m.isResidentRep,
              unitId: m.unitId,
              gridId: m.gridId,
            },
          ]
        : [],
    ),
  };
}

/** The issue categories a community starts with (staff may change the list later). */
export const CATEGORIES = [
  { key: "environment", nameZh: "环境卫生", nameEn: "Environment and sanitation" },
  { key: "property", nameZh: "物业管理", nameEn: "Property management" },
  { key: "old_building", nameZh: "老旧小区改造与加装电梯", nameEn: "Old buildings and lifts" },
  { key: "parking", nameZh: "停车与交通", nameEn: "Parking and traffic" },
  { key: "safety", nameZh: "公共安全", nameEn: "Public safety" },
  { key: "elderly_children", nameZh: "一老一小", nameEn: "Older people and children" },
  { key: "utilities", nameZh: "水电气", nameEn: "Water, power and gas" },
  { key: "other", nameZh: "其他", nameEn: "Other" },
] as const;
export type CategoryKey = (typeof CATEGORIES)[number]["key"];

export async function createCategories(db: Db, communityId: string): Promise<Record<CategoryKey, { id: string; key: string }>> {
  const rows = await Promise.all(
    CATEGORIES.map((c, position) => db.issueCategory.create({ data: { communityId, ...c, position }, select: { id: true, key: true } })),
  );
  return Object.fromEntries(rows.map((r) => [r.key, r])) as Record<CategoryKey, { id: string; key: string }>;
}

export async function createUnit(
  db: Db,
  options: {
    streetId: string;
    communityId?: string;
    kind: UnitKind;
    sectorGroup: SectorGroup;
    nameZh: string;
    nameEn: string;
    /** Resource-list and needs-list entries, as [Chinese, English] titles and, optionally, their category. */
    resources?: [string, string, string?][];
    needs?: [string, string, string?][];
    areaId?: string;
  },
) {
  const unit = await db.unit.create({
    data: {
      streetId: options.streetId,
      communityId: options.communityId ?? null,
      areaId: options.areaId ?? null,
      nameZh: options.nameZh,
      nameEn: options.nameEn,
      kind: options.kind,
      sectorGroup: options.sectorGroup,
      contactName: "联系人",
      contactPhone: "0571-8888-0000",
    },
  });
  const items = [
    ...(options.resources ?? []).map(([zh, en, category]) => ({
      list: "resource",
      titleZh: zh,
      titleEn: en,
      category: category ?? "service",
    })),
    ...(options.needs ?? []).map(([zh, en, category]) => ({ list: "need", titleZh: zh, titleEn: en, category: category ?? "service" })),
  ];
  if (items.length > 0) await db.unitListItem.createMany({ data: items.map((item) => ({ unitId: unit.id, ...item })) });
  return unit;
}

export interface IssueOptions {
  communityId: string;
  categoryId: string;
  reporterId: string;
  title: string;
  description?: string;
  gridId?: string | null;
  address?: string | null;
  urgency?: "low" | "normal" | "high";
  status?: IssueStatus;
  /** When it was raised (default: now). */
  createdAt?: Date;
  /** Who made the move into `status` (staff), for the timeline. */
  movedById?: string | null;
  /** For `escalated`: the department and its deadline. */
  escalation?: { unitId: string; dueAt: Date; acknowledgedAt?: Date | null };
  rejectReason?: string;
  mergedIntoId?: string;
}

/**
 * An issue already in `status`, with the columns that state carries (deadline, resolution, acceptance
 * window) and its timeline: raised, then the one move into the status. Reporters follow their issues.
 */
export async function createIssue(db: Db, options: IssueOptions) {
  const status = options.status ?? "submitted";
  const createdAt = options.createdAt ?? new Date();
  const movedAt = new Date(Math.min(Date.now(), createdAt.getTime() + DAY));
  const last = await db.issue.aggregate({ where: { communityId: options.communityId }, _max: { number: true } });
  const resolved = status === "resolved" || status === "closed";
  const issue = await db.issue.create({
    data: {
      communityId: options.communityId,
      number: (last._max.number ?? 0) + 1,
      categoryId: options.categoryId,
      gridId: options.gridId ?? null,
      title: options.title,
      description: options.description ?? `${options.title}，请社区尽快处理。`,
      address: options.address ?? null,
      urgency: options.urgency ?? "normal",
      status,
      version: status === "submitted" ? 0 : 1,
      reporterId: options.reporterId,
      escalatedToId: options.escalation?.unitId ?? null,
      escalationDueAt: options.escalation?.dueAt ?? null,
      acknowledgedAt: options.escalation?.acknowledgedAt ?? null,
      rejectReason: status === "rejected" ? (options.rejectReason ?? "不属于社区受理范围") : null,
      mergedIntoId: options.mergedIntoId ?? null,
      acceptanceDueAt: status === "awaiting_acceptance" ? new Date(movedAt.getTime() + 7 * DAY) : null,
      resolvedAt: resolved ? movedAt : null,
      resolutionDays: resolved ? (movedAt.getTime() - createdAt.getTime()) / DAY : null,
      closedAt: status === "closed" ? movedAt : null,
      createdAt,
      raisedMonth: chinaMonthOf(createdAt),
      // Any move out of "submitted" is the community's first answer (what the response rate counts).
      triagedAt: status === "submitted" ? null : movedAt,
      responseHours: status === "submitted" ? null : (movedAt.getTime() - createdAt.getTime()) / 3_600_000,
      events: {
        create: [
          { type: "submitted", toStatus: "submitted", actorId: options.reporterId, createdAt },
          ...(status === "submitted"
            ? []
            : [
                {
                  type: MOVE_INTO[status],
                  fromStatus: "submitted",
                  toStatus: status,
                  actorId: options.movedById ?? null,
                  note: status === "rejected" ? (options.rejectReason ?? "不属于社区受理范围") : null,
                  data: options.escalation
                    ? JSON.stringify({ unitId: options.escalation.unitId, dueAt: options.escalation.dueAt.toISOString() })
                    : null,
                  createdAt: movedAt,
                },
              ]),
        ],
      },
      followers: { create: { userId: options.reporterId, createdAt } },
    },
  });
  return issue;
}

/** The timeline event of the move that leads into each status. */
const MOVE_INTO: Record<Exclude<IssueStatus, "submitted">, string> = {
  accepted: "accept",
  rejected: "reject",
  merged: "merge",
  escalated: "escalate",
  on_agenda: "put_on_agenda",
  decided: "decide",
  in_progress: "start_work",
  awaiting_acceptance: "request_acceptance",
  resolved: "resolve_directly",
  closed: "auto_close",
  reopened: "reopen",
};

/** An action item given to a unit, optionally with one progress update already reported. */
export async function createActionItem(
  db: Db,
  options: {
    issueId: string;
    unitId: string;
    description: string;
    dueAt: Date;
    createdById: string;
    decisionId?: string;
    progress?: { authorId: string; text: string; percent: number };
  },
) {
  const item = await db.actionItem.create({
    data: {
      issueId: options.issueId,
      unitId: options.unitId,
      decisionId: options.decisionId ?? null,
      description: options.description,
      dueAt: options.dueAt,
      createdById: options.createdById,
      status: options.progress ? "claimed" : "open",
      percent: options.progress?.percent ?? 0,
      claimedById: options.progress?.authorId ?? null,
      claimedAt: options.progress ? new Date() : null,
    },
  });
  await db.issueEvent.create({
    data: {
      issueId: options.issueId,
      type: "action_item_added",
      actorId: options.createdById,
      data: JSON.stringify({ unitId: options.unitId }),
    },
  });
  if (options.progress) {
    await db.progressUpdate.create({ data: { actionItemId: item.id, ...options.progress } });
    await db.issueEvent.create({
      data: {
        issueId: options.issueId,
        type: "progress_posted",
        actorId: options.progress.authorId,
        data: JSON.stringify({ percent: options.progress.percent }),
      },
    });
  }
  return item;
}

export interface RollEntry {
  userId?: string | null;
  name: string;
  role: "resident_rep" | "unit_rep" | "expert" | "observer";
  canVote: boolean;
  checkedInAt?: Date | null;
}

/** A council meeting in the given state with its roll and agenda (items may point at issues). */
export async function createMeeting(
  db: Db,
  options: {
    communityId: string;
    hostId: string;
    createdById: string;
    title: string;
    status?: "planned" | "live" | "ended";
    startsAt?: Date;
    place?: string;
    form?: "observation" | "roundtable" | "supervision";
    roll?: RollEntry[];
    agenda?: { title: string; description?: string; issueId?: string }[];
  },
) {
  const status = options.status ?? "planned";
  const startsAt = options.startsAt ?? new Date(Date.now() + (status === "planned" ? 2 * DAY : status === "ended" ? -7 * DAY : 0));
  const meeting = await db.meeting.create({
    data: {
      communityId: options.communityId,
      code: crypto.randomBytes(3).toString("hex").toUpperCase(),
      title: options.title,
      form: options.form ?? "roundtable",
      startsAt,
      place: options.place ?? "社区党群服务中心二楼议事厅",
      hostId: options.hostId,
      status,
      startedAt: status === "planned" ? null : startsAt,
      endedAt: status === "ended" ? new Date(startsAt.getTime() + 2 * 3600_000) : null,
      createdById: options.createdById,
    },
  });
  const participants = [];
  for (const entry of options.roll ?? []) {
    participants.push(
      await db.participant.create({
        data: {
          meetingId: meeting.id,
          userId: entry.userId ?? null,
          name: entry.name,
          role: entry.role,
          canVote: entry.canVote,
          checkedInAt: entry.checkedInAt ?? null,
        },
      }),
    );
  }
  const agendaItems = [];
  for (const [index, item] of (options.agenda ?? []).entries()) {
    agendaItems.push(
      await db.agendaItem.create({
        data: {
          meetingId: meeting.id,
          position: index + 1,
          title: item.title,
          description: item.description ?? null,
          issueId: item.issueId ?? null,
          status: status === "ended" ? "done" : status === "live" && index === 0 ? "current" : "pending",
        },
      }),
    );
  }
  if (status === "live" && agendaItems[0]) {
    await db.meeting.update({ where: { id: meeting.id }, data: { currentAgendaItemId: agendaItems[0].id } });
  }
  return { meeting, participants, agendaItems };
}

/** The result a closed yes/no/abstain poll stores, from its counts (what the projector and minutes show). */
export function yesNoResult(
  poll: { id: string; question: string; ballotMode: "named" | "secret"; closedAt: Date },
  counts: { yes: [electronic: number, manual: number]; no: [number, number]; abstain: [number, number] },
  attendance: { eligible: number; present: number; proxyBallots?: number },
): PollResult {
  const option = (key: "yes" | "no" | "abstain", label: string) => ({
    key,
    label,
    electronic: counts[key][0],
    manual: counts[key][1],
    total: counts[key][0] + counts[key][1],
  });
  const options = [option("yes", "赞成"), option("no", "反对"), option("abstain", "弃权")];
  const cast = options.reduce((sum, o) => sum + o.total, 0);
  const thresholdBase = options[0].total + options[1].total;
  const threshold = Math.floor(thresholdBase / 2) + 1;
  return {
    version: 1,
    pollId: poll.id,
    question: poll.question,
    kind: "yes_no_abstain",
    ballotMode: poll.ballotMode,
    passRule: "majority_cast",
    abstentionsCount: false,
    options,
    ballotsElectronic: options.reduce((sum, o) => sum + o.electronic, 0),
    ballotsManual: cast - options.reduce((sum, o) => sum + o.electronic, 0),
    proxyBallots: attendance.proxyBallots ?? 0,
    eligible: attendance.eligible,
    present: attendance.present,
    quorumRequired: Math.floor(attendance.eligible / 2) + 1,
    quorumMet: attendance.present > attendance.eligible / 2,
    threshold,
    thresholdBase,
    passed: options[0].total >= threshold,
    leaders: ["yes"],
    closedAt: poll.closedAt.toISOString(),
  };
}

/** A yes/no/abstain poll already closed, with its stored result. */
export async function createClosedPoll(
  db: Db,
  options: {
    meetingId: string;
    agendaItemId?: string | null;
    createdById: string;
    question: string;
    ballotMode?: "named" | "secret";
    openedAt: Date;
    closedAt: Date;
    counts: Parameters<typeof yesNoResult>[1];
    attendance: Parameters<typeof yesNoResult>[2];
  },
) {
  const ballotMode = options.ballotMode ?? "named";
  const poll = await db.poll.create({
    data: {
      meetingId: options.meetingId,
      agendaItemId: options.agendaItemId ?? null,
      question: options.question,
      kind: "yes_no_abstain",
      ballotMode,
      passRule: "majority_cast",
      status: "closed",
      openedAt: options.openedAt,
      closedAt: options.closedAt,
      createdById: options.createdById,
    },
  });
  const result = yesNoResult(
    { id: poll.id, question: poll.question, ballotMode, closedAt: options.closedAt },
    options.counts,
    options.attendance,
  );
  await db.poll.update({ where: { id: poll.id }, data: { result: JSON.stringify(result) } });
  return { poll, result };
}

/** A decision of a meeting; `notice` puts it on public notice for `noticeDays` from now. */
export async function createDecision(
  db: Db,
  options: {
    meetingId: string;
    agendaItemId?: string | null;
    issueId?: string | null;
    pollId?: string | null;
    text: string;
    createdById: string;
    status?: "draft" | "notice" | "final";
    noticeDays?: number;
  },
) {
  const now = new Date();
  const status = options.status ?? "draft";
  return db.decision.create({
    data: {
      meetingId: options.meetingId,
      agendaItemId: options.agendaItemId ?? null,
      issueId: options.issueId ?? null,
      pollId: options.pollId ?? null,
      text: options.text,
      createdById: options.createdById,
      status,
      noticeStartsAt: status === "draft" ? null : now,
      noticeEndsAt: status === "draft" ? null : new Date(now.getTime() + (options.noticeDays ?? 7) * DAY),
      finalAt: status === "final" ? now : null,
    },
  });
}

/** A notification in someone's inbox, as the app would have sent it. */
export async function createNotification(db: Db, options: { userId: string; type: string; data: Record<string, unknown>; link?: string }) {
  return db.notification.create({
    data: {
      userId: options.userId,
      type: options.type,
      dedupeKey: `${options.type}:${unique()}`,
      data: JSON.stringify(options.data),
      link: options.link ?? null,
    },
  });
}
