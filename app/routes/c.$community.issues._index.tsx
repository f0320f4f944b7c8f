import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IssueStatusBadge } from "../components/issue-list";
import { IssueFlags } from "../components/issues/issue-flags";
import { Pagination } from "../components/issues/pagination";
import { StatCard } from "../components/stat-card";
import { issuePath } from "../domain/issues/links";
import { issueListPage } from "../domain/issues/list-page.server";
import { localized } from "../i18n/config";
import { formatDateTime, formatNumber } from "../infra/time";
import { STATUS_FILTERS, parseListQuery } from "../schemas/issues";
import { slug } from "../schemas/params";
import { param } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { getCurrentUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "figures", "issues"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.community.nameZh} · 事项公开 Issues · 议事 Yishi` : "议事 Yishi" },
];

/** The transparency page: anyone may read it, no sign-in. Reporters are never named here. */
/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const loader = defineLoader(async ({ request, params, context }) => {
  const communitySlug = param(params, "community", slug);
  const filters = parseListQuery(new URL(request.url).searchParams);
  return issueListPage(context.db, context.clock, await getCurrentUser(request), communitySlug, filters);
});

export default function PublicIssueList() {
  const { community, filters, list, stats, options, canExport } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  const [searchParams] = useSearchParams();
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const csvQuery = new URLSearchParams(searchParams);
  csvQuery.delete("page");
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("list.title", { community: localized(lang, community.nameZh, community.nameEn) })}</h1>
        <p className="mt-1 text-ink-muted">{t("list.lead")}</p>
      </div>
      <section aria-label={t("list.stats")} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatCard label={t("list.open_count")} value={stats.open} />
        <StatCard label={t("list.resolved_this_month")} value={stats.resolvedThisMonth} />
        <div className="card">
          <p className="text-3xl font-bold">{stats.medianDaysToResolve === null ? "–" : formatNumber(stats.medianDaysToResolve, lang)}</p>
          <p className="text-ink-muted">{t("list.median_days")}</p>
        </div>
      </section>

      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" role="search" aria-label={t("list.filters")}>
        <div className="sm:col-span-2 lg:col-span-3">
          <label htmlFor="q" className="field-label">
            {t("list.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            className="field-input"
            placeholder={t("list.search_placeholder")}
          />
        </div>
        <FilterSelect
          id="status"
          label={t("list.status")}
          value={filters.status}
          options={STATUS_FILTERS.map((s) => ({
            value: s,
            label: t(`list.status_filter.${s}`, { defaultValue: t(`common:issue_status.${s}`) }),
          }))}
        />
        <FilterSelect
          id="category"
          label={t("list.category")}
          value={filters.category}
          options={options.categories.map((c) => ({ value: c.key, label: localized(lang, c.nameZh, c.nameEn) }))}
        />
        <FilterSelect
          id="grid"
          label={t("list.grid")}
          value={filters.grid}
          options={options.grids.map((g) => ({ value: g.code, label: `${g.code} ${localized(lang, g.nameZh, g.nameEn)}` }))}
        />
        <FilterSelect
          id="unit"
          label={t("list.unit")}
          value={filters.unit}
          options={options.units.map((u) => ({ value: u.id, label: localized(lang, u.nameZh, u.nameEn) }))}
        />
        {filters.from || filters.to ? (
          <p className="self-end font-medium" data-testid="raised-period">
            {filters.from ? <input type="hidden" name="from" value={filters.from} /> : null}
            {filters.to ? <input type="hidden" name="to" value={filters.to} /> : null}
            {t("figures:list_period", { from: filters.from ?? "…", to: filters.to ?? "…" })}
          </p>
        ) : null}
        <label className="flex min-h-[44px] items-center gap-2 self-end font-medium">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} className="h-5 w-5" />
          {t("list.overdue_only")}
        </label>
        <div className="flex flex-wrap items-end gap-2">
          <button type="submit" className="btn-primary">
            {t("list.apply")}
          </button>
          <Link to="?" className="btn-secondary">
            {t("list.clear")}
          </Link>
        </div>
      </Form>

      <section aria-labelledby="results-heading" className="card">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="results-heading">{t("list.results", { count: list.total })}</h2>
          {canExport ? (
            <a href={`/c/${community.slug}/issues.csv?${csvQuery.toString()}`} className="btn-secondary" download>
              {t("list.export_csv")}
            </a>
          ) : null}
        </div>
        {list.issues.length === 0 ? (
          <p className="mt-3 text-ink-muted">{t("list.empty")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200">
            {list.issues.map((issue) => (
              <li key={issue.id} className="py-3">
                <Link to={issuePath(community.slug, issue.number)} className="block rounded-lg hover:bg-stone-50">
                  <span className="text-ink-muted">#{issue.number}</span>{" "}
                  <span className="font-semibold text-brand-700 underline-offset-2 hover:underline">{issue.title}</span>
                </Link>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-ink-muted">
                  <IssueStatusBadge status={issue.status} />
                  <IssueFlags flags={issue.flags} />
                  <span>{localized(lang, issue.category.nameZh, issue.category.nameEn)}</span>
                  {issue.grid ? <span>· {issue.grid.code}</span> : null}
                  <span>
                    · <time dateTime={new Date(issue.createdAt).toISOString()}>{formatDateTime(issue.createdAt, lang, false)}</time>
                  </span>
                  {issue.meTooCount > 0 ? <span>· {t("issue.me_too_count", { count: issue.meTooCount })}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={filters.page} pages={list.pages} hrefFor={hrefFor} />
      </section>
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  options,
}: {
  id: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation("issues");
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ""} className="field-input">
        <option value="">{t("list.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
