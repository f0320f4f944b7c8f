import type { Sharp, SharpOptions } from "sharp";
import type { UploadRefusal } from "./images";
import { MAX_INPUT_PIXELS, checkImage } from "./images";
import { FULL_VIEW_MAX_EDGE, THUMBNAIL_EDGE } from "./sizes";

export interface PhotoRendition {
  bytes: Uint8Array;
  width: number;
  height: number;
}

export type ProcessedPhoto = { ok: true; full: PhotoRendition; thumbnail: PhotoRendition } | { ok: false; reason: UploadRefusal };

// libvips costs ~20 MB of memory once loaded and most processes never see a photo: loaded on the first one.
let sharpLoaded: Promise<(input: Uint8Array, options?: SharpOptions) => Sharp> | null = null;
function loadSharp() {
  sharpLoaded ??= import("sharp").then((module) => module.default);
  return sharpLoaded;
}

async function decoder(bytes: Uint8Array) {
  const sharp = await loadSharp();
  // `failOn: "truncated"` refuses cut-off files instead of padding them with grey; the pixel limit is
  // checked against the header before any pixel is decoded.
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "truncated", sequentialRead: true })
    .autoOrient()
    .flatten({ background: "#ffffff" });
}

/**
 * Re-encodes an uploaded photo as baseline JPEG. Nothing of the original file survives but its pixels:
 * EXIF (with the GPS position of the phone), XMP, IPTC and colour profiles are dropped, because sharp writes
 * no metadata unless asked to. The orientation tag is applied to the pixels first, so the photo stands upright.
 */
export async function processPhoto(original: Uint8Array): Promise<ProcessedPhoto> {
  const check = checkImage(original);
  if (!check.ok) return check;
  // Outside the try: a server without libvips is a broken deployment, not a damaged photo.
  const sharp = await loadSharp();
  try {
    const full = await (
      await decoder(original)
    )
      .resize({ width: FULL_VIEW_MAX_EDGE, height: FULL_VIEW_MAX_EDGE, fit: "inside", withoutEnlargement: true })
      // Plain libjpeg here: mozjpeg's trellis search made a 12 MP photo take seven times longer (bench/photos).
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    // The thumbnail is made from the (already small) full view, which halves the decoding work.
    const thumbnail = await sharp(full.data)
      .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: "cover" })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      full: { bytes: new Uint8Array(full.data), width: full.info.width, height: full.info.height },
      thumbnail: { bytes: new Uint8Array(thumbnail.data), width: thumbnail.info.width, height: thumbnail.info.height },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    if (message.includes("pixel limit")) return { ok: false, reason: "issues:errors.upload_too_many_pixels" };
    return { ok: false, reason: "issues:errors.upload_damaged" };
  }
}
