import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation("issues");
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("list.pagination")} className="mt-4 flex flex-wrap items-center justify-between gap-2">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="btn-secondary" rel="prev">
          {t("list.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-ink-muted">{t("list.page_of", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className="btn-secondary" rel="next">
          {t("list.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
