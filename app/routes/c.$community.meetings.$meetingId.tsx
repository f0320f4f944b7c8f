import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatWhen, STATUS_TONE } from "../components/meetings/format";
import { ResultSummary, TallyBars } from "../components/meetings/poll-numbers";
import { RollCallTable } from "../components/meetings/roll-call-table";
import { publicMeetingRecord } from "../domain/meetings/public-record.server";
import { localized } from "../i18n/config";
import { recordId, slug } from "../schemas/params";
import { param } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["meetings"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.meeting.title ?? "议事会"} · 议事 Yishi` }];

/** The public record of a meeting (no voter names, except roll calls declared public): open to everyone. */
/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const loader = defineLoader(async ({ params, context }: LoaderFunctionArgs) =>
  publicMeetingRecord(context.db, param(params, "community", slug), param(params, "meetingId", recordId)),
);

export default function PublicMeetingPage() {
  const { meeting, attendance, items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("meetings");
  const slug = meeting.community.slug;
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-ink-muted">{localized(i18n.language, meeting.community.nameZh, meeting.community.nameEn)}</p>
        <p className="flex flex-wrap items-center gap-2">
          <span className={`badge ${STATUS_TONE[meeting.status]}`}>{t(`status.${meeting.status}`)}</span>
          <span className="badge bg-stone-100 text-stone-800">{t(`forms.${meeting.form}`)}</span>
        </p>
        <h1 className="break-words">{meeting.title}</h1>
        <p className="text-ink-muted">
          {formatWhen(meeting.startsAt, i18n.language)} · {meeting.place}
        </p>
        {meeting.minutesPublished ? (
          <Link to={`/c/${slug}/meetings/${meeting.id}/minutes`} className="btn-secondary">
            {t("public.minutes")}
          </Link>
        ) : null}
      </header>

      {meeting.status !== "planned" ? (
        <section className="card space-y-2" aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">{t("public.attendance")}</h2>
          <p data-testid="public-attendance">
            {t("public.attendanceNumbers", {
              checkedIn: attendance.checkedIn,
              rollSize: attendance.rollSize,
              present: attendance.present,
              eligible: attendance.eligible,
              proxies: attendance.proxies,
            })}
          </p>
          <p className="text-ink-muted">
            {t(`quorumRules.${meeting.quorumRule}`)} · {attendance.quorumMet ? t("quorum.reached") : t("quorum.notReached")}
          </p>
          <p className="text-sm text-ink-muted">
            {Object.entries(attendance.roles)
              .map(([role, count]) => `${t(`roles.${role}`)} ${count}`)
              .join(" · ")}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="agenda-heading" className="space-y-4">
        <h2 id="agenda-heading">{t("agenda.title")}</h2>
        {items.length === 0 ? <p className="text-ink-muted">{t("agenda.empty")}</p> : null}
        {items.map((item) => (
          <div key={item.id} className="card space-y-3">
            <h3 className="text-lg font-semibold">
              {item.position}. {item.title}
              {item.issue ? (
                <Link to={`/c/${slug}/issues/${item.issue.number}`} className="ml-2 text-base font-normal text-brand-700 underline">
                  {t("public.issueLink", { number: item.issue.number })}
                </Link>
              ) : null}
            </h3>
            {item.description ? <p className="whitespace-pre-line text-ink-muted">{item.description}</p> : null}
            {item.polls.map((p) => (
              <div key={p.id} className="space-y-3 rounded-lg bg-stone-50 p-3">
                <p className="font-medium">{p.question}</p>
                <ResultSummary result={p.result} />
                <TallyBars poll={p.view} />
                {p.rollCall ? (
                  <details className="rounded-lg border border-stone-200 bg-white p-3">
                    <summary className="cursor-pointer font-semibold">{t("rollCall.publicTitle")}</summary>
                    <div className="mt-3 space-y-3">
                      <RollCallTable rollCall={p.rollCall} />
                      <a href={`/polls/${p.id}/roll-call.csv`} className="btn-secondary" download>
                        {t("rollCall.downloadCsv")}
                      </a>
                    </div>
                  </details>
                ) : null}
              </div>
            ))}
            {item.decisions.map((d) =>
              // A decision is public once it is published (public notice, then final); until then only its existence is.
              d.status === "draft" ? (
                <p key={d.id} className="rounded-lg bg-stone-50 p-3 text-ink-muted">
                  {t("public.decisionPending")}
                </p>
              ) : (
                <div key={d.id} className="rounded-lg bg-green-50 p-3">
                  <p className="text-sm font-semibold text-green-900">
                    {t("public.decision")} · {t(`decisionStatus.${d.status}`)}
                  </p>
                  <p className="mt-1 whitespace-pre-line">{d.text}</p>
                  <Link to={`/c/${slug}/decisions/${d.id}`} className="mt-2 inline-block font-medium text-brand-700 underline">
                    {t("public.decisionLink")}
                  </Link>
                </div>
              ),
            )}
          </div>
        ))}
      </section>
    </article>
  );
}
