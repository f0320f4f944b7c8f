import type { LexicalNode, SerializedLexicalNode, Spread } from "lexical";
import { LockedBlockNode } from "./locked-block-node";
import { VoteResultBlock } from "../../components/minutes/locked-blocks";
import type { VoteResultData } from "./locked-data";

export type SerializedVoteResultNode = Spread<{ type: "vote-result"; version: 1; data: VoteResultData }, SerializedLexicalNode>;

/** A closed poll's stored result. Shown, never edited: the figures are the database's, not the typist's. */
export class VoteResultNode extends LockedBlockNode<VoteResultData> {
  static getType(): string {
    return "vote-result";
  }

  static clone(node: VoteResultNode): VoteResultNode {
    return new VoteResultNode(node.__data, node.__key);
  }

  static importJSON(json: SerializedVoteResultNode): VoteResultNode {
    return $createVoteResultNode(json.data);
  }

  exportJSON(): SerializedVoteResultNode {
    return { type: "vote-result", version: 1, data: this.__data };
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
