import type { LexicalNode, SerializedLexicalNode, Spread } from "lexical";
import { LockedBlockNode } from "./locked-block-node";
import { AttendanceBlock } from "../../components/minutes/locked-blocks";
import type { AttendanceData } from "./locked-data";

export type SerializedAttendanceNode = Spread<{ type: "attendance"; version: 1; data: AttendanceData }, SerializedLexicalNode>;

/** Who attended and whether the quorum was met, as checked in at the meeting. */
export class AttendanceNode extends LockedBlockNode<AttendanceData> {
  static getType(): string {
    return "attendance";
  }

  static clone(node: AttendanceNode): AttendanceNode {
    return new AttendanceNode(node.__data, node.__key);
  }

  static importJSON(json: SerializedAttendanceNode): AttendanceNode {
    return $createAttendanceNode(json.data);
  }

  exportJSON(): SerializedAttendanceNode {
    return { type: "attendance", version: 1, data: this.__data };
  }

  decorate(): JSX.Element {
    return <AttendanceBlock data={this.__data} />;
  }
}

export function $createAttendanceNode(data: AttendanceData): AttendanceNode {
  return new AttendanceNode(data);
}

export function $isAttendanceNode(node: LexicalNode | null | undefined): node is AttendanceNode {
  return node instanceof AttendanceNode;
}
