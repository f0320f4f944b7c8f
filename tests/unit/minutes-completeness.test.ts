import { describe, expect, it } from "vitest";
import type { ExpectedBlock } from "../../app/domain/minutes/completeness";
import {
  IncompleteMinutesError,
  checkCompleteness,
  describeIncomplete,
  draftSaveProblems,
  hasProblems,
  publicationProblems,
} from "../../app/domain/minutes/completeness";
import { attendanceBlock, decisionBlock, documentOf, heading, paragraph, voteResultBlock } from "../../app/domain/minutes/build-document";
import type { SerializedNode } from "../../app/domain/minutes/document";
import { validateMinutesDocument } from "../../app/editor/validate";
import { serializeMinutesHtml } from "../../app/editor/html-serializer";
import type { PollResult } from "../../app/domain/voting/result";

const poll = (pollId: string, question: string): PollResult => ({
  version: 1,
  pollId,
  question,
  kind: "yes_no_abstain",
  ballotMode: "named",
  passRule: "majority_cast",
  abstentionsCount: false,
  options: [{ key: "yes", label: "赞成", electronic: 3, manual: 0, total: 3 }],
  ballotsElectronic: 3,
  ballotsManual: 0,
  proxyBallots: 0,
  eligible: 5,
  present: 4,
  quorumRequired: 3,
  quorumMet: true,
  threshold: 2,
  thresholdBase: 3,
  passed: true,
  leaders: ["yes"],
  closedAt: "2026-11-20T12:00:00.000Z",
});
const attendance = attendanceBlock({
  meetingId: "m1",
  eligible: 5,
  present: 4,
  proxies: 0,
  quorumRule: "more_than_half",
  quorumRequired: 3,
  quorumMet: true,
  attendees: [],
});
const vote = voteResultBlock(poll("p1", "是否同意增设充电桩？"));
const decision = decisionBlock({ decisionId: "d1", text: "同意增设充电桩。", pollId: "p1" });
const expected: ExpectedBlock[] = [
  { type: "attendance", id: "m1", label: "" },
  { type: "vote-result", id: "p1", label: "是否同意增设充电桩？" },
  { type: "decision", id: "d1", label: "同意增设充电桩。" },
];
const removed = (node: SerializedNode): SerializedNode => ({ ...node, removed: true });
const zh = (key: string, values?: Record<string, string | number>) => `${key}(${Object.values(values ?? {}).join("|")})`;

describe("whether minutes hold the whole meeting record", () => {
  it("finds a complete text complete", () => {
    expect(hasProblems(publicationProblems(expected, documentOf(heading("h1", "纪要"), attendance, vote, decision)))).toBe(false);
  });

  it("names a vote left out, a decision written twice and an attendance removed on purpose", () => {
    const report = checkCompleteness(expected, documentOf(removed(attendance), decision, paragraph("x"), decision));
    expect(report.missing.map((b) => b.id)).toEqual(["p1"]);
    expect(report.duplicated.map((b) => b.id)).toEqual(["d1"]);
    expect(report.removed.map((b) => b.id)).toEqual(["m1"]);
  });

  it("lets a draft keep a block removed on purpose, but not lose one the stored text had", () => {
    const stored = documentOf(attendance, vote, decision);
    expect(hasProblems(draftSaveProblems(expected, stored, documentOf(attendance, removed(vote), decision)))).toBe(false);
    expect(draftSaveProblems(expected, stored, documentOf(attendance, decision)).missing.map((b) => b.id)).toEqual(["p1"]);
    // A decision recorded after the draft was written may stay absent from drafts; publishing still needs it.
    const older = documentOf(attendance, vote);
    expect(hasProblems(draftSaveProblems(expected, older, older))).toBe(false);
    expect(publicationProblems(expected, older).missing.map((b) => b.id)).toEqual(["d1"]);
  });

  it("treats a stored text it cannot read as holding every block", () => {
    expect(draftSaveProblems(expected, null, documentOf(attendance, vote)).missing.map((b) => b.id)).toEqual(["d1"]);
  });

  it("says in one sentence what is missing, removed and doubled", () => {
    const error = new IncompleteMinutesError(
      "publication",
      checkCompleteness(expected, documentOf(removed(attendance), decision, decision)),
    );
    const text = describeIncomplete(error, zh);
    expect(text).toContain("minutes:errors.blocks_incomplete");
    expect(text).toContain("minutes:completeness.missing(minutes:completeness.vote_result(是否同意增设充电桩？))");
    expect(text).toContain("minutes:completeness.removed(minutes:completeness.attendance())");
    expect(text).toContain("minutes:completeness.duplicated(minutes:completeness.decision(同意增设充电桩。))");
  });

  it("keeps the removed mark through validation, and shows reviewers the block as removed, never its figures", () => {
    const check = validateMinutesDocument(documentOf(removed(vote), { ...decision, removed: "yes" }));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.document.root.children?.[0]).toMatchObject({ type: "vote-result", removed: true });
    expect(check.document.root.children?.[1]).not.toHaveProperty("removed");
    const html = serializeMinutesHtml(check.document.root, zh);
    expect(html).toContain("locked-block-removed");
    expect(html).toContain("minutes:completeness.removed_placeholder");
    expect(html).not.toContain("<table");
  });
});
