import type { LoaderFunctionArgs } from "@remix-run/node";
import { isStorageKey, getStorage } from "../domain/uploads/storage.server";

const TYPES: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif" };

/** Serves stored photos. Keys are random and checked against a strict pattern before touching storage. */
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params["*"] ?? "";
  if (!isStorageKey(key)) return new Response("Not found", { status: 404 });
  const bytes = await getStorage().get(key);
  if (!bytes) return new Response("Not found", { status: 404 });
  const extension = key.slice(key.lastIndexOf(".") + 1);
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": TYPES[extension] ?? "application/octet-stream",
      "Content-Length": String(bytes.byteLength),
      // Content never changes under a key; the nosniff header stops a browser from guessing another type.
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    },
  });
}
