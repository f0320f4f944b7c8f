import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IssueList } from "../components/issue-list";
import { StatCard } from "../components/stat-card";
import { homePage } from "../domain/home/home-page.server";
import { issueListPath } from "../domain/issues/links";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { currentCommunity, viewerCommunities } from "../web/community.server";
import { defineLoader } from "../web/route.server";
import { getCurrentUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common"] };

export const meta: MetaFunction = () => [{ title: "议事 Yishi" }];

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const loader = defineLoader(async ({ request, context }) => {
  const viewer = await getCurrentUser(request);
  const community = viewer ? await currentCommunity(request, await viewerCommunities(request, context.db, viewer)) : null;
  return homePage(context.db, context.clock, viewer, community);
});

export default function HomePage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();

  if (data.kind === "public") {
    return (
      <div className="space-y-8">
        <section className="rounded-2xl bg-brand-600 p-6 text-white sm:p-10">
          <h1 className="text-3xl sm:text-4xl">{t("home.public.title")}</h1>
          <p className="mt-3 max-w-2xl text-lg text-brand-50">{t("home.public.lead")}</p>
          <ol className="mt-6 grid gap-3 sm:grid-cols-3">
            {(["raise", "deliberate", "decide"] as const).map((step, index) => (
              <li key={step} className="rounded-xl bg-brand-700 p-4">
                <span className="text-sm text-brand-100">{t("home.public.step", { n: index + 1 })}</span>
                <p className="text-lg font-semibold">{t(`home.public.steps.${step}`)}</p>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="communities-heading">
          <h2 id="communities-heading">{t("home.public.communities")}</h2>
          <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {data.communities.map((c) => (
              <li key={c.id}>
                <Link to={issueListPath(c.slug)} className="card block hover:border-brand-600">
                  <p className="text-lg font-semibold text-brand-700 underline-offset-4 hover:underline">
                    {localized(i18n.language, c.nameZh, c.nameEn)}
                  </p>
                  <p className="text-ink-muted">{t("home.public.issue_count", { count: c.issues })}</p>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    );
  }

  if (data.kind === "no-community") {
    return (
      <div className="card">
        <h1>{t("home.greeting", { name: data.displayName })}</h1>
        <p className="mt-2">{t("home.no_community")}</p>
      </div>
    );
  }

  const { summary, community } = data;
  return (
    <div className="space-y-8">
      <div>
        <h1>{t("home.greeting", { name: data.displayName })}</h1>
        <p className="mt-1 text-ink-muted">
          {localized(i18n.language, community.nameZh, community.nameEn)} · {summary.roles.map((role) => t(`roles.${role}`)).join(" / ")}
        </p>
      </div>

      {summary.staff ? (
        <section aria-labelledby="staff-heading" className="space-y-4">
          <h2 id="staff-heading">{t("home.staff.heading")}</h2>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
            <StatCard label={t("home.staff.awaiting_triage")} value={summary.staff.awaitingTriage} to="/triage" />
            <StatCard
              label={t("home.staff.escalated_overdue")}
              value={summary.staff.escalatedOverdue}
              alert={summary.staff.escalatedOverdue > 0}
              to={`${issueListPath(community.slug)}?overdue=1`}
            />
            <StatCard
              label={t("home.staff.action_items_overdue")}
              value={summary.staff.actionItemsOverdue}
              alert={summary.staff.actionItemsOverdue > 0}
              to={`${issueListPath(community.slug)}?overdue=1`}
            />
            <StatCard label={t("home.staff.open")} value={summary.staff.open} to={issueListPath(community.slug)} />
            <StatCard label={t("home.staff.resolved_this_month")} value={summary.staff.resolvedThisMonth} />
          </div>
          <IssueList title={t("home.staff.recent")} issues={summary.staff.recent} empty={t("home.empty.issues")} />
        </section>
      ) : null}

      {summary.unit ? (
        <section aria-labelledby="unit-heading" className="space-y-4">
          <h2 id="unit-heading">{t("home.unit.heading", { unit: localized(i18n.language, summary.unit.nameZh, summary.unit.nameEn) })}</h2>
          <div className="grid grid-cols-2 gap-3">
            <StatCard label={t("home.unit.open_action_items")} value={summary.unit.openActionItems} />
            <StatCard
              label={t("home.unit.awaiting_acknowledgement")}
              value={summary.unit.awaitingAcknowledgement.length}
              alert={summary.unit.awaitingAcknowledgement.length > 0}
            />
          </div>
          <IssueList title={t("home.unit.escalations")} issues={summary.unit.awaitingAcknowledgement} empty={t("home.empty.escalations")} />
        </section>
      ) : null}

      {summary.gridIssues ? <IssueList title={t("home.grid.heading")} issues={summary.gridIssues} empty={t("home.empty.issues")} /> : null}

      {summary.myIssues ? <IssueList title={t("home.mine.heading")} issues={summary.myIssues} empty={t("home.empty.my_issues")} /> : null}

      <section aria-labelledby="meetings-heading" className="card">
        <h2 id="meetings-heading">{t("home.meetings.heading")}</h2>
        {summary.upcomingMeetings && summary.upcomingMeetings.length > 0 ? (
          <ul className="mt-3 divide-y divide-stone-200">
            {summary.upcomingMeetings.map((m) => (
              <li key={m.id} className="py-3">
                <Link to={`/c/${community.slug}/meetings/${m.id}`} className="font-semibold underline-offset-4 hover:underline">
                  {m.title}
                </Link>
                <p className="text-ink-muted">
                  {t(`meeting_forms.${m.form}`)} · {formatDateTime(m.startsAt, i18n.language)} · {m.place}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-ink-muted">{t("home.empty.meetings")}</p>
        )}
      </section>

      {summary.roles.includes("expert") ? <p className="card text-ink-muted">{t("home.expert.note")}</p> : null}
    </div>
  );
}
