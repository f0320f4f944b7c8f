import { escapeHtml } from "./escape-html";
import type { Translate } from "../domain/errors";
import type { LockedBlockDescription } from "./locked-describe";
import { describeAttendance, describeDecision, describeVoteResult } from "./locked-describe";
import type { AttendanceData, DecisionData, VoteResultData } from "../domain/minutes/locked-data";
import { blockOf, nameBlock } from "../domain/minutes/completeness";
import type { RollCallDescription } from "./roll-call-describe";
import { describeRollCall } from "./roll-call-describe";
import { safeHref } from "./safe-url";
import type { SerializedNode } from "../domain/minutes/document";

/**
 * Writes HTML from a validated minutes document. It emits a fixed set of tags and only three attributes
 * whose values it controls (class, href from safeHref, scope), and escapes every piece of text — so no
 * script, handler or style can come out of it whatever the document holds.
 */
const TEXT_FORMATS: [bit: number, tag: string][] = [
  [1, "strong"],
  [2, "em"],
  [4, "s"],
  [8, "u"],
  [16, "code"],
  [32, "sub"],
  [64, "sup"],
  [128, "mark"],
];

export function serializeMinutesHtml(root: SerializedNode, t: Translate): string {
  return children(root, t);
}

function children(node: SerializedNode, t: Translate): string {
  return (node.children ?? []).map((child) => serializeNode(child, t)).join("");
}

function serializeNode(node: SerializedNode, t: Translate): string {
  switch (node.type) {
    case "text":
      return formatText(String(node.text ?? ""), Number(node.format ?? 0));
    case "linebreak":
      return "<br>";
    case "tab":
      return "\t";
    case "paragraph": {
      const inner = children(node, t);
      return `<p${alignClass(node)}>${inner || "<br>"}</p>`;
    }
    case "heading": {
      const tag = /^h[1-6]$/.test(String(node.tag)) ? String(node.tag) : "h2";
      return `<${tag}${alignClass(node)}>${children(node, t)}</${tag}>`;
    }
    case "quote":
      return `<blockquote>${children(node, t)}</blockquote>`;
    case "list": {
      const tag = node.listType === "number" ? "ol" : "ul";
      const start = tag === "ol" && Number(node.start) > 1 ? ` start="${Number(node.start)}"` : "";
      return `<${tag}${start}>${children(node, t)}</${tag}>`;
    }
    case "listitem": {
      // A list item holding only a nested list is Lexical's way of indenting: no bullet of its own.
      const nestedOnly = (node.children ?? []).length > 0 && (node.children ?? []).every((c) => c.type === "list");
      return `<li${nestedOnly ? ' class="nested-list-item"' : ""}>${children(node, t)}</li>`;
    }
    case "link": {
      const href = safeHref(node.url);
      const inner = children(node, t);
      return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${inner}</a>` : inner;
    }
    case "vote-result":
    case "attendance":
    case "decision":
      if (node.removed === true) return removedBlock(node, t);
      break;
  }
  switch (node.type) {
    case "vote-result":
      return (
        lockedBlock(describeVoteResult(node.data as VoteResultData, t)) + rollCallBlock(describeRollCall(node.data as VoteResultData, t))
      );
    case "attendance":
      return lockedBlock(describeAttendance(node.data as AttendanceData, t));
    case "decision":
      return lockedBlock(describeDecision(node.data as DecisionData, t));
    default:
      // validate.ts refuses unknown types; should one slip through, it renders as nothing rather than as HTML.
      return "";
  }
}

/** A block staff took out of a draft: reviewers see that it is missing (it can never be published so). */
function removedBlock(node: SerializedNode, t: Translate): string {
  const block = blockOf(node);
  const name = block ? nameBlock(block, t) : "";
  return `<section class="locked-block locked-block-removed" data-kind="${escapeHtml(node.type)}"><p>${escapeHtml(t("minutes:completeness.removed_placeholder", { name }))}</p></section>`;
}

function alignClass(node: SerializedNode): string {
  return node.format === "center" || node.format === "right" || node.format === "justify" ? ` class="align-${node.format}"` : "";
}

function formatText(text: string, format: number): string {
  let html = escapeHtml(text);
  for (const [bit, tag] of TEXT_FORMATS) if (format & bit) html = `<${tag}>${html}</${tag}>`;
  return html;
}

function rollCallBlock(d: RollCallDescription | null): string {
  if (!d) return "";
  const rows = d.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("");
  return `<section class="locked-block" data-kind="roll-call"><p class="locked-block-title">${escapeHtml(d.title)}</p><div class="locked-block-table"><table><thead><tr>${d.head.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function lockedBlock(d: LockedBlockDescription): string {
  const parts = [`<section class="locked-block" data-kind="${d.kind}">`, `<p class="locked-block-title">${escapeHtml(d.title)}</p>`];
  if (d.table) {
    parts.push('<div class="locked-block-table"><table><thead><tr>');
    for (const cell of d.table.head) parts.push(`<th scope="col">${escapeHtml(cell)}</th>`);
    parts.push("</tr></thead><tbody>");
    for (const row of d.table.rows) parts.push(`<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`);
    parts.push("</tbody></table></div>");
  }
  if (d.facts.length) {
    parts.push('<dl class="locked-block-facts">');
    for (const fact of d.facts) parts.push(`<div><dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd></div>`);
    parts.push("</dl>");
  }
  parts.push(`<p class="locked-block-outcome">${escapeHtml(d.outcome)}</p>`, "</section>");
  return parts.join("");
}
