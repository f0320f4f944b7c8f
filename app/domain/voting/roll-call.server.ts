import type { Db, Tx } from "../../infra/db.server";
import { conflict, forbidden, notFound } from "../errors";
import type { Actor } from "../permissions";
import { can } from "../permissions";
import { meetingResource } from "../meetings/access.server";
import type { RollCall, RollCallEntry } from "./roll-call";
import { rollCallOrder } from "./roll-call";
import type { PollKind } from "./tally";
import { optionsOf } from "./tally";

/**
 * Who voted what in a named poll: every member with a vote, with their choice, whether a proxy cast it,
 * or that they were present (or absent) and did not vote. Host and staff see it at any time; everyone
 * who may see the meeting's public record sees it after close only when the host declared it public when
 * defining the poll. A secret poll has no roll call: nothing stored could produce one.
 */
export async function rollCallOf(db: Db | Tx, actor: Actor | null, pollId: string): Promise<RollCall> {
  const poll = await db.poll.findUnique({
    where: { id: pollId },
    select: {
      id: true,
      question: true,
      kind: true,
      ballotMode: true,
      status: true,
      rollCallPublic: true,
      closedAt: true,
      options: { select: { id: true, label: true }, orderBy: { position: "asc" } },
      meeting: {
        select: { id: true, title: true, communityId: true, hostId: true, community: { select: { streetId: true, slug: true } } },
      },
    },
  });
  if (!poll) throw notFound("meetings:errors.pollNotFound");
  const staff = can(actor, "host:meeting", meetingResource(poll.meeting));
  if (!staff && !(poll.rollCallPublic && poll.status === "closed")) throw forbidden("meetings:errors.rollCallNotPublic");
  if (poll.ballotMode !== "named") throw conflict("meetings:errors.secretHasNoRollCall");

  const [participants, records, ballots] = await Promise.all([
    db.participant.findMany({
      where: { meetingId: poll.meeting.id, canVote: true },
      select: { id: true, name: true, role: true, checkedInAt: true, proxyForId: true },
    }),
    db.voteRecord.findMany({ where: { pollId }, select: { voterId: true, castById: true } }),
    db.ballot.findMany({ where: { pollId, voterId: { not: null } }, select: { voterId: true, choices: true } }),
  ]);
  const names = new Map(participants.map((p) => [p.id, p.name]));
  const castBy = new Map(records.map((r) => [r.voterId, r.castById]));
  const choicesOf = new Map(ballots.map((b) => [b.voterId as string, JSON.parse(b.choices) as string[]]));
  const proxyHolderOf = new Map(participants.filter((p) => p.proxyForId && p.checkedInAt).map((p) => [p.proxyForId as string, p.id]));

  const entries: RollCallEntry[] = participants.map((p) => {
    const caster = castBy.get(p.id);
    const choices = choicesOf.get(p.id);
    if (caster !== undefined && choices) {
      const viaProxy = caster !== p.id;
      return {
        participantId: p.id,
        name: p.name,
        role: p.role,
        status: "voted",
        choices,
        viaProxy,
        castByName: viaProxy ? (names.get(caster) ?? null) : null,
      };
    }
    const holder = proxyHolderOf.get(p.id);
    const present = p.checkedInAt !== null || holder !== undefined;
    return {
      participantId: p.id,
      name: p.name,
      role: p.role,
      status: present ? "present_not_voted" : "absent",
      choices: [],
      viaProxy: !p.checkedInAt && holder !== undefined,
      castByName: null,
    };
  });

  return {
    pollId: poll.id,
    meetingId: poll.meeting.id,
    meetingTitle: poll.meeting.title,
    communitySlug: poll.meeting.community.slug,
    question: poll.question,
    kind: poll.kind as PollKind,
    status: poll.status,
    public: poll.rollCallPublic,
    closedAt: poll.closedAt?.toISOString() ?? null,
    options: optionsOf({ kind: poll.kind as PollKind, options: poll.options.map((o) => ({ key: o.id, label: o.label })) }),
    entries: entries.sort(rollCallOrder),
  };
}

/** Roll calls of a meeting's closed named polls that the public may see (for the public meeting page). */
export async function publicRollCallsOf(db: Db | Tx, meetingId: string): Promise<RollCall[]> {
  const polls = await db.poll.findMany({
    where: { meetingId, status: "closed", ballotMode: "named", rollCallPublic: true },
    select: { id: true },
    orderBy: { closedAt: "asc" },
  });
  return Promise.all(polls.map((p) => rollCallOf(db, null, p.id)));
}
