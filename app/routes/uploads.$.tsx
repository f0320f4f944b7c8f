import { photoForVisitor } from "../domain/uploads/serve-photo.server";
import { parseUploadPath } from "../infra/storage.server";
import { defineLoader } from "../web/route.server";
import { getCurrentUser } from "../web/session.server";

// A file server's answer, not an error page: the same for a photo that does not exist and one refused.
const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Serves stored photos: `/uploads/<key>` is the full view, `/uploads/<stem>.thumb.jpg` the thumbnail.
 * Paths are checked against a strict pattern before touching storage, and a photo is served only if it
 * belongs to an issue the visitor may see. A refused photo answers 404, like one that does not exist,
 * so its existence is not revealed.
 */
export const loader = defineLoader(async ({ request, params, context }) => {
  const path = parseUploadPath(params["*"] ?? "");
  if (!path) return notFound();
  const file = await photoForVisitor(context.db, context.storage, () => getCurrentUser(request), path);
  if (!file) return notFound();
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      // Bytes never change under a key, but an issue can stop being public (reopened, then rejected):
      // shared caches keep public photos for an hour only, unpublished ones stay in the visitor's browser.
      "Cache-Control": file.isPublic ? "public, max-age=3600" : "private, max-age=3600",
      Vary: file.isPublic ? "Accept-Encoding" : "Cookie",
      // nosniff stops a browser from guessing another type.
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    },
  });
});
