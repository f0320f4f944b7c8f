import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgendaEditor } from "../components/meetings/agenda-editor";
import { DecisionForm } from "../components/meetings/decision-form";
import { formatWhen, STATUS_TONE } from "../components/meetings/format";
import { ResultSummary } from "../components/meetings/poll-numbers";
import { RollEditor } from "../components/meetings/roll-editor";
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
  ParticipantRefSchema,
  ProxySchema,
  RollGuestSchema,
  RollMemberSchema,
} from "../schemas/meetings";
import { recordId } from "../schemas/params";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["meetings", "enrol"] };

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

      <AgendaEditor meeting={meeting} issues={issues} answer={result} busy={busy} />

      <RollEditor meeting={meeting} roll={roll} candidates={candidates} answer={result} busy={busy} />

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
