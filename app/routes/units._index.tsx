import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SECTOR_GROUPS } from "../domain/roles";
import { unitDirectoryPage } from "../domain/units/directory.server";
import { LIST_CATEGORIES } from "../domain/units/lists";
import { localized } from "../i18n/config";
import { formatPercent } from "../infra/time";
import { UnitDirectoryQuery } from "../schemas/units";
import { chosenCommunitySlug } from "../web/community.server";
import { parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { getCurrentUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["issues", "units"] };

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [{ title: "共建单位 Units · 议事 Yishi" }];

/** Public directory of participating units: searchable, filtered by sector group, area and what they offer. */
export const loader = defineLoader(async ({ request, context }) => {
  const filter = parseSearchParams(request, UnitDirectoryQuery);
  const page = await unitDirectoryPage(context.db, await getCurrentUser(request), await chosenCommunitySlug(request), filter);
  return { ...page, filter };
});

export default function UnitsPage() {
  const { street, units, total, areas, filter } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["units", "issues"]);
  const lang = i18n.language;
  const filtered = !!(filter.q || filter.sector || filter.area || filter.offers);
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("issues:units.title")}</h1>
        {street ? (
          <p className="mt-1 text-ink-muted">{t("issues:units.lead", { street: localized(lang, street.nameZh, street.nameEn) })}</p>
        ) : null}
      </div>
      <Form method="get" role="search" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <div className="sm:col-span-2 lg:col-span-1">
          <label htmlFor="units-q" className="field-label">
            {t("directory.search")}
          </label>
          <input
            id="units-q"
            name="q"
            type="search"
            maxLength={60}
            defaultValue={filter.q}
            className="field-input"
            placeholder={t("directory.search_hint")}
          />
        </div>
        <div>
          <label htmlFor="units-sector" className="field-label">
            {t("directory.sector")}
          </label>
          <select id="units-sector" name="sector" defaultValue={filter.sector ?? ""} className="field-input">
            <option value="">{t("directory.any")}</option>
            {SECTOR_GROUPS.map((group) => (
              <option key={group} value={group}>
                {t(`issues:units.sector.${group}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="units-area" className="field-label">
            {t("directory.area")}
          </label>
          <select id="units-area" name="area" defaultValue={filter.area ?? ""} className="field-input">
            <option value="">{t("directory.any")}</option>
            {areas.map((area) => (
              <option key={area.id} value={area.id}>
                {localized(lang, area.nameZh, area.nameEn)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="units-offers" className="field-label">
            {t("directory.offers")}
          </label>
          <select id="units-offers" name="offers" defaultValue={filter.offers ?? ""} className="field-input">
            <option value="">{t("directory.any")}</option>
            {LIST_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`category.${category}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary">
            {t("directory.apply")}
          </button>
          {filtered ? (
            <Link to="/units" className="btn-secondary">
              {t("directory.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="text-ink-muted" role="status">
        {filtered ? t("directory.found", { count: units.length, total }) : t("directory.all", { count: total })}
      </p>
      {SECTOR_GROUPS.map((group) => {
        const inGroup = units.filter((u) => u.sectorGroup === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`group-${group}`} className="space-y-3">
            <h2 id={`group-${group}`}>
              {t(`issues:units.sector.${group}`)} <span className="text-base font-normal text-ink-muted">({inGroup.length})</span>
            </h2>
            <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
              {inGroup.map((unit) => (
                <li key={unit.id} className="card">
                  <Link to={`/units/${unit.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                    {localized(lang, unit.nameZh, unit.nameEn)}
                  </Link>
                  <p className="text-sm text-ink-muted">
                    {t(`issues:units.kind.${unit.kind}`)}
                    {unit.area ? ` · ${localized(lang, unit.area.nameZh, unit.area.nameEn)}` : ""}
                    {unit.community ? ` · ${localized(lang, unit.community.nameZh, unit.community.nameEn)}` : ""}
                  </p>
                  {unit.offers.length > 0 ? (
                    <p className="mt-2">
                      <span className="text-ink-muted">{t("directory.offers_label")}</span>
                      {unit.offers.map((offer) => localized(lang, offer.titleZh, offer.titleEn)).join("、")}
                    </p>
                  ) : null}
                  <dl className="mt-2 grid grid-cols-3 gap-2 text-center text-sm">
                    <div className="rounded-lg bg-stone-50 p-2">
                      <dt className="text-ink-muted">{t("issues:units.open_items")}</dt>
                      <dd className="text-lg font-semibold">{unit.openActionItems}</dd>
                    </div>
                    <div className="rounded-lg bg-stone-50 p-2">
                      <dt className="text-ink-muted">{t("issues:units.done_items")}</dt>
                      <dd className="text-lg font-semibold">{unit.doneActionItems}</dd>
                    </div>
                    <div className="rounded-lg bg-stone-50 p-2">
                      <dt className="text-ink-muted">{t("issues:units.satisfaction")}</dt>
                      <dd className="text-lg font-semibold">
                        {unit.satisfactionRate === null ? "–" : formatPercent(unit.satisfactionRate, lang)}
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
