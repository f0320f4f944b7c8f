import type { LexicalNode, NodeKey, SerializedLexicalNode, Spread } from "lexical";
import { DecoratorNode } from "lexical";
import { DecisionBlock } from "../../components/minutes/locked-blocks";
import type { DecisionData } from "./locked-data";

export type SerializedDecisionNode = Spread<{ type: "decision"; version: 1; data: DecisionData }, SerializedLexicalNode>;

/** The wording of a decision as recorded at the meeting; it changes only through the decision itself. */
export class DecisionNode extends DecoratorNode<JSX.Element> {
  __data: DecisionData;

  static getType(): string {
    return "decision";
  }

  static clone(node: DecisionNode): DecisionNode {
    return new DecisionNode(node.__data, node.__key);
  }

  static importJSON(json: SerializedDecisionNode): DecisionNode {
    return $createDecisionNode(json.data);
  }

  constructor(data: DecisionData, key?: NodeKey) {
    super(key);
    this.__data = data;
  }

  exportJSON(): SerializedDecisionNode {
    return { type: "decision", version: 1, data: this.__data };
  }

  getData(): DecisionData {
    return this.getLatest().__data;
  }

  createDOM(): HTMLElement {
    const element = document.createElement("div");
    element.className = "locked-block-host";
    element.contentEditable = "false";
    return element;
  }

  updateDOM(): false {
    return false;
  }

  isInline(): false {
    return false;
  }

  getTextContent(): string {
    return "";
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
