import type { FileUpload } from "@remix-run/form-data-parser";
import { MaxFileSizeExceededError, MaxFilesExceededError, MaxTotalSizeExceededError, parseFormData } from "@remix-run/form-data-parser";
import { invalid } from "../domain/errors";
import type { IncomingFile } from "../domain/uploads/images";
import { MAX_IMAGE_BYTES, MAX_PHOTOS_PER_ISSUE, MAX_PHOTOS_PER_UPDATE } from "../domain/uploads/images";

export type { IncomingFile };

const MB = MAX_IMAGE_BYTES / (1024 * 1024);
const MAX_KEPT_FILES = Math.max(MAX_PHOTOS_PER_ISSUE, MAX_PHOTOS_PER_UPDATE);
/**
 * Up to twice the allowed photos are read (and only counted past the allowed number), so a person who picked
 * one photo too many is told so with the text they typed, instead of the whole request being cut off.
 */
const MAX_FILES = 2 * MAX_KEPT_FILES;
const MAX_PARTS = 100;

/**
 * Reads a form with `@remix-run/form-data-parser` (streaming, one part buffered at a time, limits on the
 * size of each part, the number of files, parts and total bytes). Text fields end up in FormData so the
 * form can be shown again as typed. Empty file inputs (nothing chosen) are skipped. File names are never
 * used for anything but messages, so any character in them is harmless.
 *
 * A request the parser refuses (a part over 8 MB, too many files, a malformed body) becomes a translated
 * `invalid` domain error, never a 500.
 */
export async function readMultipartForm(request: Request): Promise<{ formData: FormData; files: IncomingFile[] }> {
  const files: IncomingFile[] = [];
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    try {
      return { formData: await request.formData(), files };
    } catch {
      throw invalid("issues:errors.upload_unreadable");
    }
  }
  const keep = async (upload: FileUpload) => {
    if (!upload.name && upload.size === 0) return null;
    const bytes = files.length < MAX_KEPT_FILES ? new Uint8Array(await upload.arrayBuffer()) : new Uint8Array();
    files.push({ field: upload.fieldName, filename: upload.name, bytes, tooLarge: false });
    return null;
  };
  try {
    const formData = await parseFormData(
      request,
      {
        maxFiles: MAX_FILES,
        maxFileSize: MAX_IMAGE_BYTES,
        maxParts: MAX_PARTS,
        maxTotalSize: MAX_KEPT_FILES * MAX_IMAGE_BYTES + 1024 * 1024,
      },
      keep,
    );
    return { formData, files };
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError) throw invalid("issues:errors.upload_part_too_large", { mb: MB });
    if (error instanceof MaxFilesExceededError) throw invalid("issues:errors.too_many_photos", { max: MAX_KEPT_FILES });
    if (error instanceof MaxTotalSizeExceededError) throw invalid("issues:errors.upload_total_too_large", { mb: MAX_KEPT_FILES * MB });
    // Anything else the parser or the UTF-8 decoder of a part's headers or text rejects.
    throw invalid("issues:errors.upload_unreadable");
  }
}
