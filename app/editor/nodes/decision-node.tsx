import type { LexicalNode, SerializedLexicalNode, Spread } from "lexical";
import { LockedBlockNode } from "./locked-block-node";
import { DecisionBlock } from "../../components/minutes/locked-blocks";
import type { DecisionData } from "./locked-data";

export type SerializedDecisionNode = Spread<{ type: "decision"; version: 1; data: DecisionData }, SerializedLexicalNode>;

/** The wording of a decision as recorded at the meeting; it changes only through the decision itself. */
export class DecisionNode extends LockedBlockNode<DecisionData> {
  static getType(): string {
    return "decision";
  }

  static clone(node: DecisionNode): DecisionNode {
    return new DecisionNode(node.__data, node.__key);
  }

  static importJSON(json: SerializedDecisionNode): DecisionNode {
    return $createDecisionNode(json.data);
  }

  exportJSON(): SerializedDecisionNode {
    return { type: "decision", version: 1, data: this.__data };
  }

  decorate(): JSX.Element {
    return <DecisionBlock data={this.__data} />;
  }
}

export function $createDecisionNode(data: DecisionData): DecisionNode {
  return new DecisionNode(data);
}

export function $isDecisionNode(node: LexicalNode | null | undefined): node is DecisionNode {
  return node instanceof DecisionNode;
}
