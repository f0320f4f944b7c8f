import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { chinaDateString } from "../infra/time";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IssueStatusBadge } from "../components/issue-list";
import { formatDateTime } from "../infra/time";
import { IssueFlags } from "../components/issues/issue-flags";
import { IssueTimeline } from "../components/issues/issue-timeline";
import { PhotoGrid } from "../components/issues/photo-grid";
import { ActionItemsSection } from "../components/issues/action-items-section";
import { AcceptancePanel, AcknowledgePanel, FollowPanel, StaffPanel } from "../components/issues/issue-panels";
import { draftStorageKey } from "../components/issues/raise-draft";
import { systemClock } from "../infra/clock";
import { isAcceptanceOpen, isAskedForAcceptance, shouldAutoClose } from "../domain/issues/acceptance";
import { isActionItemOverdue, isAwaitingAcknowledgement, isEscalationOverdue, issueFlags } from "../domain/issues/deadlines";
import {
  acceptanceRound,
  acknowledgeEscalation,
  addActionItem,
  claimActionItem,
  postProgress,
  respondToAcceptance,
  triageIssue,
} from "../domain/issues/issue-actions.server";
import { issuePath } from "../domain/issues/links";
import { findCommunityBySlug, loadIssuePage, timelineActors, unitNames } from "../domain/issues/queries.server";
import { addMeToo, setFollowing } from "../domain/issues/raise.server";
import { transitionsFrom } from "../domain/issues/state-machine";
import type { IssueStatus } from "../domain/issues/statuses";
import { OPEN_ISSUE_STATUSES } from "../domain/issues/statuses";
import { transitionIssue } from "../domain/issues/transition.server";
import { buildTimeline, referencedIds } from "../domain/issues/timeline";
import { readMultipartForm } from "../web/multipart-form.server";
import { maySeePhotos } from "../domain/uploads/photo-access";
import { getStorage } from "../infra/storage.server";
import { can } from "../domain/permissions";
import { i18nServer } from "../i18n/i18next.server";
import { localized } from "../i18n/config";
import { IssueIntentSchema } from "../schemas/issues";
import { positiveInteger, slug } from "../schemas/params";
import { workGateOfIssue } from "../domain/decisions/work-gate.server";
import { getDb } from "../infra/db.server";
import { parseParams } from "../web/params.server";
import { parseForm } from "../web/legacy-forms";
import { getCurrentUser, requireUser } from "../web/session.server";
import { intentFailure } from "../web/legacy-intent.server";
import { pushNotificationCounts } from "../web/notification-push.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `#${data.issue.number} ${data.issue.title} · 议事 Yishi` : "议事 Yishi" },
];

const IssueParams = z.object({ community: slug, number: positiveInteger });

