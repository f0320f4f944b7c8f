import { useTranslation } from "react-i18next";
import type { Dataset } from "../../domain/open-data/datasets";
import { DATASETS, FIELDS, FORMATS } from "../../domain/open-data/datasets";

/** The six downloads (three datasets, CSV and JSON) of one street or community. Plain links: no JavaScript needed. */
export function DownloadLinks({ base }: { base: string }) {
  const { t } = useTranslation("opendata");
  return (
    <ul className="mt-2 flex flex-wrap gap-2">
      {DATASETS.flatMap((dataset) =>
        FORMATS.map((format) => (
          <li key={`${dataset}.${format}`}>
            <a href={`${base}/${dataset}.${format}`} download className="btn-secondary inline-block">
              {t("format_label", { dataset: t(`datasets.${dataset}`), format: format.toUpperCase() })}
            </a>
          </li>
        )),
      )}
    </ul>
  );
}

/** One dataset's fields: stable names (as in the files) and what each holds. */
export function DatasetFields({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation("opendata");
  return (
    <div>
      <h3 id={`fields-${dataset}`}>{t(`datasets.${dataset}`)}</h3>
      <p className="mt-1 text-sm text-ink-muted">{t(`dataset_about.${dataset}`)}</p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm" aria-labelledby={`fields-${dataset}`}>
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-4">
                {t("field")}
              </th>
              <th scope="col" className="py-1">
                {t("meaning")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {FIELDS[dataset].map((field) => (
              <tr key={field}>
                <td className="whitespace-nowrap py-1 pr-3 align-top">
                  <code>{field}</code>
                </td>
                <td className="py-1">{t(`fields.${dataset}.${field}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
