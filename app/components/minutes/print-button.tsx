import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Shown once JavaScript runs (before that, the browser's own print command uses the same print stylesheet). */
export function PrintButton() {
  const { t } = useTranslation("minutes");
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="btn-secondary" onClick={() => window.print()}>
      {t("public.print")}
    </button>
  );
}