async function findIssue(params: LoaderFunctionArgs["params"]) {
  const { community: communitySlug, number } = parseParams(params, IssueParams);
  const community = await findCommunityBySlug(getDb(), communitySlug);
  if (!community) throw data(null, { status: 404 });
  return { community, number };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { community, number } = await findIssue(params);
  const now = systemClock.now();
  let issue = await loadIssuePage(db, community.id, number);
  if (!issue) throw data(null, { status: 404 });
  if (shouldAutoClose(issue, now)) {
    // The window ended since the last sweep: close it now rather than show a stale question.
    await transitionIssue(db, systemClock, "system", { issueId: issue.id, transition: "auto_close" }).catch(() => undefined);
    issue = (await loadIssuePage(db, community.id, number)) ?? issue;
  }
  const user = await getCurrentUser(request);
  const resource = { communityId: community.id, streetId: community.streetId };
  const isStaff = can(user, "triage:issue", resource);
  const showPhotos = maySeePhotos(user, {
    status: issue.status,
    communityId: community.id,
    streetId: community.streetId,
    reporterId: issue.reporterId,
  });
  const { unitIds, issueIds } = referencedIds(issue.events);
  const [actors, units, targets] = await Promise.all([
    timelineActors(db, issue),
    unitNames(db, unitIds),
    issueIds.length ? db.issue.findMany({ where: { id: { in: issueIds } }, select: { id: true, number: true } }) : Promise.resolve([]),
  ]);
  const timeline = buildTimeline(issue.events, actors, units, Object.fromEntries(targets.map((t) => [t.id, t.number])));

  const status = issue.status as IssueStatus;
  const staffMoves = isStaff
    ? transitionsFrom(status).filter((m) => ["accept", "reject", "merge", "resolve_directly", "put_on_agenda", "escalate"].includes(m))
    : [];
  const canAddActionItem =
    can(user, "create:action-item", resource) && ["accepted", "escalated", "decided", "reopened", "in_progress"].includes(status);
  const needUnits = staffMoves.includes("escalate") || canAddActionItem;
  const streetUnits = needUnits
    ? await db.unit.findMany({
        where: { streetId: community.streetId },
        select: { id: true, nameZh: true, nameEn: true, kind: true },
        orderBy: { createdAt: "asc" },
      })
    : [];

  let acceptance: { asked: boolean; answered: boolean; dueAt: string | null } = {
    asked: false,
    answered: false,
    dueAt: issue.acceptanceDueAt?.toISOString() ?? null,
  };
  if (user && isAcceptanceOpen(issue, now) && can(user, "respond:acceptance", resource)) {
    const residentGridIds = user.memberships
      .filter((m) => m.communityId === community.id && m.role === "resident" && m.gridId)
      .map((m) => m.gridId as string);
    const asked = isAskedForAcceptance({ id: user.id, residentGridIds }, issue);
    const round = await acceptanceRound(db, issue.id);
    const answered = asked
      ? !!(await db.acceptanceResponse.findUnique({ where: { issueId_userId_round: { issueId: issue.id, userId: user.id, round } } }))
      : false;
    acceptance = { ...acceptance, asked, answered };
  }
  const gate = await workGateOfIssue(db, issue.id, now);
  const following = user
    ? !!(await db.issueFollower.findUnique({ where: { issueId_userId: { issueId: issue.id, userId: user.id } } }))
    : false;
  const meToo = user ? !!(await db.issueFollower.findFirst({ where: { issueId: issue.id, userId: user.id, meToo: true } })) : false;

  return {
    community,
    signedIn: !!user,
    isReporter: user?.id === issue.reporterId,
    issue: {
      id: issue.id,
      number: issue.number,
      title: issue.title,
      description: issue.description,
      address: issue.address,
      urgency: issue.urgency,
      status: issue.status,
      version: issue.version,
      createdAt: issue.createdAt.toISOString(),
      meTooCount: issue.meTooCount,
      rejectReason: issue.rejectReason,
      category: issue.category,
      grid: issue.grid,
      mergedInto: issue.mergedInto,
      escalation: issue.escalatedTo
        ? {
            unit: issue.escalatedTo,
            dueAt: issue.escalationDueAt?.toISOString() ?? null,
            acknowledgedAt: issue.acknowledgedAt?.toISOString() ?? null,
            awaiting: isAwaitingAcknowledgement(issue),
            overdue: isEscalationOverdue(issue, now),
            current: issue.status === "escalated",
          }
        : null,
      photos: showPhotos ? issue.attachments : [],
      flags: issueFlags(issue, now),
      isOpen: (OPEN_ISSUE_STATUSES as readonly string[]).includes(issue.status),
    },
    // Who raised it is for the community's staff only; the public page never names the reporter.
    reporter: isStaff ? { displayName: issue.reporter.displayName, phone: issue.reporter.phone } : null,
    actionItems: issue.actionItems.map((item) => ({
      id: item.id,
      description: item.description,
      dueAt: item.dueAt.toISOString(),
      status: item.status,
      percent: item.percent,
      overdue: isActionItemOverdue(item, now),
      unit: item.unit,
      canUpdate: can(user, "update:action-item", { ...resource, unitId: item.unitId }),
      updates: item.updates.map((u) => ({
        id: u.id,
        text: u.text,
        percent: u.percent,
        createdAt: u.createdAt.toISOString(),
        photos: showPhotos ? u.attachments : [],
      })),
    })),
    timeline,
    staffMoves,
    canAddActionItem,
    departments: streetUnits.filter((u) => u.kind === "department"),
    units: streetUnits,
    canAcknowledge:
      !!issue.escalatedToId &&
      can(user, "acknowledge:escalation", { ...resource, unitId: issue.escalatedToId }) &&
      isAwaitingAcknowledgement(issue),
    acceptance,
    canFollow: can(user, "follow:issue", resource),
    canMeToo: can(user, "raise:issue", resource),
    following,
    meToo,
    today: chinaDateString(now),
    workGate: gate.open ? null : { reason: gate.reason, until: gate.until?.toISOString() ?? null },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18nServer.getFixedT(request);
  const db = getDb();
  const { community, number } = await findIssue(params);
  const issue = await db.issue.findUnique({ where: { communityId_number: { communityId: community.id, number } }, select: { id: true } });
  if (!issue) throw data(null, { status: 404 });
  let form: Awaited<ReturnType<typeof readMultipartForm>>;
  try {
    form = await readMultipartForm(request);
  } catch (error) {
    return intentFailure("progress", t, { values: {}, error });
  }
  const { formData, files } = form;
  const parsed = parseForm(IssueIntentSchema, formData);
  const intent = String(formData.get("intent") ?? "");
  if (!parsed.ok) return intentFailure(intent, t, { fieldErrors: parsed.fieldErrors, values: parsed.values });
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const command = parsed.data;
  const here = issuePath(community.slug, number);
  try {
    let notified: string[] = [];
    switch (command.intent) {
      case "accept":
      case "reject":
      case "merge":
      case "resolve_directly":
      case "put_on_agenda":
      case "escalate":
        ({ notified } = await triageIssue(db, systemClock, user, issue.id, command));
        break;
      case "acknowledge":
        ({ notified } = await acknowledgeEscalation(db, systemClock, user, issue.id, command.version, command.note));
        break;
      case "add_action_item":
        ({ notified } = await addActionItem(db, systemClock, user, issue.id, command));
        break;
      case "claim":
        await assertItemOfIssue(command.actionItemId, issue.id);
        ({ notified } = await claimActionItem(db, systemClock, user, command.actionItemId));
        break;
      case "progress":
      case "done":
        await assertItemOfIssue(command.actionItemId, issue.id);
        ({ notified } = await postProgress(
          db,
          systemClock,
          getStorage(),
          user,
          command.actionItemId,
          command.intent === "done"
            ? { text: command.text, percent: 100, done: true }
            : { text: command.text, percent: command.percent, done: false },
          files.filter((f) => f.field === "photos"),
        ));
        break;
      case "acceptance":
        ({ notified } = await respondToAcceptance(db, systemClock, user, issue.id, {
          satisfied: command.satisfied === "yes",
          reason: command.reason,
        }));
        break;
      case "follow":
      case "unfollow":
        await setFollowing(db, systemClock, user, issue.id, command.intent === "follow");
        break;
      case "me_too":
        await addMeToo(db, systemClock, user, issue.id);
        break;
    }
    await pushNotificationCounts(context, notified);
    return redirect(
      `${here}#${command.intent === "progress" || command.intent === "done" || command.intent === "claim" ? `item-${command.actionItemId}` : "top"}`,
    );
  } catch (error) {
    return intentFailure(intent, t, { values, error });
  }
}

async function assertItemOfIssue(actionItemId: string, issueId: string) {
  const item = await getDb().actionItem.findUnique({ where: { id: actionItemId }, select: { issueId: true } });
  if (!item || item.issueId !== issueId) throw data(null, { status: 404 });
}

export default function IssuePage() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  const [searchParams] = useSearchParams();
  const { issue } = page;
  const colon = lang === "en" ? ": " : "：";
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
        <section className="card border-amber-300 bg-amber-50" aria-labelledby="reporter-heading">
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
