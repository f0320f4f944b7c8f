import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  Chart,
  Downloads,
  RatesTable,
  Section,
  issuesQuery,
  useDuration,
  useNumberFormat,
  usePercent,
} from "../components/figures/dashboard-parts";
import { PeriodForm } from "../components/figures/period-form";
import { MonthTable, UnitsTable } from "../components/figures/tables";
import { requireCommunityBySlug } from "../domain/communities/community-list.server";
import { communityDashboard } from "../domain/figures/figures.server";
import { localized } from "../i18n/config";
import { translatorFor } from "../i18n/i18next.server";
import { requireMemberCommunity } from "../web/community.server";
import { dashboardQuery } from "../web/dashboard-query.server";
import { funnelOfCounts, raisedResolvedChart, unitsChart } from "../web/figures-charts.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

export const handle = { i18n: ["common", "figures"] };

export const meta: MetaFunction = () => [{ title: "数据看板 Dashboard · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { filters, period, sort } = dashboardQuery(request, context.clock.now());
  // Staff see the community they work in; the street admin drills down to any community of the street (?c=).
  const { user, community } = filters.c
    ? { user: await requireUser(request), community: await requireCommunityBySlug(context.db, filters.c) }
    : await requireMemberCommunity(request, context.db);
  const { language, t } = await translatorFor(request, "figures");
  const data = await communityDashboard(context.db, context.clock, user, community, period, { gridCode: filters.grid, sort, language });
  const [grids, categories, trend, units, funnel] = await Promise.all([
    data.grids.length > 0 ? raisedResolvedChart(data.grids, "grids", t, language) : null,
    raisedResolvedChart(data.categories, "categories", t, language),
    raisedResolvedChart(
      data.trend.map((m) => ({ name: m.month, counts: m.counts })),
      "trend",
      t,
      language,
    ),
    unitsChart(data.units, t, language),
    funnelOfCounts(data.funnel, t, language),
  ]);
  return {
    ...data,
    drilled: !!filters.c,
    isStreetAdmin: user.streetAdminOfId === community.streetId,
    charts: { grids, categories, trend, units, funnel },
  };
});

