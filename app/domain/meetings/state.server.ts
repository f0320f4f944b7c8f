import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { notFound } from "../errors";
import type { PollResult } from "../voting/result";
import { parsePollResult } from "../voting/result";
import { liveTally, pollSelect } from "../voting/polls.server";
import type { PollKind } from "../voting/tally";
import { optionsOf } from "../voting/tally";
import type { Actor } from "../permissions";
import { can } from "../permissions";
import type { AttendanceSummary } from "./attendance";
import { seatsHeldBySubstitutes, validProxy, votesHeldBy } from "./attendance";
import { meetingResource } from "./access.server";
import type { QuorumRule } from "../voting/tally";
import { quorumStatus } from "../voting/tally";

/**
 * What every screen of a live meeting shows, built from the database alone (any process can build it, and
 * a reconnecting client gets it fresh). Nothing here says how a person voted in a secret poll.
 */
export interface PollView {
  id: string;
  agendaItemId: string | null;
  question: string;
  kind: PollKind;
  maxChoices: number;
  ballotMode: "named" | "secret";
  passRule: string;
  abstentionsCount: boolean;
  resultsHidden: boolean;
  allowChange: boolean;
  status: "open" | "closed";
  options: { key: string; label: string }[];
  /** Poll.tallyVersion the numbers below were read at (TallyUpdate.version). */
  tallyVersion: number;
  votesCast: number;
  manualVoters: number;
  counts: Record<string, number> | null;
  result: PollResult | null;
}

export interface MeetingState {
  meetingId: string;
  communitySlug: string;
  title: string;
  form: string;
  status: "planned" | "live" | "ended";
  code: string;
  place: string;
  startsAt: string;
  speakerSeconds: number;
  serverNow: string;
  currentItemId: string | null;
  agenda: {
    id: string;
    position: number;
    title: string;
    description: string | null;
    status: string;
    issueId: string | null;
    issueNumber: number | null;
    hasDecision: boolean;
  }[];
  attendance: AttendanceSummary;
  speaker: { requestId: string; participantId: string; name: string; startedAt: string } | null;
  queue: { requestId: string; participantId: string; name: string }[];
  comments: { id: string; authorName: string; body: string; createdAt: string }[];
  opinions: { id: string; expertName: string; stance: string; rationale: string; conflictOfInterest: string; createdAt: string }[];
  poll: PollView | null;
}

export async function meetingState(db: Db, meetingId: string, now: Date): Promise<MeetingState | null> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      title: true,
      form: true,
      status: true,
      code: true,
      place: true,
      startsAt: true,
      speakerSeconds: true,
      quorumRule: true,
      currentAgendaItemId: true,
      community: { select: { slug: true } },
      agendaItems: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          title: true,
          description: true,
          status: true,
          issueId: true,
          issue: { select: { number: true } },
          _count: { select: { decisions: true } },
        },
      },
    },
  });
  if (!meeting) return null;
  const itemId = meeting.currentAgendaItemId;
  const [attendance, requests, comments, opinions, pollRow] = await Promise.all([
    attendanceCounts(db, meetingId, meeting.quorumRule as QuorumRule),
    db.speakerRequest.findMany({
      where: { meetingId, status: { in: ["waiting", "speaking"] } },
      orderBy: { requestedAt: "asc" },
      select: { id: true, participantId: true, status: true, startedAt: true },
    }),
    itemId
      ? db.comment.findMany({
          where: { agendaItemId: itemId, hiddenAt: null },
          orderBy: { createdAt: "desc" },
          take: 50,
          select: { id: true, authorId: true, body: true, createdAt: true },
        })
      : Promise.resolve([]),
    itemId
      ? db.expertOpinion.findMany({
          where: { agendaItemId: itemId, hiddenAt: null },
          orderBy: { createdAt: "asc" },
          select: { id: true, expertId: true, stance: true, rationale: true, conflictOfInterest: true, createdAt: true },
        })
      : Promise.resolve([]),
    // The poll on screen: the open one, else the latest closed one of the current item (its result stays up).
    db.poll.findFirst({ where: { meetingId, status: "open" }, select: pollSelect }).then(
      (open) =>
        open ??
        (itemId
          ? db.poll.findFirst({
              where: { meetingId, agendaItemId: itemId, status: "closed" },
              orderBy: { closedAt: "desc" },
              select: pollSelect,
            })
          : null),
    ),
  ]);
  const speakerIds = requests.map((r) => r.participantId);
  const speakers = speakerIds.length
    ? await db.participant.findMany({ where: { id: { in: speakerIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(speakers.map((p) => [p.id, p.name]));
  const authorIds = [...new Set([...comments.map((c) => c.authorId), ...opinions.map((o) => o.expertId)])];
  const users = authorIds.length
    ? await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } })
    : [];
  const userNames = new Map(users.map((u) => [u.id, u.displayName]));

  let poll: PollView | null = null;
  if (pollRow) {
    const tally = await liveTally(db, pollRow.id);
    poll = {
      id: pollRow.id,
      agendaItemId: pollRow.agendaItemId,
      question: pollRow.question,
      kind: pollRow.kind as PollKind,
      maxChoices: pollRow.maxChoices,
      ballotMode: pollRow.ballotMode as "named" | "secret",
      passRule: pollRow.passRule,
      abstentionsCount: pollRow.abstentionsCount,
      resultsHidden: pollRow.resultsHidden,
      allowChange: pollRow.allowChange,
      status: pollRow.status as "open" | "closed",
      options: optionsOf({ kind: pollRow.kind as PollKind, options: pollRow.options.map((o) => ({ key: o.id, label: o.label })) }),
      tallyVersion: tally?.version ?? 0,
      votesCast: tally?.votesCast ?? 0,
      manualVoters: tally?.manualVoters ?? 0,
      counts: tally?.counts ?? null,
      result: parsePollResult(pollRow.result),
    };
  }
  const speaking = requests.find((r) => r.status === "speaking");
  return {
    meetingId: meeting.id,
    communitySlug: meeting.community.slug,
    title: meeting.title,
    form: meeting.form,
    status: meeting.status as MeetingState["status"],
    code: meeting.code,
    place: meeting.place,
    startsAt: meeting.startsAt.toISOString(),
    speakerSeconds: meeting.speakerSeconds,
    serverNow: now.toISOString(),
    currentItemId: itemId,
    agenda: meeting.agendaItems.map((a) => ({
      id: a.id,
      position: a.position,
      title: a.title,
      description: a.description,
      status: a.status,
      issueId: a.issueId,
      issueNumber: a.issue?.number ?? null,
      hasDecision: a._count.decisions > 0,
    })),
    attendance,
    speaker: speaking
      ? {
          requestId: speaking.id,
          participantId: speaking.participantId,
          name: names.get(speaking.participantId) ?? "",
          startedAt: (speaking.startedAt ?? now).toISOString(),
        }
      : null,
    queue: requests
      .filter((r) => r.status === "waiting")
      .map((r) => ({ requestId: r.id, participantId: r.participantId, name: names.get(r.participantId) ?? "" })),
    comments: comments.map((c) => ({
      id: c.id,
      authorName: userNames.get(c.authorId) ?? "",
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    })),
    opinions: opinions.map((o) => ({
      id: o.id,
      expertName: userNames.get(o.expertId) ?? "",
      stance: o.stance,
      rationale: o.rationale,
      conflictOfInterest: o.conflictOfInterest,
      createdAt: o.createdAt.toISOString(),
    })),
    poll,
  };
}

