import { AssistedLine } from "../components/assisted/assisted-line";
import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { IssueStatusBadge } from "../components/issue-list";
import { ActionItemsSection } from "../components/issues/action-items-section";
import { FormError } from "../components/issues/form-bits";
import { IssueFlags } from "../components/issues/issue-flags";
import { AcceptancePanel, AcknowledgePanel, FollowPanel, StaffPanel } from "../components/issues/issue-panels";
import { IssueTimeline } from "../components/issues/issue-timeline";
import { PhotoGrid } from "../components/issues/photo-grid";
import { draftStorageKey } from "../components/issues/raise-draft";
import { actOnIssue } from "../domain/issues/act-on-issue.server";
import { issuePage } from "../domain/issues/issue-page.server";
import { issuePath } from "../domain/issues/links";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import type { IssueIntent } from "../schemas/issues";
import { ISSUE_INTENTS, IssueIntentSchema, IssuePathParams } from "../schemas/issues";
import { failureFor } from "../web/forms";
import { pushNotificationCounts, pushTriageChanged } from "../web/notification-push.server";
import { parseParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "figures", "issues"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `#${data.issue.number} ${data.issue.title} · 议事 Yishi` : "议事 Yishi" },
];

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const loader = defineLoader(async ({ request, params, context }) => {
  const { community, number } = parseParams(params, IssuePathParams);
  return issuePage(context.db, context.clock, await getCurrentUser(request), { communitySlug: community, number });
});

export const action = defineAction(
  async ({ request, params, context, form, files }) => {
    const user = await requireUser(request);
    const { community, number } = parseParams(params, IssuePathParams);
    const command = parseForm(IssueIntentSchema, form);
    const photos = files.filter((f) => f.field === "photos");
    const ref = { communitySlug: community, number };
    const { notified, triage } = await actOnIssue(context.db, context.clock, context.storage, user, ref, command, photos);
    await pushNotificationCounts(context, notified);
    if (triage) pushTriageChanged(context, triage.communityId, triage.staffIds);
    return redirect(`${issuePath(community, number)}#${anchorAfter(command)}`);
  },
  { multipart: true, intents: ISSUE_INTENTS },
);

/** Back to the action item that was worked on, or to the top of the page. */
function anchorAfter(command: IssueIntent): string {
  return command.intent === "progress" || command.intent === "done" || command.intent === "claim" ? `item-${command.actionItemId}` : "top";
}

