import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DecisionForm } from "../components/meetings/decision-form";
import { formatWhen, STATUS_TONE } from "../components/meetings/format";
import { ResultSummary } from "../components/meetings/poll-numbers";
import { setCheckedIn } from "../domain/meetings/in-meeting.server";
import { meetingManagePage } from "../domain/meetings/manage-page.server";
import {
  addAgendaItem,
  addIssueToAgenda,
  addRollGuest,
  addRollMember,
  moveAgendaItem,
  removeAgendaItem,
  removeParticipant,
  setProxy,
} from "../domain/meetings/planning.server";
import { localized } from "../i18n/config";
import { liveOrNull } from "../realtime/broadcasts.server";
import {
  AgendaIssueSchema,
  AgendaItemRefSchema,
  AgendaItemSchema,
  AgendaMoveSchema,
  PARTICIPANT_ROLES,
  ParticipantRefSchema,
  ProxySchema,
  RollGuestSchema,
  RollMemberSchema,
} from "../schemas/meetings";
import { recordId } from "../schemas/params";
import { failureFor, firstError } from "../web/forms";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "议事会 Meeting · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  return meetingManagePage(context.db, user, param(params, "meetingId", recordId));
});

const INTENTS = [
  "add-issue",
  "add-item",
  "move",
  "remove-item",
  "add-member",
  "add-guest",
  "remove-participant",
  "check-in",
  "check-out",
  "set-proxy",
] as const;
type Intent = (typeof INTENTS)[number];

export const action = defineAction(
  async ({ request, params, context, form, intent }) => {
    const user = await requireUser(request);
    const meetingId = param(params, "meetingId", recordId);
    const { db, clock } = context;
    const live = liveOrNull(context.io);
    switch (intent as Intent) {
      case "add-issue":
        await addIssueToAgenda(db, clock, user, meetingId, parseForm(AgendaIssueSchema, form).issueId);
        break;
      case "add-item":
        await addAgendaItem(db, clock, user, meetingId, parseForm(AgendaItemSchema, form));
        break;
      case "move": {
        const { agendaItemId, direction } = parseForm(AgendaMoveSchema, form);
        await moveAgendaItem(db, user, meetingId, agendaItemId, direction);
        break;
      }
      case "remove-item":
        await removeAgendaItem(db, clock, user, meetingId, parseForm(AgendaItemRefSchema, form).agendaItemId);
        break;
      case "add-member":
        await addRollMember(db, clock, user, meetingId, parseForm(RollMemberSchema, form));
        break;
      case "add-guest":
        await addRollGuest(db, clock, user, meetingId, parseForm(RollGuestSchema, form));
        break;
      case "remove-participant":
        await removeParticipant(db, clock, user, meetingId, parseForm(ParticipantRefSchema, form).participantId);
        break;
      case "check-in":
      case "check-out": {
        const { participantId } = parseForm(ParticipantRefSchema, form);
        const userId = await setCheckedIn(db, clock, user, meetingId, participantId, intent === "check-in");
        live?.personChanged(userId, meetingId);
        break;
      }
      case "set-proxy": {
        const { holderId, representedId } = parseForm(ProxySchema, form);
        await setProxy(db, clock, user, meetingId, holderId, representedId || null);
        break;
      }
    }
    live?.stateChanged(meetingId);
    return { ok: true as const, intent };
  },
  { intents: INTENTS },
);

