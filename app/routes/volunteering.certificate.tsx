import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { certificate } from "../domain/volunteering/duties.server";
import { chinaYearOf, hoursOf } from "../domain/volunteering/rules";
import { localized } from "../i18n/config";
import { formatDateTime, formatNumber } from "../infra/time";
import certificateStylesheet from "../styles/certificate.css?url";
import { CertificateQuery } from "../schemas/volunteering";
import { parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "volunteering"], ownPrintLayout: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateStylesheet }];

export const meta: MetaFunction = () => [{ title: "志愿服务证明 Volunteer certificate · 议事 Yishi" }];

/** A person's own certificate for one calendar year (China time): their confirmed hours, printable on A4. */
export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  const thisYear = chinaYearOf(context.clock.now());
  const { year } = parseSearchParams(request, CertificateQuery);
  const chosen = year && year <= thisYear ? year : thisYear;
  return { ...(await certificate(context.db, user, chosen)), thisYear, issuedAt: context.clock.now() };
});

export default function CertificatePage() {
  const { year, name, units, communities, totalMinutes, duties, thisYear, issuedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("volunteering");
  const lang = i18n.language;
  const hours = (minutes: number) => t("hours_value", { hours: formatNumber(hoursOf(minutes), lang) });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav className="no-print flex flex-wrap items-center gap-3" aria-label={t("certificate.years")}>
        <Link to="/volunteering" className="underline underline-offset-2">
          {t("volunteering.title")}
        </Link>
        {[thisYear - 2, thisYear - 1, thisYear].map((y) => (
          <Link
            key={y}
            to={`?year=${y}`}
            className={y === year ? "font-bold" : "underline underline-offset-2"}
            aria-current={y === year ? "page" : undefined}
          >
            {y}
          </Link>
        ))}
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {t("certificate.print")}
        </button>
      </nav>
      <article className="certificate card border-4 border-double border-amber-800 p-6 text-center sm:p-10">
        <h1 className="text-3xl tracking-widest">{t("certificate.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("certificate.year", { year })}</p>
        <p className="mt-6 text-lg leading-relaxed">
          {t("certificate.body", {
            name,
            year,
            hours: formatNumber(hoursOf(totalMinutes), lang),
            count: duties.length,
          })}
        </p>
        {units.length > 0 ? (
          <p className="mt-2">{t("certificate.unit", { units: units.map((u) => localized(lang, u.nameZh, u.nameEn)).join("、") })}</p>
        ) : null}
        {duties.length > 0 ? (
          <table className="mt-6 w-full text-start">
            <caption className="sr-only">{t("certificate.duties")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-1 text-start">
                  {t("certificate.date")}
                </th>
                <th scope="col" className="py-1 text-start">
                  {t("certificate.post")}
                </th>
                <th scope="col" className="py-1 text-end">
                  {t("certificate.hours")}
                </th>
              </tr>
            </thead>
            <tbody>
              {duties.map((d) => (
                <tr key={d.id} className="border-b border-stone-200">
                  <td className="py-1 text-start">{formatDateTime(d.servedAt, lang, false)}</td>
                  <td className="py-1 text-start">{localized(lang, d.post.titleZh, d.post.titleEn)}</td>
                  <td className="py-1 text-end">{hours(d.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-6 text-ink-muted">{t("certificate.none")}</p>
        )}
        <p className="mt-8 text-end">
          {communities.map((c) => `${localized(lang, c.street.nameZh, c.street.nameEn)} ${localized(lang, c.nameZh, c.nameEn)}`).join("、")}
        </p>
        <p className="text-end text-ink-muted">{t("certificate.issued", { date: formatDateTime(issuedAt, lang, false) })}</p>
      </article>
    </div>
  );
}
