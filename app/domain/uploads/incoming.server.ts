import { unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_IMAGE_BYTES } from "./images";

/** A file part as it arrived; `tooLarge` files were drained but not kept, so memory stays bounded. */
export interface IncomingFile {
  field: string;
  filename: string;
  bytes: Uint8Array;
  tooLarge: boolean;
}

const MAX_TEXT_FIELD_BYTES = 64 * 1024;
const MAX_FILES = 12;

/**
 * Reads a multipart form: text fields into FormData (so the form can be shown again as typed), files
 * into memory with a per-file cap. Empty file inputs (nothing chosen) are skipped.
 */
export async function readMultipartForm(request: Request): Promise<{ formData: FormData; files: IncomingFile[] }> {
  const files: IncomingFile[] = [];
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await request.formData(), files };
  const formData = await unstable_parseMultipartFormData(request, async (part) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = part.filename === undefined ? MAX_TEXT_FIELD_BYTES : MAX_IMAGE_BYTES;
    let tooLarge = false;
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    }
    if (part.filename === undefined) {
      if (tooLarge) return "";
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    if (!part.filename && size === 0) return null;
    if (files.length < MAX_FILES) {
      files.push({ field: part.name, filename: part.filename, bytes: tooLarge ? new Uint8Array() : new Uint8Array(Buffer.concat(chunks)), tooLarge });
    } else {
      files.push({ field: part.name, filename: part.filename, bytes: new Uint8Array(), tooLarge: false });
    }
    return null;
  });
  return { formData, files };
}
