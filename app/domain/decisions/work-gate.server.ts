import type { Db, Tx } from "../../infra/db.server";
import { chinaDateTimeString } from "../../infra/time";
import { invalid } from "../errors";
import type { WorkGate } from "./work-gate";
import { workGate } from "./work-gate";

/** The notice gate of one issue, from its decisions that are not final yet. */
export async function workGateOfIssue(db: Db | Tx, issueId: string, now: Date): Promise<WorkGate> {
  const decisions = await db.decision.findMany({
    where: { issueId, status: { not: "final" } },
    select: { status: true, noticeEndsAt: true, _count: { select: { objections: { where: { answeredAt: null } } } } },
  });
  return workGate(
    decisions.map((d) => ({ status: d.status, noticeEndsAt: d.noticeEndsAt, unanswered: d._count.objections })),
    now,
  );
}

/** China time as "2026-12-09 18:00": read the same in both languages, whatever the server's zone. */

/** Refuses work on an issue whose decision is still on notice, saying why and (where known) until when. */
export async function requireWorkMayStart(db: Db | Tx, issueId: string, now: Date): Promise<void> {
  const gate = await workGateOfIssue(db, issueId, now);
  if (gate.open) return;
  if (gate.reason === "notice_open") throw invalid("issues:errors.work_waits_for_notice", { until: chinaDateTimeString(gate.until) });
  if (gate.reason === "awaiting_answers") throw invalid("issues:errors.work_waits_for_answers", { count: gate.unanswered });
  throw invalid("issues:errors.work_waits_for_publication");
}
