/**
 * Minutes as the server rendered them. The HTML comes only from app/editor/render.server.ts (fixed tags,
 * escaped text, allow-listed links), never from a browser, which is why it may be inserted here.
 */
export function RenderedMinutes({ html, id }: { html: string; id?: string }) {
  return <div id={id} className="minutes-content" dangerouslySetInnerHTML={{ __html: html }} />;
}
