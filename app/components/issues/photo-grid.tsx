import { useTranslation } from "react-i18next";

export function PhotoGrid({ photos, label }: { photos: { storageKey: string; width: number | null; height: number | null }[]; label: string }) {
  const { t } = useTranslation("issues");
  if (photos.length === 0) return null;
  return (
    <ul className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-6" aria-label={label}>
      {photos.map((photo, index) => (
        <li key={photo.storageKey}>
          <a href={`/uploads/${photo.storageKey}`} className="block overflow-hidden rounded-lg border border-stone-200">
            <img
              src={`/uploads/${photo.storageKey}`}
              alt={t("photo.alt", { n: index + 1 })}
              width={photo.width ?? undefined}
              height={photo.height ?? undefined}
              loading="lazy"
              className="aspect-square h-auto w-full object-cover"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}
