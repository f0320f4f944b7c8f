import { imageSize } from "image-size";

/** Photos residents take on phones, and nothing else: the bytes decide, never the file name. */
export const IMAGE_TYPES = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
} as const;
export type ImageMime = keyof typeof IMAGE_TYPES;

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS_PER_ISSUE = 6;
export const MAX_PHOTOS_PER_UPDATE = 6;

/**
 * The largest picture we agree to decode. 50 megapixels covers every phone camera's normal output; a
 * small file declaring 30000×30000 would otherwise cost gigabytes of memory to decode (a decompression bomb).
 */
export const MAX_INPUT_PIXELS = 50_000_000;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

/** The image type the content really is, from its magic number, or null. */
export function sniffImageType(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export type UploadRefusal =
  | "issues:errors.upload_not_image"
  | "issues:errors.upload_too_large"
  | "issues:errors.upload_empty"
  | "issues:errors.upload_too_many_pixels"
  | "issues:errors.upload_damaged";

export type ImageCheck = { ok: true; mime: ImageMime; width: number; height: number } | { ok: false; reason: UploadRefusal };

/**
 * The cheap checks made before any decoding: size, magic number and a header that states real dimensions.
 * Whether the pixels really decode is only known after re-encoding (`process-photo.server.ts`).
 */
export function checkImage(bytes: Uint8Array): ImageCheck {
  if (bytes.byteLength === 0) return { ok: false, reason: "issues:errors.upload_empty" };
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, reason: "issues:errors.upload_too_large" };
  const mime = sniffImageType(bytes);
  if (!mime) return { ok: false, reason: "issues:errors.upload_not_image" };
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height) return { ok: false, reason: "issues:errors.upload_not_image" };
    if (size.width * size.height > MAX_INPUT_PIXELS) return { ok: false, reason: "issues:errors.upload_too_many_pixels" };
    return { ok: true, mime, width: size.width, height: size.height };
  } catch {
    return { ok: false, reason: "issues:errors.upload_not_image" };
  }
}

/** A file part as it arrived. Files past the kept count are only counted, so memory stays bounded. */
export interface IncomingFile {
  field: string;
  filename: string;
  bytes: Uint8Array;
  tooLarge: boolean;
}
