import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "./env.server";

export { thumbnailKeyOf } from "./storage-keys";

/**
 * Where uploaded files live. Only this interface is used by the rest of the app, so an object store
 * (S3-compatible, OSS) can replace the local disk without touching the tracker.
 */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Keys look like `2026/11/<uuid>.jpg`: nothing a visitor controls ever becomes part of a path. */
export function newStorageKey(extension: string, at: Date): string {
  const month = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
  return `${month}/${crypto.randomUUID()}.${extension}`;
}

const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(jpg|png|webp|gif)$/;
const THUMBNAIL_PATTERN = /^(\d{4}\/\d{2}\/[0-9a-f-]{36})\.thumb\.jpg$/;

/** A photo's full view (or, for photos uploaded before re-encoding, its original). */
export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export type UploadVariant = "full" | "thumbnail";

/**
 * What a path under /uploads names: a photo's full view or its thumbnail, with the storage keys the photo
 * may have (a thumbnail's photo may be an older upload kept under its original extension), or null.
 */
export function parseUploadPath(path: string): { variant: UploadVariant; storageKeys: string[] } | null {
  if (KEY_PATTERN.test(path)) return { variant: "full", storageKeys: [path] };
  const thumbnail = THUMBNAIL_PATTERN.exec(path);
  if (thumbnail)
    return { variant: "thumbnail", storageKeys: ["jpg", "png", "webp", "gif"].map((extension) => `${thumbnail[1]}.${extension}`) };
  return null;
}

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!parseUploadPath(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a photo.
    const temp = `${file}.${process.pid}.part`;
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, file);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

const globalForStorage = globalThis as unknown as { __yishiStorage?: FileStorage };

export function getStorage(): FileStorage {
  globalForStorage.__yishiStorage ??= new LocalDiskStorage(path.resolve(getEnv().UPLOAD_DIR));
  return globalForStorage.__yishiStorage;
}
