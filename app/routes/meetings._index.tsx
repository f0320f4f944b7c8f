import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatWhen, STATUS_TONE } from "../components/meetings/format";
import { can } from "../domain/permissions";
import { localized } from "../i18n/config";
import { currentCommunity } from "../web/community.server";
import { communitiesOf } from "../domain/communities/community-list.server";
import { getDb } from "../infra/db.server";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "议事会 Meetings · 议事 Yishi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const community = await currentCommunity(request, await communitiesOf(db, user));
  if (!community) throw new Response(null, { status: 403 });
  const resource = { communityId: community.id, streetId: community.streetId };
  if (!can(user, "join:meeting", resource)) throw new Response(null, { status: 403 });
  const meetings = await db.meeting.findMany({
    where: { communityId: community.id },
    orderBy: { startsAt: "desc" },
    take: 100,
    select: {
      id: true,
      title: true,
      form: true,
      status: true,
      startsAt: true,
      place: true,
      hostId: true,
      code: true,
      _count: { select: { agendaItems: true, participants: true } },
      participants: { where: { userId: user.id }, select: { id: true } },
    },
  });
  return {
    community,
    mayPlan: can(user, "manage:meeting", resource),
    meetings: meetings.map((m) => ({
      ...m,
      onRoll: m.participants.length > 0,
      mayHost: can(user, "host:meeting", { ...resource, hostId: m.hostId }),
      mayManage: can(user, "manage:meeting", resource),
    })),
  };
}

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
