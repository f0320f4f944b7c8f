import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DatasetFields, DownloadLinks } from "../components/open-data/open-data-parts";
import { DATASETS } from "../domain/open-data/datasets";
import { openDataIndex } from "../domain/open-data/export.server";
import { localized } from "../i18n/config";
import { publicPageHeaders } from "../web/public-page";
import { defineLoader } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["opendata"] };

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [{ title: "开放数据 Open data · 议事 Yishi" }];

/** The open datasets: what they hold and leave out, each field, and downloads per street and community. */
export const loader = defineLoader(async ({ context }) => ({ streets: await openDataIndex(context.db) }));

export default function OpenDataPage() {
  const { streets } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("opendata");
  const lang = i18n.language;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 text-ink-muted">{t("lead")}</p>
      </div>
      <section className="card" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t("privacy_heading")}</h2>
        <p className="mt-2">{t("privacy")}</p>
        <p className="mt-2 text-sm text-ink-muted">{t("caching")}</p>
      </section>
      {streets.length === 0 ? <p className="text-ink-muted">{t("no_streets")}</p> : null}
      {streets.map((street) => (
        <section key={street.slug} className="card space-y-4" aria-labelledby={`street-${street.slug}`}>
          <div>
            <h2 id={`street-${street.slug}`}>{t("street_heading", { street: localized(lang, street.nameZh, street.nameEn) })}</h2>
            <DownloadLinks base={`/open-data/s/${street.slug}`} />
          </div>
          {street.communities.length > 0 ? (
            <div>
              <h3>{t("communities_heading")}</h3>
              <ul className="mt-2 divide-y divide-stone-200">
                {street.communities.map((community) => (
                  <li key={community.slug} className="py-3">
                    <p className="font-semibold">{localized(lang, community.nameZh, community.nameEn)}</p>
                    <DownloadLinks base={`/open-data/c/${community.slug}`} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ))}
      <section className="card space-y-4" aria-labelledby="fields-heading">
        <h2 id="fields-heading">{t("fields_heading")}</h2>
        {DATASETS.map((dataset) => (
          <DatasetFields key={dataset} dataset={dataset} />
        ))}
      </section>
    </div>
  );
}
