import { createHeadlessEditor } from "@lexical/headless";
import type { SerializedEditorState } from "lexical";
import { DomainError, invalid } from "../domain/errors";
import { serializeMinutesHtml } from "./html-serializer";
import type { Translate } from "../domain/errors";
import { MINUTES_NODES } from "./nodes/index";
import type { MinutesDocument, SerializedNode } from "../domain/minutes/document";
import { validateMinutesDocument, validateMinutesJson } from "./validate";

/**
 * Server side of the minutes: read a document the way the browser editor would (same node classes), and
 * write HTML with our own escaping serializer. HTML sent by a browser is never used for anything.
 */
function headlessEditor() {
  return createHeadlessEditor({
    namespace: "minutes",
    nodes: [...MINUTES_NODES],
    onError: (error) => {
      throw error;
    },
  });
}

/**
 * Validates untrusted JSON and round-trips it through Lexical, returning the document Lexical itself
 * produces. Throws a DomainError with a translated key when the document is refused.
 */
export function normalizeMinutesJson(raw: unknown): MinutesDocument {
  const check = validateMinutesJson(raw);
  if (!check.ok) throw invalid(check.error, check.values);
  const editor = headlessEditor();
  let exported: SerializedEditorState;
  try {
    const state = editor.parseEditorState(check.document as unknown as SerializedEditorState);
    exported = state.toJSON();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid("minutes:errors.document_malformed");
  }
  // Lexical's own output passes the same gate again: the stored form is exactly the validated form.
  const again = validateMinutesDocument(exported);
  if (!again.ok) throw invalid(again.error, again.values);
  return again.document;
}

/** HTML for a stored document. A stored document that no longer validates renders as nothing. */
export function renderMinutesHtml(content: string, t: Translate): string {
  const check = validateMinutesJson(content);
  if (!check.ok) return "";
  return serializeMinutesHtml(check.document.root as SerializedNode, t);
}
