import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { CastBallotInput } from "../../schemas/voting";
import { forbidden, notFound } from "../errors";
import { participantIdOf } from "../meetings/access.server";
import type { Actor } from "../permissions";
import type { BallotOutcome, BallotRequest } from "./ballots.server";
import { writeBallotBatch } from "./ballots.server";

/**
 * How a ballot reaches the database. The live server answers both lookups from memory (a poll never moves
 * to another meeting; a participant id never changes) and queues the ballot for its poll's next group
 * commit; without a socket server (a script, a test) it is written on its own.
 */
export interface BallotChannel {
  meetingOfPoll(pollId: string): Promise<string | null>;
  participantOf(meetingId: string, userId: string): Promise<string | null>;
  submit(request: BallotRequest): Promise<BallotOutcome>;
}

export interface CastReceipt {
  meetingId: string;
  pollId: string;
  voterId: string;
  votesCast: number;
  changed: boolean;
  replay: boolean;
}

/**
 * One vote, whether it comes over a phone's socket or from the ballot form posted without JavaScript: the
 * caster must be on the poll's meeting roll; whose vote it is, whether it counts and whether it is a retry
 * is decided with the ballot's batch (writeBallotBatch). Refusals are DomainErrors.
 */
export async function castBallot(channel: BallotChannel, actor: Actor, input: CastBallotInput): Promise<CastReceipt> {
  const meetingId = await channel.meetingOfPoll(input.pollId);
  if (!meetingId) throw notFound("meetings:errors.pollNotFound");
  const participantId = await channel.participantOf(meetingId, actor.id);
  if (!participantId) throw forbidden("meetings:errors.notEligible");
  const outcome = await channel.submit({
    pollId: input.pollId,
    casterId: participantId,
    voterId: input.forParticipantId ?? participantId,
    choices: input.choices,
    idempotencyKey: input.idempotencyKey,
  });
  if (!outcome.ok) throw outcome.error;
  const { pollId, voterId, votesCast, changed, replay } = outcome;
  return { meetingId, pollId, voterId, votesCast, changed, replay };
}

export async function meetingOfPoll(db: Db, pollId: string): Promise<string | null> {
  const poll = await db.poll.findUnique({ where: { id: pollId }, select: { meetingId: true } });
  return poll?.meetingId ?? null;
}

/** Every lookup from the database and every ballot in a transaction of its own. */
export function directBallotChannel(db: Db, clock: Clock): BallotChannel {
  return {
    meetingOfPoll: (pollId) => meetingOfPoll(db, pollId),
    participantOf: (meetingId, userId) => participantIdOf(db, meetingId, userId),
    submit: async (request) => (await writeBallotBatch(db, clock, request.pollId, [request]))[0],
  };
}
