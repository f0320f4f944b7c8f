import { thumbnailKeyOf } from "../../infra/storage-keys";

export const photoUrl = (storageKey: string) => `/uploads/${storageKey}`;
export const thumbnailUrl = (storageKey: string) => `/uploads/${thumbnailKeyOf(storageKey)}`;
