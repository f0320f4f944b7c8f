import type { Db } from "../../infra/db.server";
import type { Actor } from "../permissions";
import type { PhotoOwner } from "./photo-access";
import { arePhotosPublic, maySeePhotos } from "./photo-access";
import { sniffImageType } from "./images";
import { processPhoto } from "./process-photo.server";
import type { FileStorage, UploadVariant, parseUploadPath } from "../../infra/storage.server";
import { thumbnailKeyOf } from "../../infra/storage.server";
import { wishPhotoOwner } from "../wishes/wishes.server";
import { milestonePhotoByKey } from "../projects/projects.server";

const issueOwner = { select: { status: true, communityId: true, reporterId: true, community: { select: { streetId: true } } } } as const;

export interface ServablePhoto {
  id: string;
  storageKey: string;
  owner: PhotoOwner;
}

/** The photo stored under one of these keys, with the issue it belongs to (directly or through a progress update). */
export async function findPhoto(db: Db, storageKeys: readonly string[]): Promise<ServablePhoto | null> {
  const row = await db.attachment.findFirst({
    where: { storageKey: { in: [...storageKeys] } },
    select: {
      id: true,
      storageKey: true,
      issue: issueOwner,
      progressUpdate: { select: { actionItem: { select: { issue: issueOwner } } } },
    },
  });
  const issue = row?.issue ?? row?.progressUpdate?.actionItem.issue;
  if (!row || !issue) return null;
  return {
    id: row.id,
    storageKey: row.storageKey,
    owner: { status: issue.status, communityId: issue.communityId, reporterId: issue.reporterId, streetId: issue.community.streetId },
  };
}

// Two visitors opening the same old photo at once re-encode it once.
const upgrading = new Map<string, Promise<boolean>>();

/**
 * Photos uploaded before re-encoding existed were stored as sent, EXIF and GPS included, and have no
 * thumbnail. The first time one is asked for, it is re-encoded in place (same key, so old links keep
 * working) and its thumbnail written; the thumbnail is written last, so its presence marks a finished photo.
 * Returns false when the stored original cannot be decoded (it is then never served).
 */
export function upgradeLegacyPhoto(db: Db, storage: FileStorage, photo: Pick<ServablePhoto, "id" | "storageKey">): Promise<boolean> {
  let pending = upgrading.get(photo.storageKey);
  if (!pending) {
    pending = (async () => {
      const original = await storage.get(photo.storageKey);
      if (!original) return false;
      const processed = await processPhoto(original);
      if (!processed.ok) return false;
      await storage.put(photo.storageKey, processed.full.bytes);
      await db.attachment.update({
        where: { id: photo.id },
        data: { mime: "image/jpeg", bytes: processed.full.bytes.byteLength, width: processed.full.width, height: processed.full.height },
      });
      await storage.put(thumbnailKeyOf(photo.storageKey), processed.thumbnail.bytes);
      return true;
    })().finally(() => upgrading.delete(photo.storageKey));
    upgrading.set(photo.storageKey, pending);
  }
  return pending;
}

/** The bytes of a photo's full view or thumbnail, upgrading an old upload first; null when there are none. */
export async function readPhoto(
  db: Db,
  storage: FileStorage,
  photo: Pick<ServablePhoto, "id" | "storageKey">,
  variant: UploadVariant,
): Promise<{ bytes: Uint8Array; mime: string } | null> {
  let thumbnail = await storage.get(thumbnailKeyOf(photo.storageKey));
  if (!thumbnail) {
    if (!(await upgradeLegacyPhoto(db, storage, photo))) return null;
    thumbnail = await storage.get(thumbnailKeyOf(photo.storageKey));
    if (!thumbnail) return null;
  }
  const bytes = variant === "thumbnail" ? thumbnail : await storage.get(photo.storageKey);
  if (!bytes) return null;
  return { bytes, mime: sniffImageType(bytes) ?? "application/octet-stream" };
}

/**
 * A stored photo as this visitor may see it: its bytes and whether it is public. Null when it does not exist
 * or belongs to an issue they may not see yet, alike, so a refusal does not reveal that the photo exists.
 * Who is asking is looked up only for photos that are not public.
 */
export async function photoForVisitor(
  db: Db,
  storage: FileStorage,
  visitor: () => Promise<Actor | null>,
  path: NonNullable<ReturnType<typeof parseUploadPath>>,
): Promise<{ bytes: Uint8Array; mime: string; isPublic: boolean } | null> {
  const photo = await findPhoto(db, path.storageKeys);
  if (!photo) return wishPhotoForVisitor(db, storage, visitor, path);
  const isPublic = arePhotosPublic(photo.owner);
  if (!isPublic && !maySeePhotos(await visitor(), photo.owner)) return null;
  const file = await readPhoto(db, storage, photo, path.variant);
  return file ? { ...file, isPublic } : null;
}

/**
 * A wish's fulfilment photo shows a resident's home: it is never public, only for the people close to the
 * wish and the community's staff (wishes.server.ts).
 */
async function wishPhotoForVisitor(
  db: Db,
  storage: FileStorage,
  visitor: () => Promise<Actor | null>,
  path: NonNullable<ReturnType<typeof parseUploadPath>>,
): Promise<{ bytes: Uint8Array; mime: string; isPublic: boolean } | null> {
  const owner = await wishPhotoOwner(db, path.storageKeys);
  if (!owner) return milestonePhotoForVisitor(db, storage, path);
  if (!owner.maySee(await visitor())) return null;
  const file = await readPhoto(db, storage, owner.photo, path.variant);
  return file ? { ...file, isPublic: false } : null;
}

/** A joint project's milestone evidence: the project page is public, and so are its photos. */
async function milestonePhotoForVisitor(
  db: Db,
  storage: FileStorage,
  path: NonNullable<ReturnType<typeof parseUploadPath>>,
): Promise<{ bytes: Uint8Array; mime: string; isPublic: boolean } | null> {
  const photo = await milestonePhotoByKey(db, path.storageKeys);
  if (!photo) return null;
  const file = await readPhoto(db, storage, photo, path.variant);
  return file ? { ...file, isPublic: true } : null;
}
