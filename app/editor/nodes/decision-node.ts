import type { LexicalNode, SerializedLexicalNode, Spread } from "lexical";
import { LockedBlockNode } from "./locked-block-node";
import type { DecisionData } from "../../domain/minutes/locked-data";

export type SerializedDecisionNode = Spread<{ type: "decision"; version: 1; data: DecisionData; removed?: true }, SerializedLexicalNode>;

/** The wording of a decision as recorded at the meeting; it changes only through the decision itself. */
export class DecisionNode extends LockedBlockNode<DecisionData> {
  static getType(): string {
    return "decision";
  }

  static clone(node: DecisionNode): DecisionNode {
    return new DecisionNode(node.__data, node.__removed, node.__key);
  }

  static importJSON(json: SerializedDecisionNode): DecisionNode {
    return $createDecisionNode(json.data, json.removed === true);
  }

  exportJSON(): SerializedDecisionNode {
    return { type: "decision", version: 1, data: this.__data, ...this.lockedJSON() };
  }
}

export function $createDecisionNode(data: DecisionData, removed = false): DecisionNode {
  return new DecisionNode(data, removed);
}

export function $isDecisionNode(node: LexicalNode | null | undefined): node is DecisionNode {
  return node instanceof DecisionNode;
}
