import { useTranslation } from "react-i18next";
import { photoUrl, thumbnailUrl } from "../../domain/uploads/photo-urls";
import { THUMBNAIL_EDGE } from "../../domain/uploads/sizes";

/** Small square thumbnails (a few dozen KB on a phone), each linking to the photo's full view. */
export function PhotoGrid({ photos, label }: { photos: { storageKey: string }[]; label: string }) {
  const { t } = useTranslation("issues");
  if (photos.length === 0) return null;
  return (
    <ul className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-6" aria-label={label}>
      {photos.map((photo, index) => (
        <li key={photo.storageKey}>
          <a href={photoUrl(photo.storageKey)} className="block overflow-hidden rounded-lg border border-stone-200">
            <img
              src={thumbnailUrl(photo.storageKey)}
              alt={t("photo.alt", { n: index + 1 })}
              width={THUMBNAIL_EDGE}
              height={THUMBNAIL_EDGE}
              loading="lazy"
              className="aspect-square h-auto w-full object-cover"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}
