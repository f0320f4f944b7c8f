/**
 * Re-encodes, in one go, every photo stored before uploads were re-encoded (originals with EXIF/GPS and no
 * thumbnail), so those bytes leave the disk instead of waiting for the photo's first visitor (ADR 0015).
 * Safe to run again: finished photos (thumbnail present) are skipped.
 *
 *   DATABASE_URL=... UPLOAD_DIR=... npx tsx scripts/clean-old-photos.ts
 */
import { DEFAULT_DATABASE_URL } from "../app/infra/database-url";
import path from "node:path";
import { readPhoto } from "../app/domain/uploads/serve-photo.server";
import { LocalDiskStorage, thumbnailKeyOf } from "../app/infra/storage.server";
import { createDb } from "../app/infra/db.server";

const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const uploadDir = path.resolve(process.env.UPLOAD_DIR ?? "./data/uploads");

async function main() {
  const db = createDb(databaseUrl);
  const storage = new LocalDiskStorage(uploadDir);
  const counts = { cleaned: 0, alreadyClean: 0, unreadable: 0 };
  try {
    let cursor: string | undefined;
    for (;;) {
      const batch = await db.attachment.findMany({
        select: { id: true, storageKey: true },
        orderBy: { id: "asc" },
        take: 100,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      if (batch.length === 0) break;
      for (const photo of batch) {
        if (await storage.get(thumbnailKeyOf(photo.storageKey))) counts.alreadyClean++;
        else if (await readPhoto(db, storage, photo, "thumbnail")) counts.cleaned++;
        else counts.unreadable++;
      }
      cursor = batch[batch.length - 1].id;
    }
    console.log(
      `Photos cleaned: ${counts.cleaned}, already clean: ${counts.alreadyClean}, missing or undecodable (never served): ${counts.unreadable}`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
