/**
 * Public notice before work (ADR 0011). A council decision on an issue is published for public notice (公示)
 * so residents can object before anything is done; work on the issue therefore waits until every decision
 * on it is past its notice: published, the window over, and every objection answered in public. Until then
 * action items may be recorded (the decision says who will do what) but not claimed or worked on, and the
 * issue does not move to "in progress".
 */
export interface PendingDecision {
  status: string;
  noticeEndsAt: Date | null;
  /** Objections still waiting for a public answer. */
  unanswered: number;
}

export type WorkGate =
  | { open: true }
  /** Recorded in a meeting but not yet published: the notice has not even started. */
  | { open: false; reason: "unpublished"; until: null }
  /** On public notice: work may start when the window ends (if no objection is left unanswered). */
  | { open: false; reason: "notice_open"; until: Date }
  /** The window is over, but objections still wait for their public answer. */
  | { open: false; reason: "awaiting_answers"; until: null; unanswered: number };

export function workGate(decisions: readonly PendingDecision[], now: Date): WorkGate {
  const pending = decisions.filter((d) => d.status !== "final");
  if (pending.some((d) => d.status === "draft" || !d.noticeEndsAt)) return { open: false, reason: "unpublished", until: null };
  const open = pending.filter((d) => (d.noticeEndsAt as Date).getTime() > now.getTime());
  if (open.length > 0)
    return { open: false, reason: "notice_open", until: new Date(Math.max(...open.map((d) => (d.noticeEndsAt as Date).getTime()))) };
  const unanswered = pending.reduce((sum, d) => sum + d.unanswered, 0);
  if (unanswered > 0) return { open: false, reason: "awaiting_answers", until: null, unanswered };
  // Past the window with every objection answered: final in substance (the sweep marks it within a minute).
  return { open: true };
}
