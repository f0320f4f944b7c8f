import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import minutesStyles from "../components/minutes/minutes.css?url";
import { PrintButton } from "../components/minutes/print-button";
import { RenderedMinutes } from "../components/minutes/rendered-minutes";
import { DecisionStatusBadge } from "../components/minutes/status-badge";
import { publicMinutesPage } from "../domain/minutes/public-minutes.server";
import { translatorFor } from "../i18n/i18next.server";
import { formatInstant } from "../infra/time";
import { MinutesViewQuery } from "../schemas/minutes";
import { recordId, slug } from "../schemas/params";
import { param, parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["minutes"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: minutesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.meeting.title} · 会议纪要 Minutes · 议事 Yishi` : "议事 Yishi" },
];

/** The public minutes: server-rendered HTML, readable without JavaScript, with the content hash. */
/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const wanted = {
    communitySlug: param(params, "community", slug),
    meetingId: param(params, "meetingId", recordId),
    minutesId: parseSearchParams(request, MinutesViewQuery).version ?? null,
  };
  const page = await publicMinutesPage(context.db, context.clock, wanted, (await translatorFor(request)).t);
  // A meeting whose minutes are not published yet has a page saying so, but nothing to show.
  return data(page, { status: page.minutes ? 200 : 404 });
});

export default function PublicMinutesPage() {
  const { meeting, minutes, versions, decisions, base } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("minutes");
  return (
    <article className="space-y-6" aria-labelledby="minutes-title">
      <header className="space-y-1">
        <p className="text-ink-muted">
          {formatInstant(meeting.startsAt, i18n.language, "documentDateTime")} · {meeting.place}
        </p>
        <h1 id="minutes-title">{t("public.title", { meeting: meeting.title })}</h1>
      </header>

      {!minutes ? (
        <p className="card">{t("public.not_published")}</p>
      ) : (
        <>
          {minutes.correctionNote ? (
            <p className="rounded-lg bg-violet-50 p-3 text-violet-950" data-testid="correction-note">
              {t("public.correction", { note: minutes.correctionNote })}{" "}
              {minutes.corrects ? (
                <Link to={`${base}?version=${minutes.corrects.id}`} className="underline">
                  {t("public.original_link", { time: formatInstant(minutes.corrects.publishedAt, i18n.language, "documentDateTime") })}
                </Link>
              ) : null}
            </p>
          ) : null}
          {!minutes.isLatest ? (
            <p className="rounded-lg bg-amber-50 p-3 text-amber-950">
              {t("public.superseded")}{" "}
              <Link to={base} className="underline">
                {t("public.latest_link")}
              </Link>
            </p>
          ) : null}

          <div className="no-print flex flex-wrap gap-2">
            <a href={`${base}/docx${minutes.isLatest ? "" : `?version=${minutes.id}`}`} className="btn-primary" download>
              {t("public.download_docx")}
            </a>
            <PrintButton />
            <Link to={`/c/${meeting.slug}/meetings/${meeting.id}`} className="btn-secondary">
              {t("public.meeting_link")}
            </Link>
          </div>

          <div className="card">
            <RenderedMinutes html={minutes.html} id="minutes-body" />
          </div>

          <section aria-labelledby="integrity-heading" className="card space-y-1 text-sm">
            <h2 id="integrity-heading" className="text-base">
              {t("public.integrity")}
            </h2>
            <p>
              {t("public.signed", {
                name: minutes.signedOffBy ?? "—",
                time: formatInstant(minutes.signedOffAt, i18n.language, "documentDateTime"),
              })}
            </p>
            <p>{t("public.published", { time: formatInstant(minutes.publishedAt, i18n.language, "documentDateTime") })}</p>
            <p>
              {t("public.hash_label")}{" "}
              <code className="content-hash" data-testid="content-hash">
                {minutes.contentHash}
              </code>
            </p>
            <p className="text-ink-muted">{t("public.hash_explained")}</p>
          </section>
        </>
      )}

      {decisions.length ? (
        <section aria-labelledby="decisions-heading" className="card">
          <h2 id="decisions-heading">{t("public.decisions")}</h2>
          <ul className="mt-3 divide-y divide-stone-200">
            {decisions.map((d) => (
              <li key={d.id} className="space-y-2 py-3">
                <p className="flex flex-wrap items-center gap-2">
                  <DecisionStatusBadge status={d.status} />
                  {d.status === "notice" ? (
                    <span className="text-sm text-ink-muted">
                      {t("public.notice_until", { time: formatInstant(d.noticeEndsAt, i18n.language, "documentDateTime") })}
                    </span>
                  ) : null}
                </p>
                <p>{d.text}</p>
                <p className="flex flex-wrap gap-2">
                  <Link to={`/c/${meeting.slug}/decisions/${d.id}`} className="btn-secondary">
                    {t("public.decision_link")}
                  </Link>
                  {d.issue ? (
                    <Link to={`/c/${meeting.slug}/issues/${d.issue.number}`} className="btn-secondary">
                      {t("decision_page.issue_link", { number: d.issue.number, title: d.issue.title })}
                    </Link>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {versions.length > 1 ? (
        <section aria-labelledby="published-versions" className="card no-print">
          <h2 id="published-versions">{t("public.versions")}</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-6">
            {versions.map((v) => (
              <li key={v.id}>
                <Link to={`${base}?version=${v.id}`} className="underline">
                  {formatInstant(v.publishedAt, i18n.language, "documentDateTime")}
                </Link>
                {v.correctionNote ? ` — ${v.correctionNote}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
