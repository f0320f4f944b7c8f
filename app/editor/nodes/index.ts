import { LinkNode } from "@lexical/link";
import { ListItemNode, ListNode } from "@lexical/list";
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import type { Klass, LexicalNode } from "lexical";
import { AttendanceNode } from "./attendance-node";
import { DecisionNode } from "./decision-node";
import { VoteResultNode } from "./vote-result-node";

/**
 * The one list of node classes of the minutes. The browser editor and the server renderer both build their
 * editors from it, so a document the editor can write is exactly a document the server can read.
 */
export const MINUTES_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  VoteResultNode,
  AttendanceNode,
  DecisionNode,
];

/** Node types a stored document may contain: the core ones plus those of MINUTES_NODES. */
export const ALLOWED_NODE_TYPES = new Set([
  "root",
  "paragraph",
  "text",
  "linebreak",
  "tab",
  ...MINUTES_NODES.map((node) => node.getType()),
]);

export { AttendanceNode, DecisionNode, VoteResultNode };
