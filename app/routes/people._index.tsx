import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatAddress } from "../components/people/address";
import { residentRoll } from "../domain/people/roll.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { pageNumber } from "../schemas/params";
import { requireMemberCommunity } from "../web/community.server";
import { parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["people", "enrol"] };

export const meta: MetaFunction = () => [{ title: "居民名册 Residents · 议事 Yishi" }];

const RollQuery = z.object({ q: z.string().max(200).optional(), page: pageNumber() });

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const { q, page } = parseSearchParams(request, RollQuery);
  const roll = await residentRoll(context.db, user, community, { query: q, page });
  return { community, roll, query: q ?? "" };
});

export default function PeoplePage() {
  const { community, roll, query } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("people");
  const { t: te } = useTranslation("enrol");
  const lang = i18n.language;
  const pageLink = (page: number) => `?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(page) })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1>{t("roll.title")}</h1>
          <p className="mt-1 text-ink-muted">{localized(lang, community.nameZh, community.nameEn)}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to="/people/verify" className="btn-secondary">
            {te("queue.link")}
          </Link>
          <Link to="/people/deletions" className="btn-secondary">
            {te("deletions.link")}
          </Link>
          <Link to="/people/import" className="btn-primary">
            {t("roll.import")}
          </Link>
        </div>
      </div>
      <p>
        {t("roll.summary", { total: roll.total, count: roll.total })} {t("roll.not_activated", { count: roll.notActivated })}
      </p>

      {roll.imports.length > 0 ? (
        <section className="card" aria-labelledby="imports-heading">
          <h2 id="imports-heading">{t("roll.recent_imports")}</h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {roll.imports.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link to={`/people/import/${item.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {item.fileName}
                </Link>
                <span className="text-sm text-ink-muted">
                  {formatDateTime(item.createdAt, lang)} · {t(`import.status.${item.status === "applied" ? "applied" : "preview"}`)}
                  {item.status === "applied" ? ` · ${t("import.created_count", { count: item.createdCount })}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div className="grow">
          <label htmlFor="q" className="field-label">
            {t("roll.search")}
          </label>
          <input id="q" name="q" defaultValue={query} className="field-input" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("roll.search_submit")}
        </button>
      </Form>

      {roll.entries.length === 0 ? <p className="text-ink-muted">{t("roll.empty")}</p> : null}
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {roll.entries.map((entry) => (
          <li key={entry.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
            <div>
              <p className="font-semibold">
                <Link to={`/people/${entry.id}`} className="text-brand-700 underline underline-offset-2">
                  {entry.name}
                </Link>
                {entry.isResidentRep ? <span className="badge ml-2 bg-brand-50 text-brand-800">{t("roll.representative")}</span> : null}
                {entry.needsActivation ? (
                  <span className="badge ml-2 bg-amber-100 text-amber-900">{t("roll.awaiting_activation")}</span>
                ) : null}
                {entry.verification !== "verified" ? (
                  <span className="badge ml-2 bg-amber-100 text-amber-900">{te(`state.${entry.verification}`)}</span>
                ) : null}
              </p>
              <p className="text-sm text-ink-muted">
                {[entry.gridCode, formatAddress(t, entry.address), entry.phone, t("roll.username", { username: entry.username })]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </div>
            <Form method="post" action="/people/letters">
              <input type="hidden" name="userId" value={entry.id} />
              <button type="submit" className="btn-secondary">
                {entry.needsActivation ? t("roll.print_letter") : t("roll.reset_letter")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {roll.pages > 1 ? (
        <nav aria-label={t("roll.pages")} className="flex flex-wrap items-center gap-3">
          {roll.page > 1 ? (
            <Link to={pageLink(roll.page - 1)} className="btn-secondary">
              {t("roll.previous")}
            </Link>
          ) : null}
          <span>{t("roll.page_of", { page: roll.page, pages: roll.pages })}</span>
          {roll.page < roll.pages ? (
            <Link to={pageLink(roll.page + 1)} className="btn-secondary">
              {t("roll.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