/**
 * Attendance from counts, not from the whole roll: a join or reconnect costs the same for a meeting of
 * twenty or of two thousand. Only proxies (a handful) are loaded to check they are valid.
 */
export async function attendanceCounts(db: Db, meetingId: string, rule: QuorumRule): Promise<AttendanceSummary> {
  const [eligible, votersIn, checkedIn, holders, substitutesIn] = await Promise.all([
    db.participant.count({ where: { meetingId, canVote: true } }),
    db.participant.count({ where: { meetingId, canVote: true, checkedInAt: { not: null } } }),
    db.participant.count({ where: { meetingId, checkedInAt: { not: null } } }),
    db.participant.findMany({
      where: { meetingId, proxyForId: { not: null } },
      select: { id: true, canVote: true, checkedInAt: true, proxyForId: true },
    }),
    // Joint meetings: substitutes present, with their unit's delegate (a unit counts once).
    db.participant.findMany({
      where: { meetingId, substituteForId: { not: null }, checkedInAt: { not: null } },
      select: {
        id: true,
        canVote: true,
        checkedInAt: true,
        proxyForId: true,
        substituteForId: true,
        substituteFor: { select: { id: true, canVote: true, checkedInAt: true, proxyForId: true } },
      },
    }),
  ]);
  const represented = holders.length
    ? await db.participant.findMany({
        where: { id: { in: holders.map((h) => h.proxyForId as string) } },
        select: { id: true, canVote: true, checkedInAt: true, proxyForId: true },
      })
    : [];
  const entry = (p: { id: string; canVote: boolean; checkedInAt: Date | null; proxyForId: string | null }) => ({
    id: p.id,
    canVote: p.canVote,
    checkedIn: p.checkedInAt !== null,
    proxyForId: p.proxyForId,
  });
  const byId = new Map(represented.map((p) => [p.id, entry(p)]));
  const proxies = holders.filter((h) => validProxy(entry(h), byId.get(h.proxyForId as string))).length;
  const seats = seatsHeldBySubstitutes(
    substitutesIn.flatMap((p) => (p.substituteFor ? [{ ...entry(p), substituteForId: p.substituteForId }, entry(p.substituteFor)] : [])),
  );
  const present = votersIn + proxies + seats;
  const quorum = quorumStatus({ eligible, present }, rule);
  return { checkedIn, eligible, present, proxies, quorumRequired: quorum.required, quorumMet: quorum.met };
}

/** Everything a screen needs after joining or reconnecting: never patched from older state. */
export interface MeetingSnapshot {
  state: MeetingState;
  /** null for people who only watch (the projector signed in as staff still gets their permissions). */
  me: PersonalState | null;
}

