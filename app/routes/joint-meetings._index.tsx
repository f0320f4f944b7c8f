import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { seriesOfCommunity } from "../domain/joint-meetings/series.server";
import { can } from "../domain/permissions";
import { localized } from "../i18n/config";
import { requireMemberCommunity } from "../web/community.server";
import { defineLoader } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["units"] };

export const meta: MetaFunction = () => [{ title: "联席会议 Joint meetings · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return {
    community,
    series: await seriesOfCommunity(context.db, community.id),
    mayManage: can(user, "manage:meeting", { communityId: community.id, streetId: community.streetId }),
  };
});

export default function JointMeetingsPage() {
  const { community, series, mayManage } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("units");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1>{t("jointMeetings.title")}</h1>
        {mayManage ? (
          <Link to="/joint-meetings/new" className="btn-primary">
            {t("jointMeetings.new")}
          </Link>
        ) : null}
      </div>
      <p className="text-ink-muted">{localized(i18n.language, community.nameZh, community.nameEn)}</p>
      <p>{t("jointMeetings.intro")}</p>
      {series.length === 0 ? <p className="card">{t("jointMeetings.none")}</p> : null}
      <ul className="space-y-3">
        {series.map((s) => (
          <li key={s.id} className="card">
            <h2 className="text-lg">
              <Link to={`/joint-meetings/${s.id}`} className="link">
                {s.title}
              </Link>
            </h2>
            <p className="text-sm text-ink-muted">
              {t(`jointMeetings.frequency.${s.frequency}`)} · {s.time} · {s.place}
            </p>
            <p>{t("jointMeetings.theme", { theme: s.theme })}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
