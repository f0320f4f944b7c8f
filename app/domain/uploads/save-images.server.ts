import type { Clock } from "../../infra/clock";
import { invalid } from "../errors";
import type { IncomingFile } from "./images";
import type { ImageMime } from "./images";
import { MAX_IMAGE_BYTES } from "./images";
import type { ProcessedPhoto } from "./process-photo.server";
import { processPhoto } from "./process-photo.server";
import type { FileStorage } from "../../infra/storage.server";
import { newStorageKey, thumbnailKeyOf } from "../../infra/storage.server";

export interface StoredImage {
  storageKey: string;
  mime: ImageMime;
  bytes: number;
  width: number;
  height: number;
}

const MB = MAX_IMAGE_BYTES / (1024 * 1024);

/**
 * Re-encodes every file first (metadata stripped, upright, bounded size) and refuses the whole submission
 * if one is not a usable image, so nothing is written; then stores each photo's full view and thumbnail.
 * The caller writes the database rows and, if that fails, calls `discard`.
 */
export async function storeImages(
  storage: FileStorage,
  clock: Clock,
  files: readonly IncomingFile[],
  maxCount: number,
): Promise<{ images: StoredImage[]; discard: () => Promise<void> }> {
  if (files.length > maxCount) throw invalid("issues:errors.too_many_photos", { max: maxCount });
  const processed: Extract<ProcessedPhoto, { ok: true }>[] = [];
  // One at a time: decoding several 8 MB photos at once would multiply the memory a single request holds.
  for (const file of files) {
    if (file.tooLarge) throw invalid("issues:errors.upload_too_large", { name: file.filename, mb: MB });
    const photo = await processPhoto(file.bytes);
    if (!photo.ok) throw invalid(photo.reason, { name: file.filename, mb: MB });
    processed.push(photo);
  }
  const written: string[] = [];
  const discard = async () => {
    await Promise.all(written.map((key) => storage.delete(key).catch(() => undefined)));
  };
  const images: StoredImage[] = [];
  try {
    for (const photo of processed) {
      const storageKey = newStorageKey("jpg", clock.now());
      await storage.put(storageKey, photo.full.bytes);
      written.push(storageKey);
      await storage.put(thumbnailKeyOf(storageKey), photo.thumbnail.bytes);
      written.push(thumbnailKeyOf(storageKey));
      images.push({
        storageKey,
        mime: "image/jpeg",
        bytes: photo.full.bytes.byteLength,
        width: photo.full.width,
        height: photo.full.height,
      });
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return { images, discard };
}