/** The public state with this person's part of it (their votes depend on the poll open in that state). */
export async function snapshotFor(
  db: Db,
  actor: Actor,
  meeting: { id: string; communityId: string; hostId: string; community: { streetId: string } },
  state: MeetingState,
): Promise<MeetingSnapshot> {
  return { state, me: await personalState(db, actor, meeting, state.poll?.status === "open" ? state.poll : null) };
}

/** The public state now, for a page being rendered. */
export async function currentState(db: Db, clock: Clock, meetingId: string): Promise<MeetingState> {
  const state = await meetingState(db, meetingId, clock.now());
  if (!state) throw notFound("meetings:errors.meetingNotFound");
  return state;
}

/** The parts only this person sees: their place on the roll, their hand, and whether their votes are in. */
export interface PersonalState {
  userId: string;
  participantId: string | null;
  name: string | null;
  role: string | null;
  canVote: boolean;
  checkedIn: boolean;
  proxyFor: { participantId: string; name: string; valid: boolean } | null;
  /** Votes this person may cast in the open poll (their own first, then the proxy's); empty with no poll open. */
  votes: { voterId: string; name: string; viaProxy: boolean; voted: boolean; choices: string[] | null }[];
  hand: "none" | "waiting" | "speaking";
  mayHost: boolean;
  mayCheckIn: boolean;
  mayModerate: boolean;
  mayRecordDecision: boolean;
  isExpert: boolean;
}

export async function personalState(
  db: Db,
  actor: Actor,
  meeting: { id: string; communityId: string; hostId: string; community: { streetId: string } },
  openPoll: { id: string; ballotMode: string } | null,
): Promise<PersonalState> {
  const meetingId = meeting.id;
  const pollId = openPoll?.id ?? null;
  const resource = meetingResource(meeting);
  const me = await db.participant.findUnique({ where: { meetingId_userId: { meetingId, userId: actor.id } } });
  const base: PersonalState = {
    userId: actor.id,
    participantId: me?.id ?? null,
    name: me?.name ?? null,
    role: me?.role ?? null,
    // A joint meeting's substitute has no vote of their own but may cast their unit's.
    canVote: (me?.canVote ?? false) || !!me?.substituteForId,
    checkedIn: !!me?.checkedInAt,
    proxyFor: null,
    votes: [],
    hand: "none",
    mayHost: can(actor, "host:meeting", resource),
    mayCheckIn: can(actor, "check-in:participant", resource),
    mayModerate: can(actor, "moderate:content", resource),
    mayRecordDecision: can(actor, "record:decision", resource),
    isExpert: me?.role === "expert" || can(actor, "post:expert-opinion", resource),
  };
  if (!me) return base;
  // A proxy's absent member, or (joint meetings) the delegate whose unit vote a substitute casts.
  const representedId = me.proxyForId ?? me.substituteForId;
  const represented = representedId ? await db.participant.findUnique({ where: { id: representedId } }) : null;
  const entry = (p: typeof me) => ({
    id: p.id,
    canVote: p.canVote,
    checkedIn: !!p.checkedInAt,
    proxyForId: p.proxyForId,
    substituteForId: p.substituteForId,
  });
  const roll = represented ? [entry(me), entry(represented)] : [entry(me)];
  const held = votesHeldBy(entry(me), roll);
  if (represented && me.proxyForId)
    base.proxyFor = { participantId: represented.id, name: represented.name, valid: held.includes(represented.id) };
  // A substitute casts their unit's vote: it reads as the unit's, not as the delegate's.
  const unit = me.substituteForId && me.unitId ? await db.unit.findUnique({ where: { id: me.unitId }, select: { nameZh: true } }) : null;
  const [request, records] = await Promise.all([
    db.speakerRequest.findFirst({ where: { participantId: me.id, status: { in: ["waiting", "speaking"] } }, select: { status: true } }),
    pollId && held.length
      ? db.voteRecord.findMany({ where: { pollId, voterId: { in: held } }, select: { voterId: true } })
      : Promise.resolve([]),
  ]);
  const poll = openPoll;
  base.hand = (request?.status as PersonalState["hand"]) ?? "none";
  if (!pollId) return base;
  const votedIds = new Set(records.map((r) => r.voterId));
  // A named ballot may be shown back to its own voter; a secret one has no link to show.
  const ownBallots =
    poll?.ballotMode === "named" && votedIds.size > 0
      ? await db.ballot.findMany({ where: { pollId, voterId: { in: held } }, select: { voterId: true, choices: true } })
      : [];
  base.votes = held.map((voterId) => ({
    voterId,
    name: voterId === me.id ? me.name : (unit?.nameZh ?? represented?.name ?? ""),
    viaProxy: voterId !== me.id,
    voted: votedIds.has(voterId),
    choices: (() => {
      const b = ownBallots.find((x) => x.voterId === voterId);
      return b ? (JSON.parse(b.choices) as string[]) : null;
    })(),
  }));
  return base;
}
