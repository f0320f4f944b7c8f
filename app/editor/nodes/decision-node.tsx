import type { LexicalNode, SerializedLexicalNode, Spread } from "lexical";
import { LockedBlockNode } from "./locked-block-node";
import { LockedBlockFrame } from "../../components/minutes/locked-block-frame";
import { blockOfDecision } from "./block-ref";
import { DecisionBlock } from "../../components/minutes/locked-blocks";
import type { DecisionData } from "./locked-data";

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

  decorate(): JSX.Element {
    return (
      <LockedBlockFrame nodeKey={this.__key} removed={this.__removed} block={blockOfDecision(this.__data)}>
        <DecisionBlock data={this.__data} />
      </LockedBlockFrame>
    );
  }
}

export function $createDecisionNode(data: DecisionData, removed = false): DecisionNode {
  return new DecisionNode(data, removed);
}

export function $isDecisionNode(node: LexicalNode | null | undefined): node is DecisionNode {
  return node instanceof DecisionNode;
}
