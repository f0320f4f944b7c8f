import type { AttendanceData, DecisionData, VoteResultData } from "./locked-data";
import type { MinutesDocument, SerializedNode } from "./document";

/**
 * Small builders for Lexical's serialized form, so the draft written from a meeting is the same shape the
 * editor writes (and passes the same validation).
 */
const element = (type: string, children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedNode => ({
  type,
  version: 1,
  direction: null,
  format: "",
  indent: 0,
  children,
  ...extra,
});

export const text = (value: string, format = 0): SerializedNode => ({
  type: "text",
  version: 1,
  text: value,
  format,
  detail: 0,
  mode: "normal",
  style: "",
});

export const paragraph = (...parts: (SerializedNode | string)[]): SerializedNode =>
  element(
    "paragraph",
    parts.map((p) => (typeof p === "string" ? text(p) : p)),
    { textFormat: 0, textStyle: "" },
  );

export const heading = (tag: "h1" | "h2" | "h3", value: string): SerializedNode => element("heading", [text(value)], { tag });

export const quote = (value: string): SerializedNode => element("quote", [text(value)]);

export const link = (url: string, label: string): SerializedNode =>
  element("link", [text(label)], { url, rel: "noopener noreferrer", target: null, title: null });

export const list = (kind: "bullet" | "number", items: (SerializedNode | string)[][]): SerializedNode =>
  element(
    "list",
    items.map((parts, index) =>
      element(
        "listitem",
        parts.map((p) => (typeof p === "string" ? text(p) : p)),
        { value: index + 1 },
      ),
    ),
    { listType: kind, start: 1, tag: kind === "number" ? "ol" : "ul" },
  );

export const voteResultBlock = (data: VoteResultData): SerializedNode => ({ type: "vote-result", version: 1, data });
export const attendanceBlock = (data: AttendanceData): SerializedNode => ({ type: "attendance", version: 1, data });
export const decisionBlock = (data: DecisionData): SerializedNode => ({ type: "decision", version: 1, data });

export const documentOf = (...blocks: SerializedNode[]): MinutesDocument => ({ root: element("root", blocks) });

export const emptyDocument = (): MinutesDocument => documentOf(paragraph());
