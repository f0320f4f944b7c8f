import type { LexicalNode, SerializedLexicalNode, Spread } from "lexical";
import { LockedBlockNode } from "./locked-block-node";
import type { AttendanceData } from "../../domain/minutes/locked-data";

export type SerializedAttendanceNode = Spread<
  { type: "attendance"; version: 1; data: AttendanceData; removed?: true },
  SerializedLexicalNode
>;

/** Who attended and whether the quorum was met, as checked in at the meeting. */
export class AttendanceNode extends LockedBlockNode<AttendanceData> {
  static getType(): string {
    return "attendance";
  }

  static clone(node: AttendanceNode): AttendanceNode {
    return new AttendanceNode(node.__data, node.__removed, node.__key);
  }

  static importJSON(json: SerializedAttendanceNode): AttendanceNode {
    return $createAttendanceNode(json.data, json.removed === true);
  }

  exportJSON(): SerializedAttendanceNode {
    return { type: "attendance", version: 1, data: this.__data, ...this.lockedJSON() };
  }
}

export function $createAttendanceNode(data: AttendanceData, removed = false): AttendanceNode {
  return new AttendanceNode(data, removed);
}

export function $isAttendanceNode(node: LexicalNode | null | undefined): node is AttendanceNode {
  return node instanceof AttendanceNode;
}
