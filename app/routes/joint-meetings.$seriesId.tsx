import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { seriesPage } from "../domain/joint-meetings/series.server";
import { formatDateTime } from "../infra/time";
import { localized } from "../i18n/config";
import { SeriesIdParams } from "../schemas/joint-meetings";
import { parseParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { getCurrentUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["units", "meetings"] };

export const meta: MetaFunction = () => [{ title: "联席会议 Joint meetings · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { seriesId } = parseParams(params, SeriesIdParams);
  return seriesPage(context.db, context.clock, await getCurrentUser(request), seriesId);
});

type Occurrence = ReturnType<typeof useLoaderData<typeof loader>>["occurrences"][number];

function OccurrenceCard({ occurrence }: { occurrence: Occurrence }) {
  const { t, i18n } = useTranslation("units");
  const { t: tm } = useTranslation("meetings");
  const lang = i18n.language;
  return (
    <li className="card space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-base font-semibold">{formatDateTime(occurrence.startsAt, lang, true, true)}</h3>
        <span className="text-sm text-ink-muted">{tm(`status.${occurrence.status}`)}</span>
      </div>
      <p className="text-sm text-ink-muted">
        {occurrence.place} · {t("jointMeetings.items", { count: occurrence.agendaItems })}
        {occurrence.carriedIn > 0 ? ` · ${t("jointMeetings.carried", { count: occurrence.carriedIn })}` : ""}
      </p>
      <div>
        <h4 className="text-sm font-medium">{occurrence.upcoming ? t("jointMeetings.invitedUnits") : t("jointMeetings.attendance")}</h4>
        <ul className="mt-1 flex flex-wrap gap-2">
          {occurrence.attendance.map((a) => {
            const name = a.unit ? localized(lang, a.unit.nameZh, a.unit.nameEn) : "—";
            return (
              <li
                key={a.unitId}
                className={`rounded-full px-3 py-1 text-sm ${occurrence.upcoming ? "bg-stone-100" : a.attended ? "bg-green-100 text-green-900" : "bg-stone-100 text-ink-muted"}`}
              >
                {name}
                {occurrence.upcoming ? "" : ` · ${a.attended ? t("jointMeetings.attended") : t("jointMeetings.absent")}`}
              </li>
            );
          })}
        </ul>
      </div>
      <Link to={`/meetings/${occurrence.id}`} className="link inline-block min-h-[44px] py-2">
        {t("jointMeetings.open")}
      </Link>
    </li>
  );
}

export default function JointSeriesPage() {
  const { series, community, seats, occurrences, mayManage } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const summary =
    series.dayRule === "nth_weekday"
      ? t("jointMeetings.ruleSummary.nth_weekday", {
          frequency: t(`jointMeetings.frequency.${series.frequency}`),
          which: t(`jointMeetings.ordinal.${series.ordinal ?? 1}`),
          weekday: t(`jointMeetings.weekday.${series.weekday ?? 1}`),
          time: series.time,
        })
      : t("jointMeetings.ruleSummary.day_of_month", {
          frequency: t(`jointMeetings.frequency.${series.frequency}`),
          day: series.dayOfMonth ?? 1,
          time: series.time,
        });
  const upcoming = occurrences.filter((o) => o.upcoming);
  const past = occurrences.filter((o) => !o.upcoming).reverse();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1>{series.title}</h1>
        {mayManage ? (
          <Link to={`/joint-meetings/${series.id}/edit`} className="btn-secondary">
            {t("jointMeetings.edit")}
          </Link>
        ) : null}
      </div>
      <section className="card space-y-1">
        <p className="text-ink-muted">{localized(lang, community.nameZh, community.nameEn)}</p>
        <p>{t("jointMeetings.theme", { theme: series.theme })}</p>
        <p>
          {summary}
          {series.frequency === "quarterly" ? ` · ${t(`jointMeetings.monthInPeriod.${series.monthInPeriod}`)}` : ""} · {series.place}
        </p>
        <p className="text-sm text-ink-muted">
          {t("jointMeetings.invitedUnits")}: {seats.map((s) => localized(lang, s.unit.nameZh, s.unit.nameEn)).join("、")}
        </p>
      </section>
      <section aria-labelledby="upcoming-heading" className="space-y-2">
        <h2 id="upcoming-heading">{t("jointMeetings.upcoming")}</h2>
        {upcoming.length === 0 ? <p>{t("jointMeetings.noUpcoming")}</p> : null}
        <ul className="space-y-3">
          {upcoming.map((o) => (
            <OccurrenceCard key={o.id} occurrence={o} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="past-heading" className="space-y-2">
        <h2 id="past-heading">{t("jointMeetings.past")}</h2>
        {past.length === 0 ? <p>{t("jointMeetings.noPast")}</p> : null}
        <ul className="space-y-3">
          {past.map((o) => (
            <OccurrenceCard key={o.id} occurrence={o} />
          ))}
        </ul>
      </section>
    </div>
  );
}
