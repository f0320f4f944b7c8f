import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SECTOR_GROUPS } from "../domain/roles";
import { unitDirectoryPage } from "../domain/units/directory.server";
import { localized } from "../i18n/config";
import { formatPercent } from "../infra/time";
import { chosenCommunitySlug } from "../web/community.server";
import { defineLoader } from "../web/route.server";
import { getCurrentUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["issues"] };

export const meta: MetaFunction = () => [{ title: "共建单位 Units · 议事 Yishi" }];

/** Public directory of participating units, by sector group, with residents' satisfaction with their work. */
export const loader = defineLoader(async ({ request, context }) =>
  unitDirectoryPage(context.db, await getCurrentUser(request), await chosenCommunitySlug(request)),
);

export default function UnitsPage() {
  const { street, units } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  const percent = { format: (fraction: number) => formatPercent(fraction, lang) };
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("units.title")}</h1>
        {street ? (
          <p className="mt-1 text-ink-muted">{t("units.lead", { street: localized(lang, street.nameZh, street.nameEn) })}</p>
        ) : null}
      </div>
      {SECTOR_GROUPS.map((group) => {
        const inGroup = units.filter((u) => u.sectorGroup === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`group-${group}`} className="space-y-3">
            <h2 id={`group-${group}`}>
              {t(`units.sector.${group}`)} <span className="text-base font-normal text-ink-muted">({inGroup.length})</span>
            </h2>
            <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
              {inGroup.map((unit) => (
                <li key={unit.id} className="card">
                  <p className="font-semibold">{localized(lang, unit.nameZh, unit.nameEn)}</p>
                  <p className="text-sm text-ink-muted">
                    {t(`units.kind.${unit.kind}`)}
                    {unit.area ? ` · ${localized(lang, unit.area.nameZh, unit.area.nameEn)}` : ""}
                    {unit.community ? ` · ${localized(lang, unit.community.nameZh, unit.community.nameEn)}` : ""}
                  </p>
                  <dl className="mt-2 grid grid-cols-3 gap-2 text-center text-sm">
                    <div className="rounded-lg bg-stone-50 p-2">
                      <dt className="text-ink-muted">{t("units.open_items")}</dt>
                      <dd className="text-lg font-semibold">{unit.openActionItems}</dd>
                    </div>
                    <div className="rounded-lg bg-stone-50 p-2">
                      <dt className="text-ink-muted">{t("units.done_items")}</dt>
                      <dd className="text-lg font-semibold">{unit.doneActionItems}</dd>
                    </div>
                    <div className="rounded-lg bg-stone-50 p-2">
                      <dt className="text-ink-muted">{t("units.satisfaction")}</dt>
                      <dd className="text-lg font-semibold">
                        {unit.satisfactionRate === null ? "–" : percent.format(unit.satisfactionRate)}
                      </dd>
                    </div>
                  </dl>
                  {unit.answers > 0 ? <p className="mt-1 text-sm text-ink-muted">{t("units.answers", { count: unit.answers })}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
