import type { LexicalNode, SerializedLexicalNode, Spread } from "lexical";
import { LockedBlockNode } from "./locked-block-node";
import type { VoteResultData } from "../../domain/minutes/locked-data";

export type SerializedVoteResultNode = Spread<
  { type: "vote-result"; version: 1; data: VoteResultData; removed?: true },
  SerializedLexicalNode
>;

/** A closed poll's stored result. Shown, never edited: the figures are the database's, not the typist's. */
export class VoteResultNode extends LockedBlockNode<VoteResultData> {
  static getType(): string {
    return "vote-result";
  }

  static clone(node: VoteResultNode): VoteResultNode {
    return new VoteResultNode(node.__data, node.__removed, node.__key);
  }

  static importJSON(json: SerializedVoteResultNode): VoteResultNode {
    return $createVoteResultNode(json.data, json.removed === true);
  }

  exportJSON(): SerializedVoteResultNode {
    return { type: "vote-result", version: 1, data: this.__data, ...this.lockedJSON() };
  }
}

export function $createVoteResultNode(data: VoteResultData, removed = false): VoteResultNode {
  return new VoteResultNode(data, removed);
}

export function $isVoteResultNode(node: LexicalNode | null | undefined): node is VoteResultNode {
  return node instanceof VoteResultNode;
}