export default function ManageMeetingPage() {
  const { meeting, roll, issues, candidates, polls, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("meetings");
  const busy = navigation.state !== "idle";
  const errorFor = (intent: Intent) => {
    const message = firstError(failureFor(result, intent));
    return message ? (
      <p role="alert" className="field-error">
        {message}
      </p>
    ) : null;
  };
  const typed = failureFor(result, "add-item")?.values ?? {};
  const voters = roll.filter((p) => p.canVote);
  const editable = meeting.status !== "ended";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <span className={`badge ${STATUS_TONE[meeting.status]}`}>{t(`status.${meeting.status}`)}</span>
            <span className="badge bg-stone-100 text-stone-800">{t(`forms.${meeting.form}`)}</span>
          </p>
          <h1 className="mt-1 break-words">{meeting.title}</h1>
          <p className="mt-1 text-ink-muted">
            {formatWhen(meeting.startsAt, i18n.language)} · {meeting.place} · {t("manage.hostedBy", { name: meeting.hostName })}
          </p>
          <p className="text-ink-muted">
            {t(`quorumRules.${meeting.quorumRule}`)} · {t("manage.speakerMinutes", { count: Math.round(meeting.speakerSeconds / 60) })} ·{" "}
            {t("join.codeLabel")} <strong className="tracking-widest">{meeting.code}</strong>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {meeting.status !== "ended" ? (
            <Link to={`/meetings/${meeting.id}/host`} className="btn-primary">
              {t("manage.hostConsole")}
            </Link>
          ) : null}
          <a href={`/meetings/${meeting.id}/projector`} className="btn-secondary" target="_blank" rel="noreferrer">
            {t("host.openProjector")}
          </a>
          {meeting.status === "ended" ? (
            <Link to={`/meetings/${meeting.id}/minutes`} className="btn-primary">
              {t("manage.minutes")}
            </Link>
          ) : null}
          <a href={`/meetings/${meeting.id}/calendar.ics`} className="btn-secondary" download>
            {t("manage.ical")}
          </a>
          <Link to={`/c/${meeting.communitySlug}/meetings/${meeting.id}`} className="btn-secondary">
            {t("list.public")}
          </Link>
        </div>
      </div>

      <section className="card space-y-4" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("agenda.title")}</h2>
        {meeting.agendaItems.length === 0 ? <p className="text-ink-muted">{t("agenda.empty")}</p> : null}
        <ol className="space-y-2">
          {meeting.agendaItems.map((item, index) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-stone-200 p-3">
              <span className="min-w-0">
                <span className="text-ink-muted">{item.position}. </span>
                <span className="font-medium">{item.title}</span>
                {item.issue ? (
                  <Link to={`/c/${meeting.communitySlug}/issues/${item.issue.number}`} className="ml-2 text-sm text-brand-700 underline">
                    #{item.issue.number}
                  </Link>
                ) : (
                  <span className="ml-2 text-sm text-ink-muted">{t("agenda.freeStanding")}</span>
                )}
                {item.decisions.length ? (
                  <span className="badge ml-2 bg-green-100 text-green-900">{t("decision.recordedBadge")}</span>
                ) : null}
              </span>
              {editable ? (
                <span className="flex flex-wrap gap-1">
                  {(["up", "down"] as const).map((direction) => (
                    <Form method="post" key={direction}>
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="agendaItemId" value={item.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button
                        type="submit"
                        className="btn-secondary px-3"
                        disabled={busy || (direction === "up" ? index === 0 : index === meeting.agendaItems.length - 1)}
                        aria-label={t(`agenda.move_${direction}`, { title: item.title })}
                      >
                        {direction === "up" ? "↑" : "↓"}
                      </button>
                    </Form>
                  ))}
                  {item.status === "pending" && item.decisions.length === 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-item" />
                      <input type="hidden" name="agendaItemId" value={item.id} />
                      <button type="submit" className="btn-secondary" disabled={busy}>
                        {t("agenda.remove")}
                      </button>
                    </Form>
                  ) : null}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        {errorFor("move")}
        {errorFor("remove-item")}
        {editable ? (
          <div className="grid gap-4 md:grid-cols-2">
            <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
              <input type="hidden" name="intent" value="add-issue" />
              <label htmlFor="issueId" className="field-label">
                {t("agenda.fromTracker")}
              </label>
              <select id="issueId" name="issueId" className="field-input" required>
                <option value="">{t("agenda.chooseIssue")}</option>
                {issues.map((issue) => (
                  <option key={issue.id} value={issue.id}>
                    #{issue.number} {issue.title}
                  </option>
                ))}
              </select>
              <p className="text-sm text-ink-muted">{t("agenda.fromTrackerHint")}</p>
              {errorFor("add-issue")}
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("agenda.addIssue")}
              </button>
            </Form>
            <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
              <input type="hidden" name="intent" value="add-item" />
              <label htmlFor="item-title" className="field-label">
                {t("agenda.freeTitle")}
              </label>
              <input id="item-title" name="title" className="field-input" required maxLength={160} defaultValue={typed.title ?? ""} />
              <label htmlFor="item-description" className="field-label">
                {t("agenda.freeDescription")}
              </label>
              <textarea
                id="item-description"
                name="description"
                className="field-input"
                rows={2}
                maxLength={2000}
                defaultValue={typed.description ?? ""}
              />
              {errorFor("add-item")}
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("agenda.addItem")}
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      <section className="card space-y-4" aria-labelledby="roll-heading">
        <h2 id="roll-heading">{t("roll.title")}</h2>
        <p className="text-ink-muted">
          {t("roll.manageSummary", { total: roll.length, voters: voters.length, checkedIn: roll.filter((p) => p.checkedIn).length })}
        </p>
        {errorFor("check-in")}
        {errorFor("check-out")}
        {errorFor("set-proxy")}
        {errorFor("remove-participant")}
        <ul className="divide-y divide-stone-200">
          {roll.map((p) => (
            <li key={p.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <span className="min-w-0">
                <span className="font-medium">{p.name}</span>
                <span className="block text-sm text-ink-muted">
                  {t(`roles.${p.role}`)} · {p.canVote ? t("roll.votes") : t("roll.noVote")}
                  {p.userId ? "" : ` · ${t("roll.noAccount")}`}
                </span>
              </span>
              <span className="flex flex-wrap items-center gap-2">
                {p.canVote && editable ? (
                  <Form method="post" className="flex min-w-0 items-center gap-1">
                    <input type="hidden" name="intent" value="set-proxy" />
                    <input type="hidden" name="holderId" value={p.id} />
                    <label className="sr-only" htmlFor={`proxy-${p.id}`}>
                      {t("roll.proxyFor", { name: p.name })}
                    </label>
                    <select
                      id={`proxy-${p.id}`}
                      name="representedId"
                      defaultValue={p.proxyForId ?? ""}
                      className="field-input w-auto min-w-0 max-w-[12rem]"
                    >
                      <option value="">{t("roll.noProxy")}</option>
                      {voters
                        .filter((v) => v.id !== p.id)
                        .map((v) => (
                          <option key={v.id} value={v.id}>
                            {t("roll.holdsProxy", { name: v.name })}
                          </option>
                        ))}
                    </select>
                    <button type="submit" className="btn-secondary shrink-0 px-3" disabled={busy}>
                      {t("roll.saveProxy")}
                    </button>
                  </Form>
                ) : null}
                {editable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value={p.checkedIn ? "check-out" : "check-in"} />
                    <input type="hidden" name="participantId" value={p.id} />
                    <button
                      type="submit"
                      className={p.checkedIn ? "btn-secondary" : "btn-primary"}
                      disabled={busy}
                      aria-pressed={p.checkedIn}
                      aria-label={`${p.checkedIn ? t("roll.present") : t("roll.checkIn")} ${p.name}`}
                    >
                      {p.checkedIn ? t("roll.present") : t("roll.checkIn")}
                    </button>
                  </Form>
                ) : (
                  <span>{p.checkedIn ? t("roll.present") : t("roll.absent")}</span>
                )}
                {meeting.status === "planned" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-participant" />
                    <input type="hidden" name="participantId" value={p.id} />
                    <button type="submit" className="btn-secondary" disabled={busy} aria-label={`${t("roll.remove")} ${p.name}`}>
                      {t("roll.remove")}
                    </button>
                  </Form>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
        {editable ? (
          <div className="grid gap-4 md:grid-cols-2">
            <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
              <input type="hidden" name="intent" value="add-member" />
              <label htmlFor="userId" className="field-label">
                {t("roll.addMember")}
              </label>
              <select id="userId" name="userId" className="field-input" required>
                <option value="">{t("roll.choosePerson")}</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <RoleAndVote prefix="member" />
              {errorFor("add-member")}
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("roll.add")}
              </button>
            </Form>
            <Form method="post" className="space-y-2 rounded-lg bg-stone-50 p-3">
              <input type="hidden" name="intent" value="add-guest" />
              <label htmlFor="guest-name" className="field-label">
                {t("roll.addGuest")}
              </label>
              <input id="guest-name" name="name" className="field-input" required maxLength={60} />
              <p className="text-sm text-ink-muted">{t("roll.addGuestHint")}</p>
              <RoleAndVote prefix="guest" />
              {errorFor("add-guest")}
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("roll.add")}
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      <section className="card space-y-4" aria-labelledby="results-heading">
        <h2 id="results-heading">{t("manage.resultsAndDecisions")}</h2>
        {meeting.agendaItems.map((item) => {
          const itemPolls = polls.filter((p) => p.agendaItemId === item.id);
          return (
            <div key={item.id} className="space-y-3 border-t border-stone-200 pt-3 first:border-t-0 first:pt-0">
              <h3 className="font-semibold">
                {item.position}. {item.title}
              </h3>
              {itemPolls.map((p) =>
                p.result ? (
                  <div key={p.id} className="rounded-lg bg-stone-50 p-3">
                    <p className="font-medium">{p.question}</p>
                    <ResultSummary result={p.result} />
                  </div>
                ) : null,
              )}
              {item.decisions.map((d) => (
                <p key={d.id} className="rounded-lg bg-green-50 p-3">
                  <span className="badge mr-2 bg-green-100 text-green-900">{t(`decisionStatus.${d.status}`)}</span>
                  {d.text}
                </p>
              ))}
              {item.decisions.length === 0 && meeting.status !== "planned" ? (
                <DecisionForm
                  meetingId={meeting.id}
                  agendaItemId={item.id}
                  pollId={itemPolls.at(-1)?.id}
                  result={itemPolls.at(-1)?.result}
                  units={units.map((u) => ({ id: u.id, name: localized(i18n.language, u.nameZh, u.nameEn) }))}
                  hasIssue={!!item.issueId}
                />
              ) : null}
            </div>
          );
        })}
      </section>
    </div>
  );
}

function RoleAndVote({ prefix }: { prefix: string }) {
  const { t } = useTranslation("meetings");
  return (
    <div className="grid grid-cols-2 gap-2">
      <div>
        <label htmlFor={`${prefix}-role`} className="field-label">
          {t("roll.role")}
        </label>
        <select id={`${prefix}-role`} name="role" className="field-input">
          {PARTICIPANT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="flex min-h-[44px] items-center gap-2 self-end">
        <input type="checkbox" name="canVote" defaultChecked className="h-5 w-5 accent-brand-600" />
        {t("roll.mayVote")}
      </label>
    </div>
  );
}
