import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Chart, Downloads, RatesTable, Section, issuesQuery, useNumberFormat, usePercent } from "../components/figures/dashboard-parts";
import { PeriodForm } from "../components/figures/period-form";
import { MonthTable, UnitsTable } from "../components/figures/tables";
import { forbidden } from "../domain/errors";
import { streetDashboard } from "../domain/figures/figures.server";
import { localized } from "../i18n/config";
import { translatorFor } from "../i18n/i18next.server";
import { dashboardQuery } from "../web/dashboard-query.server";
import { funnelOfCounts, raisedResolvedChart, unitsChart } from "../web/figures-charts.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

export const handle = { i18n: ["common", "figures"] };

export const meta: MetaFunction = () => [{ title: "街道看板 Street figures · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  if (!user.streetAdminOfId) throw forbidden("figures:dashboard.no_street");
  const { period, sort } = dashboardQuery(request, context.clock.now());
  const { language, t } = await translatorFor(request, "figures");
  const data = await streetDashboard(context.db, context.clock, user, user.streetAdminOfId, period, sort, language);
  const [communities, trend, units, funnel] = await Promise.all([
    raisedResolvedChart(data.communities, "communities", t, language),
    raisedResolvedChart(
      data.trend.map((m) => ({ name: m.month, counts: m.counts })),
      "trend",
      t,
      language,
    ),
    unitsChart(data.units, t, language),
    funnelOfCounts(data.funnel, t, language),
  ]);
  return { ...data, charts: { communities, trend, units, funnel } };
});

export default function StreetDashboardPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("figures");
  const lang = i18n.language;
  const percent = usePercent();
  const number = useNumberFormat();
  const { period, sort } = data;
  const hrefForSort = (key: string, descending: boolean) =>
    `?${new URLSearchParams({ sort: key, dir: descending ? "desc" : "asc", from: period.fromMonth, to: period.toMonth }).toString()}`;
  const exportQuery = new URLSearchParams({
    sort: sort.key,
    dir: sort.descending ? "desc" : "asc",
    from: period.fromMonth,
    to: period.toMonth,
  }).toString();
  const communityIssues = (slug: string, filter: "raised" | "resolved" | "overdue") => `/c/${slug}/issues?${issuesQuery(period, filter)}`;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-2">
        <h1>{t("dashboard.street_title", { street: localized(lang, data.street.nameZh, data.street.nameEn) })}</h1>
        <p className="text-ink-muted">{t("dashboard.lead")}</p>
        <PeriodForm period={period} keep={{ sort: sort.key, dir: sort.descending ? "desc" : "asc" }} />
      </div>

      <Section title={t("dashboard.totals")} id="totals">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(
            [
              ["raised", number(data.total.counts.raised)],
              ["response_rate", percent(data.total.rates.responseRate)],
              ["resolution_rate", percent(data.total.rates.resolutionRate)],
              ["satisfaction_rate", percent(data.total.rates.satisfactionRate)],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-lg bg-stone-50 p-3">
              <dt className="text-sm text-ink-muted">{t(`dashboard.${key}`)}</dt>
              <dd className="text-2xl font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section title={t("dashboard.communities")} id="communities">
        <Chart
          chart={data.charts.communities.chart}
          summary={data.charts.communities.summary}
          testId="chart-communities"
          links={data.communities.map((c) => ({
            href: communityIssues(c.key, "raised"),
            label: t("dashboard.issues_of", { label: `${c.name} · ${t("dashboard.raised")} ${c.counts.raised}` }),
          }))}
        />
        <RatesTable
          caption={t("dashboard.communities")}
          rows={data.communities}
          nameHeading={t("dashboard.community")}
          nameCell={(row) => (
            <Link to={`/dashboard?c=${row.key}&from=${period.fromMonth}&to=${period.toMonth}`} className="underline underline-offset-2">
              {row.name}
            </Link>
          )}
          issuesHref={(row, filter) => communityIssues(row.key, filter)}
          sort={sort}
          hrefForSort={hrefForSort}
          extraHeadings={[t("dashboard.held"), t("dashboard.turnout"), t("dashboard.decisions"), t("dashboard.carried_out")]}
          extraCells={(row) => (
            <>
              <td className="px-2 py-2">{number(row.meetings.held)}</td>
              <td className="px-2 py-2">{percent(row.meetings.turnout)}</td>
              <td className="px-2 py-2">{number(row.meetings.decisions)}</td>
              <td className="px-2 py-2">{number(row.meetings.carriedOut)}</td>
            </>
          )}
        />
        <Downloads path="/street/export" query={exportQuery} table="communities" title={t("dashboard.communities")} />
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={t("dashboard.trend")} id="trend">
          <Chart chart={data.charts.trend.chart} summary={data.charts.trend.summary} />
          <MonthTable trend={data.trend} />
          <Downloads path="/street/export" query={exportQuery} table="months" title={t("dashboard.trend")} />
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
        <Downloads path="/street/export" query={exportQuery} table="units" title={t("dashboard.units")} />
      </Section>
    </div>
  );
}
