import type { LexicalNode, NodeKey, SerializedLexicalNode, Spread } from "lexical";
import { DecoratorNode } from "lexical";
import { VoteResultBlock } from "../../components/minutes/locked-blocks";
import type { VoteResultData } from "./locked-data";

export type SerializedVoteResultNode = Spread<{ type: "vote-result"; version: 1; data: VoteResultData }, SerializedLexicalNode>;

/** A closed poll's stored result. Shown, never edited: the figures are the database's, not the typist's. */
export class VoteResultNode extends DecoratorNode<JSX.Element> {
  __data: VoteResultData;

  static getType(): string {
    return "vote-result";
  }

  static clone(node: VoteResultNode): VoteResultNode {
    return new VoteResultNode(node.__data, node.__key);
  }

  static importJSON(json: SerializedVoteResultNode): VoteResultNode {
    return $createVoteResultNode(json.data);
  }

  constructor(data: VoteResultData, key?: NodeKey) {
    super(key);
    this.__data = data;
  }

  exportJSON(): SerializedVoteResultNode {
    return { type: "vote-result", version: 1, data: this.__data };
  }

  getData(): VoteResultData {
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
    return <VoteResultBlock data={this.__data} />;
  }
}

export function $createVoteResultNode(data: VoteResultData): VoteResultNode {
  return new VoteResultNode(data);
}

export function $isVoteResultNode(node: LexicalNode | null | undefined): node is VoteResultNode {
  return node instanceof VoteResultNode;
}
