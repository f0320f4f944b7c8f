import type { AttendanceData, DecisionData, VoteResultData } from "../../editor/nodes/locked-data";
import type { MinutesDocument, SerializedNode } from "../../editor/validate";
import { walkNodes } from "../../editor/validate";
import type { Db, Tx } from "../../utils/db.server";
import { invalid } from "../errors";
import { parsePollResult } from "../voting/result";
import { rollCallOf } from "../voting/roll-call.server";
import { attendanceFrom, isQuorumRule } from "./attendance";
import { canonicalJson } from "./content-hash";

/** The figures the database holds for a meeting's attendance (the same computation the draft used). */
export async function attendanceOf(db: Db | Tx, meetingId: string): Promise<AttendanceData> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      quorumRule: true,
      participants: { select: { id: true, name: true, role: true, canVote: true, checkedInAt: true, proxyForId: true } },
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
      const poll = await db.poll.findUnique({ where: { id: String(data.pollId) }, select: { id: true, meetingId: true, result: true, status: true, ballotMode: true, rollCallPublic: true } });
      if (!poll || poll.meetingId !== meetingId || poll.status !== "closed") return null;
      return voteResultData(db, poll);
    }
    case "attendance":
      return data.meetingId === meetingId ? attendanceOf(db, meetingId) : null;
    case "decision": {
      const decision = await db.decision.findUnique({ where: { id: String(data.decisionId) }, select: { meetingId: true, text: true, pollId: true } });
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
