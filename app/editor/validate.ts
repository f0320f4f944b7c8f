import type { MinutesDocument, SerializedNode } from "../domain/minutes/document";
import { LOCKED_DATA_SCHEMAS, isLockedNodeType } from "../domain/minutes/locked-data";
import { ALLOWED_NODE_TYPES } from "./nodes/index";

/**
 * The server's gate for minutes documents. Whatever the browser sends is treated as untrusted data: it must
 * be JSON, small, shallow, made only of known node types with well-formed fields. The result is a rebuilt
 * copy holding only the fields we know, so nothing unexpected survives into storage or rendering.
 */
export const MAX_DOCUMENT_BYTES = 512 * 1024;
export const MAX_DEPTH = 16;
export const MAX_NODES = 20_000;
const MAX_TEXT = 100_000;
const MAX_URL = 2_048;

export type DocumentErrorKey =
  | "minutes:errors.document_malformed"
  | "minutes:errors.document_too_large"
  | "minutes:errors.document_too_deep"
  | "minutes:errors.unknown_node_type"
  | "minutes:errors.locked_block_malformed";

export type DocumentCheck =
  { ok: true; document: MinutesDocument } | { ok: false; error: DocumentErrorKey; values: Record<string, string | number> };

class Refusal extends Error {
  constructor(
    readonly error: DocumentErrorKey,
    readonly values: Record<string, string | number> = {},
  ) {
    super(error);
  }
}

const ELEMENT_TYPES = new Set(["root", "paragraph", "heading", "quote", "list", "listitem", "link"]);
const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const LIST_TYPES = new Set(["bullet", "number", "check"]);
const ALIGNMENTS = new Set(["", "left", "start", "center", "right", "end", "justify"]);
const TEXT_MODES = new Set(["normal", "token", "segmented"]);

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function validateMinutesJson(raw: unknown): DocumentCheck {
  if (typeof raw !== "string") return { ok: false, error: "minutes:errors.document_malformed", values: {} };
  // Measured before parsing, so an enormous body costs nothing more than this count.
  if (raw.length > MAX_DOCUMENT_BYTES || byteLength(raw) > MAX_DOCUMENT_BYTES) {
    return { ok: false, error: "minutes:errors.document_too_large", values: { max: Math.round(MAX_DOCUMENT_BYTES / 1024) } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, error: "minutes:errors.document_malformed", values: {} };
  }
  return validateMinutesDocument(parsed);
}

export function validateMinutesDocument(value: unknown): DocumentCheck {
  try {
    if (!isObject(value) || !isObject(value.root)) throw new Refusal("minutes:errors.document_malformed");
    const counter = { nodes: 0 };
    const root = cleanNode(value.root, 0, counter);
    if (root.type !== "root") throw new Refusal("minutes:errors.document_malformed");
    return { ok: true, document: { root } };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error, values: error.values };
    // A stack overflow on absurd input is still just a refused document.
    if (error instanceof RangeError) return { ok: false, error: "minutes:errors.document_too_deep", values: { max: MAX_DEPTH } };
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function int(value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw new Refusal("minutes:errors.document_malformed");
  return value;
}

function cleanNode(node: unknown, depth: number, counter: { nodes: number }): SerializedNode {
  if (depth > MAX_DEPTH) throw new Refusal("minutes:errors.document_too_deep", { max: MAX_DEPTH });
  if (++counter.nodes > MAX_NODES) throw new Refusal("minutes:errors.document_too_large", { max: Math.round(MAX_DOCUMENT_BYTES / 1024) });
  if (!isObject(node) || typeof node.type !== "string") throw new Refusal("minutes:errors.document_malformed");
  const type = node.type;
  if (!ALLOWED_NODE_TYPES.has(type)) throw new Refusal("minutes:errors.unknown_node_type", { type: type.slice(0, 40) });
  if (depth === 0 && type !== "root") throw new Refusal("minutes:errors.document_malformed");
  if (depth > 0 && type === "root") throw new Refusal("minutes:errors.document_malformed");

  if (isLockedNodeType(type)) {
    const schema = LOCKED_DATA_SCHEMAS[type];
    const data = schema.safeParse(node.data);
    if (!data.success) throw new Refusal("minutes:errors.locked_block_malformed");
    // `removed`: taken out of the minutes with the block's own button; kept so it can be put back (ADR 0009).
    return node.removed === true ? { type, version: 1, data: data.data, removed: true } : { type, version: 1, data: data.data };
  }

  switch (type) {
    case "text": {
      if (typeof node.text !== "string" || node.text.length > MAX_TEXT) throw new Refusal("minutes:errors.document_malformed");
      const mode = typeof node.mode === "string" && TEXT_MODES.has(node.mode) ? node.mode : "normal";
      return {
        type,
        version: 1,
        text: node.text,
        format: int(node.format, 0, 2047, 0),
        detail: int(node.detail, 0, 3, 0),
        mode,
        style: "",
      };
    }
    case "linebreak":
    case "tab":
      return { type, version: 1 };
  }

  if (!ELEMENT_TYPES.has(type)) throw new Refusal("minutes:errors.unknown_node_type", { type: type.slice(0, 40) });
  if (!Array.isArray(node.children)) throw new Refusal("minutes:errors.document_malformed");
  const element: SerializedNode = {
    type,
    version: 1,
    direction: node.direction === "rtl" ? "rtl" : node.direction === "ltr" ? "ltr" : null,
    format: typeof node.format === "string" && ALIGNMENTS.has(node.format) ? node.format : "",
    indent: int(node.indent, 0, 10, 0),
    children: node.children.map((child) => cleanNode(child, depth + 1, counter)),
  };
  switch (type) {
    case "paragraph":
      element.textFormat = int(node.textFormat, 0, 2047, 0);
      element.textStyle = "";
      break;
    case "heading":
      if (typeof node.tag !== "string" || !HEADING_TAGS.has(node.tag)) throw new Refusal("minutes:errors.document_malformed");
      element.tag = node.tag;
      break;
    case "list":
      if (typeof node.listType !== "string" || !LIST_TYPES.has(node.listType)) throw new Refusal("minutes:errors.document_malformed");
      element.listType = node.listType;
      element.start = int(node.start, 1, 100_000, 1);
      element.tag = node.listType === "number" ? "ol" : "ul";
      break;
    case "listitem":
      element.value = int(node.value, 0, 100_000, 1);
      if (typeof node.checked === "boolean") element.checked = node.checked;
      break;
    case "link":
      if (typeof node.url !== "string" || node.url.length > MAX_URL) throw new Refusal("minutes:errors.document_malformed");
      element.url = node.url;
      element.rel = "noopener noreferrer";
      element.target = null;
      element.title = typeof node.title === "string" ? node.title.slice(0, 200) : null;
      break;
  }
  return element;
}
