import { useTranslation } from "react-i18next";

/** Red flags: late work or a department that has not reported for duty. Text, not only colour. */
export function IssueFlags({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation("issues");
  if (flags.length === 0) return null;
  return (
    <>
      {flags.map((flag) => (
        <span key={flag} className="badge bg-red-600 text-white">
          <span aria-hidden="true" className="mr-1 font-bold">
            !
          </span>
          {t(`flags.${flag}`)}
        </span>
      ))}
    </>
  );
}
