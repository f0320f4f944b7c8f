/**
 * A minutes document as it is stored: Lexical's serialized editor state, plain JSON. The server validates it
 * (editor/validate.ts), reads the record blocks out of it (completeness.ts), hashes it and renders it; it never
 * trusts HTML from a browser.
 */
export interface SerializedNode {
  type: string;
  version: number;
  children?: SerializedNode[];
  [field: string]: unknown;
}

export interface MinutesDocument {
  root: SerializedNode;
}

/** Every node of a document, depth first (for finding the locked blocks). */
export function* walkNodes(node: SerializedNode): Generator<SerializedNode> {
  yield node;
  for (const child of node.children ?? []) yield* walkNodes(child);
}
