import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatWhen, STATUS_TONE } from "../components/meetings/format";
import { communitiesOf } from "../domain/communities/community-list.server";
import { meetingList } from "../domain/meetings/meeting-list.server";
import { localized } from "../i18n/config";
import { currentCommunity } from "../web/community.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["meetings"] };

export const meta: MetaFunction = () => [{ title: "议事会 Meetings · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  return meetingList(context.db, user, await currentCommunity(request, await communitiesOf(context.db, user)));
});

export default function MeetingsPage() {
  const { community, meetings, mayPlan } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("meetings");
  const groups = [
    { key: "live", rows: meetings.filter((m) => m.status === "live") },
    { key: "planned", rows: meetings.filter((m) => m.status === "planned").reverse() },
    { key: "ended", rows: meetings.filter((m) => m.status === "ended") },
  ] as const;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1>{t("list.title")}</h1>
          <p className="mt-1 text-ink-muted">{localized(i18n.language, community.nameZh, community.nameEn)}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to="/join" className="btn-secondary">
            {t("join.title")}
          </Link>
          <Link to="/joint-meetings" className="btn-secondary">
            {t("list.jointMeetings")}
          </Link>
          {mayPlan ? (
            <Link to="/meetings/new" className="btn-primary">
              {t("list.new")}
            </Link>
          ) : null}
        </div>
      </div>
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`} className="space-y-3">
          <h2 id={`group-${group.key}`}>{t(`list.groups.${group.key}`)}</h2>
          {group.rows.length === 0 ? <p className="text-ink-muted">{t("list.none")}</p> : null}
          <ul className="grid gap-3 md:grid-cols-2">
            {group.rows.map((m) => (
              <li key={m.id} className="card space-y-2">
                <p className="flex flex-wrap items-center gap-2">
                  <span className={`badge ${STATUS_TONE[m.status]}`}>{t(`status.${m.status}`)}</span>
                  <span className="badge bg-stone-100 text-stone-800">{t(`forms.${m.form}`)}</span>
                </p>
                <h3 className="text-lg font-semibold">{m.title}</h3>
                <p className="text-ink-muted">
                  {formatWhen(m.startsAt, i18n.language)} · {m.place}
                </p>
                <p className="text-sm text-ink-muted">{t("list.counts", { items: m._count.agendaItems, people: m._count.participants })}</p>
                <div className="flex flex-wrap gap-2 pt-1">
                  {m.mayHost && m.status !== "ended" ? (
                    <Link to={`/meetings/${m.id}/host`} className="btn-primary">
                      {t("list.host")}
                    </Link>
                  ) : null}
                  {m.onRoll && m.status !== "ended" ? (
                    <Link to={`/m/${m.code}`} className={m.mayHost ? "btn-secondary" : "btn-primary"}>
                      {t("list.attend")}
                    </Link>
                  ) : null}
                  {m.mayManage ? (
                    <Link to={`/meetings/${m.id}`} className="btn-secondary">
                      {t("list.manage")}
                    </Link>
                  ) : null}
                  <Link to={`/c/${community.slug}/meetings/${m.id}`} className="btn-secondary">
                    {t("list.public")}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
