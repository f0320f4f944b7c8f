import type { Clock } from "../clock";
import { invalid } from "../errors";
import type { IncomingFile } from "./incoming.server";
import type { ImageMime } from "./images";
import { IMAGE_TYPES, checkImage } from "./images";
import type { FileStorage } from "./storage.server";
import { newStorageKey } from "./storage.server";

export interface StoredImage {
  storageKey: string;
  mime: ImageMime;
  bytes: number;
  width: number;
  height: number;
}

/**
 * Checks every file first and refuses the whole submission if one is not an image (nothing is written),
 * then stores them. The caller writes the database rows and, if that fails, calls `discard`.
 */
export async function storeImages(
  storage: FileStorage,
  clock: Clock,
  files: readonly IncomingFile[],
  maxCount: number,
): Promise<{ images: StoredImage[]; discard: () => Promise<void> }> {
  if (files.length > maxCount) throw invalid("issues:errors.too_many_photos", { max: maxCount });
  const checked = files.map((file) => {
    if (file.tooLarge) throw invalid("issues:errors.upload_too_large", { name: file.filename, mb: 8 });
    const check = checkImage(file.bytes);
    if (!check.ok) throw invalid(check.reason, { name: file.filename, mb: 8 });
    return { file, check };
  });
  const images: StoredImage[] = [];
  const discard = async () => {
    await Promise.all(images.map((image) => storage.delete(image.storageKey).catch(() => undefined)));
  };
  try {
    for (const { file, check } of checked) {
      const storageKey = newStorageKey(IMAGE_TYPES[check.mime], clock.now());
      await storage.put(storageKey, file.bytes);
      images.push({ storageKey, mime: check.mime, bytes: file.bytes.byteLength, width: check.width, height: check.height });
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return { images, discard };
}
