import type { AttendanceData, DecisionData, VoteResultData } from "./locked-data";
import type { MinutesDocument, SerializedNode } from "./document";
import { walkNodes } from "./document";
import type { Db, Tx } from "../../infra/db.server";
import { invalid } from "../errors";
import { parsePollResult } from "../voting/result";
import { rollCallOf } from "../voting/roll-call.server";
import { isQuorumRule } from "../voting/tally";
import { attendanceFrom } from "./attendance-block";
import { attendanceBlock, decisionBlock, heading, voteResultBlock } from "./build-document";
import type { ExpectedBlock } from "./completeness";
import { blockKey, lockedBlocksIn } from "./completeness";
import { canonicalJson } from "./content-hash";

/** The figures the database holds for a meeting's attendance (the same computation the draft used). */
export async function attendanceOf(db: Db | Tx, meetingId: string): Promise<AttendanceData> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      quorumRule: true,
      participants: {
        select: { id: true, name: true, role: true, canVote: true, checkedInAt: true, proxyForId: true, substituteForId: true },
      },
    },
  });
  if (!meeting) throw invalid("minutes:errors.locked_block_altered", { block: "attendance" });
  return attendanceFrom(meetingId, isQuorumRule(meeting.quorumRule) ? meeting.quorumRule : "more_than_half", meeting.participants);
}

/**
 * A closed poll's vote-result block: the stored result, plus the roll call of a named poll declared public
 * (the minutes are published, so they carry names only where the residents agreed to publication).
 */
export async function voteResultData(
  db: Db | Tx,
  poll: { id: string; result: string | null; ballotMode: string; rollCallPublic: boolean },
): Promise<VoteResultData | null> {
  const result = parsePollResult(poll.result);
  if (!result) return null;
  if (poll.ballotMode !== "named" || !poll.rollCallPublic) return result;
  const rollCall = await rollCallOf(db, null, poll.id);
  return { ...result, rollCall: rollCall.entries };
}

async function recordedDataFor(db: Db | Tx, meetingId: string, node: SerializedNode): Promise<unknown | null> {
  const data = node.data as Record<string, unknown>;
  switch (node.type) {
    case "vote-result": {
      const poll = await db.poll.findUnique({
        where: { id: String(data.pollId) },
        select: { id: true, meetingId: true, result: true, status: true, ballotMode: true, rollCallPublic: true },
      });
      if (!poll || poll.meetingId !== meetingId || poll.status !== "closed") return null;
      return voteResultData(db, poll);
    }
    case "attendance":
      return data.meetingId === meetingId ? attendanceOf(db, meetingId) : null;
    case "decision": {
      const decision = await db.decision.findUnique({
        where: { id: String(data.decisionId) },
        select: { meetingId: true, text: true, pollId: true },
      });
      if (!decision || decision.meetingId !== meetingId) return null;
      return { decisionId: String(data.decisionId), text: decision.text, pollId: decision.pollId } satisfies DecisionData;
    }
    default:
      return undefined;
  }
}

/**
 * Every locked block must show exactly what the database holds. Called on every save, restore and publish;
 * a block edited into different figures (or pointing at another meeting's poll) is refused, and the caller
 * keeps the person's draft in the editor.
 */
export async function verifyLockedBlocks(db: Db | Tx, meetingId: string, document: MinutesDocument): Promise<void> {
  for (const node of walkNodes(document.root)) {
    if (node.type !== "vote-result" && node.type !== "attendance" && node.type !== "decision") continue;
    const recorded = await recordedDataFor(db, meetingId, node);
    if (recorded === null || canonicalJson(recorded) !== canonicalJson(node.data)) {
      throw invalid("minutes:errors.locked_block_altered", { block: node.type });
    }
  }
}

/**
 * Copies the database's current figures into every locked block (for when the record itself was corrected
 * after the draft was written). Blocks whose record no longer exists are dropped.
 */
export async function refreshLockedBlocks(db: Db | Tx, meetingId: string, document: MinutesDocument): Promise<MinutesDocument> {
  async function refresh(node: SerializedNode): Promise<SerializedNode | null> {
    if (node.type === "vote-result" || node.type === "attendance" || node.type === "decision") {
      const recorded = await recordedDataFor(db, meetingId, node);
      return recorded ? { ...node, data: recorded } : null;
    }
    if (!node.children) return node;
    const children: SerializedNode[] = [];
    for (const child of node.children) {
      const next = await refresh(child);
      if (next) children.push(next);
    }
    return { ...node, children };
  }
  return { root: (await refresh(document.root)) as SerializedNode };
}

/**
 * The locked blocks a meeting's record calls for, in the order the draft writes them: the attendance, every
 * closed poll with a stored result, every decision.
 */
export async function expectedBlocks(db: Db | Tx, meetingId: string): Promise<ExpectedBlock[]> {
  const [polls, decisions] = await Promise.all([
    db.poll.findMany({
      where: { meetingId, status: "closed" },
      orderBy: { closedAt: "asc" },
      select: { id: true, question: true, result: true },
    }),
    db.decision.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" }, select: { id: true, text: true } }),
  ]);
  return [
    { type: "attendance", id: meetingId, label: "" },
    // A closed poll without a readable result has nothing to show; the draft leaves it out too.
    ...polls
      .filter((poll) => parsePollResult(poll.result) !== null)
      .map((poll): ExpectedBlock => ({ type: "vote-result", id: poll.id, label: poll.question })),
    ...decisions.map((decision): ExpectedBlock => ({ type: "decision", id: decision.id, label: decision.text })),
  ];
}

async function recordedBlock(db: Db | Tx, meetingId: string, block: ExpectedBlock): Promise<SerializedNode | null> {
  switch (block.type) {
    case "attendance":
      return attendanceBlock(await attendanceOf(db, meetingId));
    case "vote-result": {
      const poll = await db.poll.findUnique({ where: { id: block.id }, select: { result: true } });
      const result = poll ? parsePollResult(poll.result) : null;
      return result ? voteResultBlock(result) : null;
    }
    case "decision": {
      const decision = await db.decision.findUnique({ where: { id: block.id }, select: { text: true, pollId: true } });
      return decision ? decisionBlock({ decisionId: block.id, text: decision.text, pollId: decision.pollId }) : null;
    }
  }
}

/**
 * Puts back every block the record calls for: removed ones are shown again where they stood, absent ones
 * are appended under a heading of their own (staff may then write around them). Nothing else changes.
 */
export async function completeLockedBlocks(
  db: Db | Tx,
  meetingId: string,
  document: MinutesDocument,
  appendedHeading: string,
): Promise<MinutesDocument> {
  const expected = await expectedBlocks(db, meetingId);
  const expectedKeys = new Set(expected.map(blockKey));
  const restore = (node: SerializedNode): SerializedNode => {
    if (node.removed === true) {
      const { removed: _removed, ...rest } = node;
      return rest as SerializedNode;
    }
    return node.children ? { ...node, children: node.children.map(restore) } : node;
  };
  const root = restore(document.root);
  const present = new Set(
    lockedBlocksIn({ root })
      .filter((block) => expectedKeys.has(blockKey(block)))
      .map(blockKey),
  );
  const appended: SerializedNode[] = [];
  for (const block of expected) {
    if (present.has(blockKey(block))) continue;
    const node = await recordedBlock(db, meetingId, block);
    if (node) appended.push(node);
  }
  if (appended.length === 0) return { root };
  return { root: { ...root, children: [...(root.children ?? []), heading("h2", appendedHeading), ...appended] } };
}
