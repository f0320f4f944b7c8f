import type { LoaderFunctionArgs } from "@remix-run/node";
import { maySeePhotos, arePhotosPublic } from "../domain/uploads/photo-access";
import { findPhoto, readPhoto } from "../domain/uploads/serve-photo.server";
import { getStorage, parseUploadPath } from "../infra/storage.server";
import { getDb } from "../infra/db.server";
import { getCurrentUser } from "../web/session.server";

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Serves stored photos: `/uploads/<key>` is the full view, `/uploads/<stem>.thumb.jpg` the thumbnail.
 * Paths are checked against a strict pattern before touching storage, and a photo is served only if it
 * belongs to an issue the visitor may see. A refused photo answers 404, like one that does not exist,
 * so its existence is not revealed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const path = parseUploadPath(params["*"] ?? "");
  if (!path) return notFound();
  const db = getDb();
  const photo = await findPhoto(db, path.storageKeys);
  if (!photo) return notFound();
  const isPublic = arePhotosPublic(photo.owner);
  if (!isPublic && !maySeePhotos(await getCurrentUser(request), photo.owner)) return notFound();
  const file = await readPhoto(db, getStorage(), photo, path.variant);
  if (!file) return notFound();
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.byteLength),
      // Bytes never change under a key, but an issue can stop being public (reopened, then rejected):
      // shared caches keep public photos for an hour only, unpublished ones stay in the visitor's browser.
      "Cache-Control": isPublic ? "public, max-age=3600" : "private, max-age=3600",
      Vary: isPublic ? "Accept-Encoding" : "Cookie",
      // nosniff stops a browser from guessing another type.
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    },
  });
}
