import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IssueStatusBadge } from "../components/issue-list";
import { issuePath } from "../domain/issues/links";
import { unitDesk } from "../domain/units/desk.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { requireMemberCommunity } from "../web/community.server";
import { defineLoader } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "issues"] };

export const meta: MetaFunction = () => [{ title: "本单位任务 Our action items · 议事 Yishi" }];

/** A unit representative's desk: the unit's action items and the escalations it must report for. */
export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return unitDesk(context.db, context.clock, user, community);
});

export default function OurActionItems() {
  const { unit, items, escalations } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("unit_desk.title")}</h1>
        <p className="mt-1 text-ink-muted">{localized(lang, unit.nameZh, unit.nameEn)}</p>
      </div>

      {escalations.length > 0 || unit.kind === "department" ? (
        <section className="card" aria-labelledby="escalations-heading">
          <h2 id="escalations-heading">{t("unit_desk.escalations")}</h2>
          {escalations.length === 0 ? <p className="mt-2 text-ink-muted">{t("unit_desk.no_escalations")}</p> : null}
          <ul className="mt-2 divide-y divide-stone-200">
            {escalations.map((issue) => (
              <li key={issue.id} className={`py-3 ${!issue.acknowledgedAt ? "-mx-2 rounded-lg bg-red-50 px-2" : ""}`}>
                <Link
                  to={issuePath(issue.community.slug, issue.number)}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                >
                  #{issue.number} {issue.title}
                </Link>
                <p className={`text-sm ${issue.acknowledgedAt ? "text-ink-muted" : "font-semibold text-red-700"}`}>
                  {issue.acknowledgedAt
                    ? t("escalation.acknowledged_at", { date: formatDateTime(issue.acknowledgedAt, lang) })
                    : issue.overdue
                      ? t("escalation.overdue")
                      : t("escalation.due", { date: issue.escalationDueAt ? formatDateTime(issue.escalationDueAt, lang) : "" })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="items-heading">
        <h2 id="items-heading">{t("unit_desk.items")}</h2>
        {items.length === 0 ? <p className="mt-2 text-ink-muted">{t("unit_desk.no_items")}</p> : null}
        <ul className="mt-2 space-y-3">
          {items.map((item) => (
            <li key={item.id} className={`rounded-lg border p-3 ${item.overdue ? "border-red-300 bg-red-50" : "border-stone-200"}`}>
              <Link
                to={`${issuePath(item.issue.community.slug, item.issue.number)}#item-${item.id}`}
                className="font-semibold text-brand-700 underline underline-offset-2"
              >
                #{item.issue.number} {item.issue.title}
              </Link>
              <p className="whitespace-pre-line">{item.description}</p>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                <span className={`badge ${item.status === "done" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>
                  {t(`action_items.status.${item.status}`)}
                </span>
                <IssueStatusBadge status={item.issue.status} />
                {item.overdue ? <span className="badge bg-red-600 text-white">{t("flags.overdue")}</span> : null}
                <span className={item.overdue ? "font-semibold text-red-700" : "text-ink-muted"}>
                  {t("action_items.due", { date: formatDateTime(item.dueAt, lang, false) })}
                </span>
                <span className="text-ink-muted">· {t("action_items.percent", { percent: item.percent })}</span>
              </p>
              {item.status === "open" ? (
                <Form method="post" action={issuePath(item.issue.community.slug, item.issue.number)} className="mt-2">
                  <input type="hidden" name="intent" value="claim" />
                  <input type="hidden" name="actionItemId" value={item.id} />
                  <button type="submit" className="btn-primary">
                    {t("action_items.claim")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