export default function IssuePage() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  const [searchParams] = useSearchParams();
  const { issue } = page;
  const colon = lang === "en" ? ": " : "：";
  // A post that could not even be read (a photo over the size limit) names no form: say so at the top.
  const unreadForm = failureFor(failure, null);
  useEffect(() => {
    // The reporter's draft is done with once the issue exists.
    if (searchParams.has("raised")) window.localStorage.removeItem(draftStorageKey());
  }, [searchParams]);

  return (
    <article className="space-y-6" id="top">
      <header className="space-y-2">
        <p className="text-ink-muted">
          <a href={`/c/${page.community.slug}/issues`} className="underline underline-offset-2">
            {t("issue.back_to_list", { community: localized(lang, page.community.nameZh, page.community.nameEn) })}
          </a>
        </p>
        <h1>
          <span className="text-ink-muted">#{issue.number}</span> {issue.title}
        </h1>
        <p className="flex flex-wrap items-center gap-2">
          <IssueStatusBadge status={issue.status} />
          <IssueFlags flags={issue.flags} />
          {issue.clock ? (
            <span
              className={`badge ${issue.clock.overdue ? "bg-red-100 text-red-900" : "bg-sky-100 text-sky-900"}`}
              data-testid="issue-clock"
              title={t("figures:clock.label")}
            >
              {issue.clock.overdue
                ? t(`figures:clock.overdue.${issue.clock.step}`, {
                    date: formatDateTime(issue.clock.dueAt, lang, issue.clock.unit === "hours"),
                  })
                : issue.clock.amount === 0 && issue.clock.unit === "working_days"
                  ? t(`figures:clock.${issue.clock.step}.today`)
                  : t(`figures:clock.${issue.clock.step}.${issue.clock.unit}`, { count: issue.clock.amount })}
            </span>
          ) : null}
          <span className="badge bg-stone-100 text-ink">{localized(lang, issue.category.nameZh, issue.category.nameEn)}</span>
          <span className={`badge ${issue.urgency === "high" ? "bg-red-100 text-red-900" : "bg-stone-100 text-ink"}`}>
            {t(`urgency.${issue.urgency}`)}
          </span>
          {issue.meTooCount > 0 ? <span className="text-ink-muted">{t("issue.me_too_count", { count: issue.meTooCount })}</span> : null}
        </p>
      </header>

      {searchParams.has("raised") ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t("raise.success", { number: issue.number })}
        </p>
      ) : null}

      <FormError message={unreadForm?.formError} />

      <section className="card space-y-2" aria-labelledby="details-heading">
        <h2 id="details-heading" className="sr-only">
          {t("issue.details")}
        </h2>
        <p className="whitespace-pre-line">{issue.description}</p>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
          {issue.grid ? (
            <div>
              <dt className="inline text-ink-muted">
                {t("raise.grid")}
                {colon}
              </dt>
              <dd className="inline">
                {issue.grid.code} {localized(lang, issue.grid.nameZh, issue.grid.nameEn)}
              </dd>
            </div>
          ) : null}
          {issue.address ? (
            <div>
              <dt className="inline text-ink-muted">
                {t("raise.address")}
                {colon}
              </dt>
              <dd className="inline">{issue.address}</dd>
            </div>
          ) : null}
          <div>
            <dt className="inline text-ink-muted">
              {t("issue.raised_at")}
              {colon}
            </dt>
            <dd className="inline">
              <time dateTime={issue.createdAt}>{formatDateTime(issue.createdAt, lang)}</time>
            </dd>
          </div>
        </dl>
        {page.assisted ? <AssistedLine view={page.assisted} kind="issue" /> : null}
        <PhotoGrid photos={issue.photos} label={t("issue.photos")} />
        {issue.mergedInto ? (
          <p className="rounded-lg bg-stone-100 p-3">
            {t("issue.merged_into")}{" "}
            <a className="font-semibold underline" href={issuePath(page.community.slug, issue.mergedInto.number)}>
              #{issue.mergedInto.number} {issue.mergedInto.title}
            </a>
          </p>
        ) : null}
        {issue.status === "rejected" && issue.rejectReason ? (
          <p className="rounded-lg bg-stone-100 p-3">
            <strong>{t("issue.reject_reason")}</strong> {issue.rejectReason}
          </p>
        ) : null}
      </section>

      {page.reporter ? (
        <section className="card no-print border-amber-300 bg-amber-50" aria-labelledby="reporter-heading">
          <h2 id="reporter-heading" className="text-lg">
            {t("issue.reporter_private")}
          </h2>
          <p>
            {page.reporter.displayName}
            {page.reporter.phone ? ` · ${page.reporter.phone}` : ""}
          </p>
        </section>
      ) : null}

      {issue.escalation ? (
        <section
          className={`card ${issue.escalation.current && (issue.escalation.awaiting || issue.escalation.overdue) ? "border-red-300 bg-red-50" : ""}`}
          aria-labelledby="escalation-heading"
        >
          <h2 id="escalation-heading">{t("escalation.heading")}</h2>
          <p className="mt-1">
            {t("escalation.to", { unit: localized(lang, issue.escalation.unit.nameZh, issue.escalation.unit.nameEn) })}
            {issue.escalation.dueAt ? ` · ${t("escalation.due", { date: formatDateTime(issue.escalation.dueAt, lang) })}` : ""}
          </p>
          <p className={`mt-1 font-semibold ${issue.escalation.acknowledgedAt ? "text-green-800" : "text-red-700"}`}>
            {issue.escalation.acknowledgedAt
              ? t("escalation.acknowledged_at", { date: formatDateTime(issue.escalation.acknowledgedAt, lang) })
              : issue.escalation.overdue
                ? t("escalation.overdue")
                : t("escalation.awaiting")}
          </p>
          {page.canAcknowledge ? <AcknowledgePanel version={issue.version} failure={failure} /> : null}
        </section>
      ) : null}

      {page.acceptance.asked ? (
        <AcceptancePanel dueAt={page.acceptance.dueAt} answered={page.acceptance.answered} failure={failure} />
      ) : null}

      <ActionItemsSection
        items={page.actionItems}
        canAdd={page.canAddActionItem}
        units={page.units}
        today={page.today}
        failure={failure}
        workGate={page.workGate}
      />

      {page.awaitingMeeting ? (
        <section className="card space-y-2" aria-labelledby="awaiting-meeting-heading" data-testid="awaiting-meeting">
          <h2 id="awaiting-meeting-heading">{t("figures:agenda.heading")}</h2>
          <p>{t("figures:agenda.how")}</p>
          <a href="/meetings" className="btn-secondary inline-flex">
            {t("figures:agenda.to_meetings")}
          </a>
        </section>
      ) : null}

      {page.mayMakeNeed ? (
        <p>
          <a href={`/c/${page.community.slug}/needs?fromIssue=${issue.number}`} className="btn-secondary inline-flex">
            {t("units.make_need")}
          </a>
        </p>
      ) : null}

      {page.staffMoves.length > 0 ? (
        <StaffPanel moves={page.staffMoves} version={issue.version} departments={page.departments} today={page.today} failure={failure} />
      ) : null}

      {page.canFollow ? (
        <FollowPanel
          following={page.following}
          meToo={page.meToo}
          isReporter={page.isReporter}
          offerMeToo={issue.isOpen && page.canMeToo}
          failure={failure}
        />
      ) : null}

      <IssueTimeline entries={page.timeline} />
    </article>
  );
}
