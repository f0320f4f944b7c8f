import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { STATUS_TONE } from "../components/meetings/format";
import { StatCard } from "../components/stat-card";
import { communityFrontPage } from "../domain/communities/front-page.server";
import { issueListPath } from "../domain/issues/links";
import { localized } from "../i18n/config";
import { formatDateTime, formatNumber } from "../infra/time";
import { slug } from "../schemas/params";
import { param } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.community.nameZh} ${data.community.nameEn}` : "社区"} · 议事 Yishi` },
];

/** A community's public front door (see communityFrontPage). No sign-in; no personal data. */
/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const loader = defineLoader(async ({ params, context }) =>
  communityFrontPage(context.db, context.clock, param(params, "community", slug)),
);

function excerpt(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

export default function CommunityPublicPage() {
  const { community, stats, onNotice, recentFinal, upcoming, past } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const meetingLink = (id: string) => `/c/${community.slug}/meetings/${id}`;
  const decisionLink = (id: string) => `/c/${community.slug}/decisions/${id}`;
  return (
    <div className="space-y-8">
      <div>
        <p className="text-ink-muted">{t("community_page.kicker")}</p>
        <h1>{localized(lang, community.nameZh, community.nameEn)}</h1>
      </div>

      <section aria-labelledby="issues-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="issues-heading">{t("community_page.issues")}</h2>
          <Link to={issueListPath(community.slug)} className="font-semibold text-brand-700 underline underline-offset-4">
            {t("community_page.all_issues")}
          </Link>
        </div>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <StatCard label={t("community_page.open")} value={stats.open} to={issueListPath(community.slug)} />
          <StatCard label={t("community_page.resolved_this_month")} value={stats.resolvedThisMonth} />
          <div className="card col-span-2 sm:col-span-1">
            <p className="text-3xl font-bold">{stats.medianDaysToResolve === null ? "—" : formatNumber(stats.medianDaysToResolve, lang)}</p>
            <p className="text-ink-muted">{t("community_page.median_days")}</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="notice-heading" className="card">
        <h2 id="notice-heading">{t("community_page.on_notice")}</h2>
        <p className="mt-1 text-ink-muted">{t("community_page.on_notice_help")}</p>
        {onNotice.length === 0 ? (
          <p className="mt-3 text-ink-muted">{t("community_page.none_on_notice")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200">
            {onNotice.map((d) => (
              <li key={d.id} className="py-3">
                <Link to={decisionLink(d.id)} className="font-medium underline-offset-4 hover:underline">
                  {excerpt(d.text)}
                </Link>
                <p className="text-sm text-ink-muted">
                  {d.noticeEndsAt ? t("community_page.notice_until", { date: formatDateTime(d.noticeEndsAt, lang) }) : null}
                  {" · "}
                  {t("community_page.objections", { count: d._count.objections })}
                </p>
              </li>
            ))}
          </ul>
        )}
        {recentFinal.length > 0 ? (
          <>
            <h3 className="mt-5 font-semibold">{t("community_page.recent_final")}</h3>
            <ul className="mt-2 divide-y divide-stone-200">
              {recentFinal.map((d) => (
                <li key={d.id} className="py-2">
                  <Link to={decisionLink(d.id)} className="underline-offset-4 hover:underline">
                    {excerpt(d.text)}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="meetings-heading" className="card">
        <h2 id="meetings-heading">{t("community_page.meetings")}</h2>
        {upcoming.length + past.length === 0 ? <p className="mt-3 text-ink-muted">{t("community_page.no_meetings")}</p> : null}
        <ul className="mt-3 divide-y divide-stone-200">
          {[...upcoming, ...past].map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <span>
                <Link to={meetingLink(m.id)} className="font-medium underline-offset-4 hover:underline">
                  {m.title}
                </Link>
                <span className="block text-sm text-ink-muted">
                  {t(`meeting_forms.${m.form}`)} · {formatDateTime(m.startsAt, lang)} · {m.place}
                </span>
              </span>
              <span className="flex items-center gap-2">
                <span className={`badge ${STATUS_TONE[m.status] ?? ""}`}>{t(`community_page.meeting_status.${m.status}`)}</span>
                {m.minutes?.status === "published" ? (
                  <Link to={`${meetingLink(m.id)}/minutes`} className="text-sm font-semibold text-brand-700 underline underline-offset-4">
                    {t("community_page.minutes")}
                  </Link>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