export default function CommunityDashboardPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("figures");
  const lang = i18n.language;
  const percent = usePercent();
  const number = useNumberFormat();
  const duration = useDuration();
  const { period, sort, community, grid } = data;
  const here = { c: data.drilled ? community.slug : undefined, grid: grid?.code };
  const pageQuery = (extra: Record<string, string | undefined>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...here, from: period.fromMonth, to: period.toMonth, ...extra }))
      if (value) query.set(key, value);
    return `?${query.toString()}`;
  };
  const hrefForSort = (key: string, descending: boolean) => pageQuery({ sort: key, dir: descending ? "desc" : "asc" });
  const issues = (filter: "raised" | "resolved" | "overdue", extra: Record<string, string> = {}) =>
    `/c/${community.slug}/issues?${issuesQuery(period, filter, { ...(grid ? { grid: grid.code } : {}), ...extra })}`;
  const monthIssues = (month: string) =>
    `/c/${community.slug}/issues?${new URLSearchParams({ ...(grid ? { grid: grid.code } : {}), from: month, to: month }).toString()}`;
  const exportQuery = pageQuery({ sort: sort.key, dir: sort.descending ? "desc" : "asc" }).slice(1);
  const communityName = localized(lang, community.nameZh, community.nameEn);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-2">
        <h1>
          {grid
            ? t("dashboard.grid_title", { community: communityName, grid: localized(lang, grid.nameZh, grid.nameEn) })
            : t("dashboard.title", { community: communityName })}
        </h1>
        <p className="text-ink-muted">{t("dashboard.lead")}</p>
        <p className="flex flex-wrap gap-4">
          {grid ? (
            <Link to={pageQuery({ grid: "" })} className="inline-flex min-h-[44px] items-center underline underline-offset-2">
              {t("dashboard.back_community")}
            </Link>
          ) : null}
          {data.isStreetAdmin ? (
            <Link
              to={`/street?from=${period.fromMonth}&to=${period.toMonth}`}
              className="inline-flex min-h-[44px] items-center underline underline-offset-2"
            >
              {t("dashboard.back_street")}
            </Link>
          ) : null}
        </p>
        <PeriodForm period={period} keep={{ ...here, sort: sort.key, dir: sort.descending ? "desc" : "asc" }} />
      </div>

      <Section title={t("dashboard.totals")} id="totals">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(
            [
              ["raised", number(data.total.counts.raised), issues("raised")],
              ["response_rate", percent(data.total.rates.responseRate), null],
              ["median_response", duration(data.total.medianResponseHours, "hours"), null],
              ["resolution_rate", percent(data.total.rates.resolutionRate), issues("resolved")],
              ["median_resolution", duration(data.total.medianResolutionDays, "days"), null],
              ["satisfaction_rate", percent(data.total.rates.satisfactionRate), null],
              ["reopen_rate", percent(data.total.rates.reopenRate), null],
              ["overdue", number(data.total.counts.overdue), issues("overdue")],
            ] as const
          ).map(([key, value, href]) => (
            <div key={key} className="rounded-lg bg-stone-50 p-3">
              <dt className="text-sm text-ink-muted">{t(`dashboard.${key}`)}</dt>
              <dd className="text-2xl font-semibold">
                {href ? (
                  <Link to={href} className="underline underline-offset-2">
                    {value}
                  </Link>
                ) : (
                  value
                )}
              </dd>
            </div>
          ))}
        </dl>
        {data.meetings ? (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label={t("dashboard.meetings")}>
            {(
              [
                ["held", number(data.meetings.held)],
                ["turnout", percent(data.meetings.turnout)],
                ["decisions", number(data.meetings.decisions)],
                ["carried_out", number(data.meetings.carriedOut)],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="rounded-lg bg-stone-50 p-3">
                <dt className="text-sm text-ink-muted">{t(`dashboard.${key}`)}</dt>
                <dd className="text-2xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </Section>

      {data.charts.grids ? (
        <Section title={t("dashboard.grids")} id="grids">
          <Chart
            chart={data.charts.grids.chart}
            summary={data.charts.grids.summary}
            testId="chart-grids"
            links={data.grids.map((g) => ({
              href: issues("raised", { grid: g.key }),
              label: t("dashboard.issues_of", { label: `${g.name} · ${t("dashboard.raised")} ${g.counts.raised}` }),
            }))}
          />
          <RatesTable
            caption={t("dashboard.grids")}
            rows={data.grids}
            nameHeading={t("dashboard.grid")}
            nameCell={(row) => (
              <Link to={pageQuery({ grid: row.key })} className="underline underline-offset-2">
                {row.name}
              </Link>
            )}
            issuesHref={(row, filter) => issues(filter, { grid: row.key })}
            sort={sort}
            hrefForSort={hrefForSort}
          />
          <Downloads path="/dashboard/export" query={exportQuery} table="grids" title={t("dashboard.grids")} />
        </Section>
      ) : null}

      <Section title={t("dashboard.categories")} id="categories">
        {data.categories.length > 0 ? (
          <>
            <Chart
              chart={data.charts.categories.chart}
              summary={data.charts.categories.summary}
              testId="chart-categories"
              links={data.categories.map((c) => ({
                href: issues("raised", { category: c.key }),
                label: t("dashboard.issues_of", { label: `${c.name} · ${t("dashboard.raised")} ${c.counts.raised}` }),
              }))}
            />
            <RatesTable
              caption={t("dashboard.categories")}
              rows={data.categories}
              nameHeading={t("dashboard.category")}
              nameCell={(row) => row.name}
              issuesHref={(row, filter) => issues(filter, { category: row.key })}
            />
            <Downloads path="/dashboard/export" query={exportQuery} table="categories" title={t("dashboard.categories")} />
          </>
        ) : (
          <p className="text-ink-muted">{t("dashboard.no_data")}</p>
        )}
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={t("dashboard.trend")} id="trend">
          <Chart
            chart={data.charts.trend.chart}
            summary={data.charts.trend.summary}
            testId="chart-trend"
            links={data.trend.map((m) => ({
              href: monthIssues(m.month),
              label: t("dashboard.issues_of", { label: `${m.month} · ${t("dashboard.raised")} ${m.counts.raised}` }),
            }))}
          />
          <MonthTable trend={data.trend} />
          <Downloads path="/dashboard/export" query={exportQuery} table="months" title={t("dashboard.trend")} />
        </Section>
        <Section title={t("dashboard.funnel")} id="funnel">
          <Chart chart={data.charts.funnel.chart} summary={data.charts.funnel.summary} />
          <table className="whitespace-nowrap text-sm">
            <caption className="sr-only">{t("dashboard.funnel")}</caption>
            <tbody>
              {data.funnel.map((s) => (
                <tr key={s.step}>
                  <th scope="row" className="px-2 py-1 text-left font-medium">
                    {t(`dashboard.funnel_steps.${s.step}`)}
                  </th>
                  <td className="px-2 py-1">{number(s.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      </div>

      <Section title={t("dashboard.units")} id="units">
        {data.units.length > 0 ? <Chart chart={data.charts.units.chart} summary={data.charts.units.summary} /> : null}
        <UnitsTable units={data.units} />
        <Downloads path="/dashboard/export" query={exportQuery} table="units" title={t("dashboard.units")} />
      </Section>
    </div>
  );
}
