import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IssueStatusBadge } from "../components/issue-list";
import { formatDateTime } from "../infra/time";
import { StatCard } from "../components/stat-card";
import { issueListPath, issuePath } from "../domain/issues/links";
import { triageInbox } from "../domain/issues/triage-inbox.server";
import { can, requirePermission } from "../domain/permissions";
import { localized } from "../i18n/config";
import { useTriageUpdates } from "../realtime/use-triage-updates";
import { requireMemberCommunity } from "../web/community.server";
import { defineLoader } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "figures", "issues", "opendata"] };

export const meta: MetaFunction = () => [{ title: "分拣 Triage · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }: LoaderFunctionArgs) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const resource = { communityId: community.id, streetId: community.streetId };
  requirePermission(user, "triage:issue", resource);
  return {
    community,
    inbox: await triageInbox(context.db, community.id, context.clock.now()),
    canManageCategories: can(user, "manage:community", resource),
  };
});

export default function TriagePage() {
  const { community, inbox, canManageCategories } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  const overdueEscalations = inbox.escalations.filter((e) => e.overdue).length;
  useTriageUpdates(community.id);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1>{t("inbox.title")}</h1>
          <p className="mt-1 text-ink-muted">{localized(lang, community.nameZh, community.nameEn)}</p>
          <p className="text-sm text-ink-muted">{t("figures:triage.live")}</p>
        </div>
        <span className="flex flex-wrap gap-2">
          <Link to={issueListPath(community.slug)} className="btn-secondary">
            {t("inbox.all_issues")}
          </Link>
          {canManageCategories ? (
            <Link to="/issues/categories" className="btn-secondary">
              {t("categories.manage")}
            </Link>
          ) : null}
          {canManageCategories ? (
            <Link to="/service-levels" className="btn-secondary">
              {t("figures:levels.title")}
            </Link>
          ) : null}
          {canManageCategories ? (
            <Link to="/open311-keys" className="btn-secondary">
              {t("opendata:keys.title")}
            </Link>
          ) : null}
        </span>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatCard label={t("inbox.waiting")} value={inbox.waiting.length} />
        <StatCard label={t("inbox.unacknowledged")} value={inbox.escalations.length} alert={inbox.escalations.length > 0} />
        <StatCard
          label={t("inbox.overdue")}
          value={overdueEscalations + inbox.lateItems.length}
          alert={overdueEscalations + inbox.lateItems.length > 0}
        />
      </div>

      <section className="card" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{t("inbox.waiting")}</h2>
        {inbox.waiting.length === 0 ? <p className="mt-2 text-ink-muted">{t("inbox.nothing_waiting")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {inbox.waiting.map((issue) => (
            <li key={issue.id} className="py-3">
              <Link to={issuePath(community.slug, issue.number)} className="font-semibold text-brand-700 underline underline-offset-2">
                #{issue.number} {issue.title}
              </Link>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-ink-muted">
                <IssueStatusBadge status={issue.status} />
                {issue.urgency === "high" ? <span className="badge bg-red-100 text-red-900">{t("urgency.high")}</span> : null}
                <span>{localized(lang, issue.category.nameZh, issue.category.nameEn)}</span>
                {issue.grid ? <span>· {issue.grid.code}</span> : null}
                <span>· {formatDateTime(issue.createdAt, lang)}</span>
                {issue.meTooCount > 0 ? <span>· {t("issue.me_too_count", { count: issue.meTooCount })}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="escalations-heading">
        <h2 id="escalations-heading">{t("inbox.unacknowledged")}</h2>
        {inbox.escalations.length === 0 ? <p className="mt-2 text-ink-muted">{t("inbox.no_escalations")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {inbox.escalations.map((issue) => (
            <li key={issue.id} className={`py-3 ${issue.overdue ? "-mx-2 rounded-lg bg-red-50 px-2" : ""}`}>
              <Link to={issuePath(community.slug, issue.number)} className="font-semibold text-brand-700 underline underline-offset-2">
                #{issue.number} {issue.title}
              </Link>
              <p className={`mt-1 text-sm ${issue.overdue ? "font-semibold text-red-700" : "text-ink-muted"}`}>
                {issue.escalatedTo ? localized(lang, issue.escalatedTo.nameZh, issue.escalatedTo.nameEn) : ""} ·{" "}
                {issue.overdue
                  ? t("escalation.overdue")
                  : t("escalation.due", { date: issue.escalationDueAt ? formatDateTime(issue.escalationDueAt, lang) : "" })}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="late-heading">
        <h2 id="late-heading">{t("inbox.late_items")}</h2>
        {inbox.lateItems.length === 0 ? <p className="mt-2 text-ink-muted">{t("inbox.no_late_items")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {inbox.lateItems.map((item) => (
            <li key={item.id} className="-mx-2 rounded-lg bg-red-50 px-2 py-3">
              <Link to={issuePath(community.slug, item.issue.number)} className="font-semibold text-brand-700 underline underline-offset-2">
                #{item.issue.number} {item.issue.title}
              </Link>
              <p className="text-sm">{item.description}</p>
              <p className="text-sm font-semibold text-red-700">
                {localized(lang, item.unit.nameZh, item.unit.nameEn)} ·{" "}
                {t("action_items.due", { date: formatDateTime(item.dueAt, lang, false) })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
