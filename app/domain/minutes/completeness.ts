import type { Translate } from "../errors";
import { DomainError } from "../errors";
import type { MinutesDocument } from "./document";
import { walkNodes } from "./document";
import type { LockedNodeType } from "./locked-data";
import { isLockedNodeType } from "./locked-data";

/**
 * Whether the minutes hold the whole record of the meeting: every closed poll's result, every decision and
 * the attendance, each exactly once. Checked by the server on every save and before sign-off and publishing,
 * because the figures a published, hashed text leaves out are as wrong as figures it alters.
 */

/** Which record a locked block stands for: the poll, the decision, or the meeting (attendance). */
export interface BlockRef {
  type: LockedNodeType;
  id: string;
}

/** A block the meeting's record calls for, with what to call it in a message. */
export interface ExpectedBlock extends BlockRef {
  /** The poll's question or the decision's wording (empty for attendance). */
  label: string;
}

export interface LockedBlockInDocument extends BlockRef {
  /** Taken out of the minutes on purpose, with the block's "remove" button: kept, but not publishable. */
  removed: boolean;
}

/** Which record a locked block stands for, and what to call it: the poll's question, the decision's wording. */
export function blockOf(node: { type: string; data?: unknown }): ExpectedBlock | null {
  if (!isLockedNodeType(node.type)) return null;
  const data = (node.data ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => String(value ?? "");
  switch (node.type) {
    case "vote-result":
      return { type: node.type, id: text(data.pollId), label: text(data.question) };
    case "decision":
      return { type: node.type, id: text(data.decisionId), label: text(data.text) };
    case "attendance":
      return { type: node.type, id: text(data.meetingId), label: "" };
  }
}

export const blockKey = (ref: BlockRef) => `${ref.type}:${ref.id}`;

export function lockedBlocksIn(document: MinutesDocument): LockedBlockInDocument[] {
  const found: LockedBlockInDocument[] = [];
  for (const node of walkNodes(document.root)) {
    const block = blockOf(node);
    if (block) found.push({ type: block.type, id: block.id, removed: node.removed === true });
  }
  return found;
}

export interface CompletenessReport {
  /** Called for by the record, absent from the document. */
  missing: ExpectedBlock[];
  /** Present more than once. */
  duplicated: ExpectedBlock[];
  /** Present, but removed on purpose (a draft may hold these; a published text may not). */
  removed: ExpectedBlock[];
}

export function checkCompleteness(expected: readonly ExpectedBlock[], document: MinutesDocument): CompletenessReport {
  const counts = new Map<string, { count: number; removed: boolean }>();
  for (const block of lockedBlocksIn(document)) {
    const entry = counts.get(blockKey(block)) ?? { count: 0, removed: false };
    entry.count += 1;
    entry.removed ||= block.removed;
    counts.set(blockKey(block), entry);
  }
  const report: CompletenessReport = { missing: [], duplicated: [], removed: [] };
  for (const block of expected) {
    const entry = counts.get(blockKey(block));
    if (!entry) report.missing.push(block);
    else if (entry.count > 1) report.duplicated.push(block);
    else if (entry.removed) report.removed.push(block);
  }
  return report;
}

/**
 * The rule for saving a draft (ADR 0009): a save may not lose a block the stored text had, nor hold one
 * twice. Taking a block out is done with its "remove" button, which keeps it in the document marked as
 * removed; only a block the stored text already lacked (a decision recorded after the draft was written)
 * may stay absent, and that only until sign-off.
 */
export function draftSaveProblems(
  expected: readonly ExpectedBlock[],
  stored: MinutesDocument | null,
  next: MinutesDocument,
): CompletenessReport {
  const report = checkCompleteness(expected, next);
  const storedKeys = new Set(stored ? lockedBlocksIn(stored).map(blockKey) : expected.map(blockKey));
  return { missing: report.missing.filter((block) => storedKeys.has(blockKey(block))), duplicated: report.duplicated, removed: [] };
}

/** What stands between a text and sign-off or publication: anything missing, doubled or removed. */
export function publicationProblems(expected: readonly ExpectedBlock[], document: MinutesDocument): CompletenessReport {
  return checkCompleteness(expected, document);
}

export function hasProblems(report: CompletenessReport): boolean {
  return report.missing.length + report.duplicated.length + report.removed.length > 0;
}

export type IncompleteStage = "save" | "publication";

const INCOMPLETE_KEYS = { save: "minutes:errors.blocks_lost", publication: "minutes:errors.blocks_incomplete" } as const;

/**
 * Refusal naming the blocks at fault. The key and count travel like any domain error; the blocks themselves
 * ride along so describe() can name each one in the reader's language.
 */
export class IncompleteMinutesError extends DomainError {
  constructor(
    readonly stage: IncompleteStage,
    readonly report: CompletenessReport,
  ) {
    super("invalid", INCOMPLETE_KEYS[stage], {
      count: report.missing.length + report.duplicated.length + report.removed.length,
      list: "",
    });
    this.name = "IncompleteMinutesError";
  }

  describe(t: Translate): string {
    return describeIncomplete(this, t);
  }
}

/** Whether a refusal is this one, from its key (a page then offers to put the blocks back). */
export function isIncompleteMinutesReason(key: string | null | undefined): boolean {
  return !!key && (Object.values(INCOMPLETE_KEYS) as string[]).includes(key);
}

const LABEL_CHARS = 40;

function clip(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > LABEL_CHARS ? `${flat.slice(0, LABEL_CHARS)}…` : flat;
}

/** "the vote result “…”", "the decision “…”", "the attendance", in the reader's language. */
export function nameBlock(block: ExpectedBlock, t: Translate): string {
  switch (block.type) {
    case "vote-result":
      return t("minutes:completeness.vote_result", { label: clip(block.label) });
    case "decision":
      return t("minutes:completeness.decision", { label: clip(block.label) });
    case "attendance":
      return t("minutes:completeness.attendance");
  }
}

/** The whole refusal as one sentence: what is missing, what is doubled, what was removed. */
export function describeIncomplete(error: IncompleteMinutesError, t: Translate): string {
  const join = (blocks: ExpectedBlock[]) => blocks.map((block) => nameBlock(block, t)).join(t("minutes:blocks.list_separator"));
  const parts: string[] = [];
  if (error.report.missing.length) parts.push(t("minutes:completeness.missing", { list: join(error.report.missing) }));
  if (error.report.removed.length) parts.push(t("minutes:completeness.removed", { list: join(error.report.removed) }));
  if (error.report.duplicated.length) parts.push(t("minutes:completeness.duplicated", { list: join(error.report.duplicated) }));
  return t(error.key, { ...error.values, list: parts.join(t("minutes:blocks.list_separator")) });
}
