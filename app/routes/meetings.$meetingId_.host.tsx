import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ConnectionBanner } from "../components/meetings/connection-banner";
import { DecisionForm } from "../components/meetings/decision-form";
import { Comments, Opinions } from "../components/meetings/discussion";
import { STATUS_TONE } from "../components/meetings/format";
import { CommandError, HandCountForm, PollOpenForm, useCommand } from "../components/meetings/host-controls";
import { QuorumBadge, ResultSummary, TallyBars } from "../components/meetings/poll-numbers";
import { RollCallPanel } from "../components/meetings/roll-call-table";
import { SpeakerTimer } from "../components/meetings/speaker-timer";
import { hostConsolePage } from "../domain/meetings/live-pages.server";
import { localized } from "../i18n/config";
import { useMeeting } from "../realtime/client";
import { recordId } from "../schemas/params";
import { param } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "meetings"] };

export const meta: MetaFunction = () => [{ title: "主持台 Host console · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  return hostConsolePage(context.db, context.clock, user, param(params, "meetingId", recordId));
});

export default function HostConsole() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("meetings");
  const { snapshot, connection, send } = useMeeting(data.snapshot.state.meetingId, data.snapshot);
  const command = useCommand(send);
  const revalidator = useRevalidator();
  const state = snapshot?.state ?? data.snapshot.state;
  const me = snapshot?.me ?? data.snapshot.me;

  // The roll list comes from the page; refresh it when attendance moves. Not on the first render: the page
  // was just loaded, and a revalidation racing the roll call's first fetcher.load makes Remix answer that
  // fetch with "no route matches" (remix-run/remix#10263, lazy route discovery).
  const attendance = `${state.attendance.checkedIn}:${state.attendance.proxies}`;
  const shownAttendance = useRef(attendance);
  useEffect(() => {
    if (attendance === shownAttendance.current) return;
    shownAttendance.current = attendance;
    if (revalidator.state === "idle") revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attendance]);

  const current = state.agenda.find((a) => a.id === state.currentItemId) ?? null;
  const poll = state.poll;
  const live = connection === "live";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-ink-muted">{t("host.title")}</p>
          <h1 className="break-words">{state.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2">
            <span className={`badge ${STATUS_TONE[state.status]}`} data-testid="meeting-status">
              {t(`status.${state.status}`)}
            </span>
            <span className="text-ink-muted">
              {t("join.codeLabel")} <strong className="tracking-widest">{state.code}</strong>
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={`/meetings/${state.meetingId}/projector`} target="_blank" rel="noreferrer" className="btn-secondary">
            {t("host.openProjector")}
          </a>
          <Link to={`/meetings/${state.meetingId}`} className="btn-secondary">
            {t("host.manage")}
          </Link>
        </div>
      </div>
      <ConnectionBanner connection={connection} />

      <section className="card flex flex-wrap items-center justify-between gap-3" aria-label={t("host.meetingControls")}>
        <QuorumBadge attendance={state.attendance} />
        <div className="flex flex-wrap gap-2">
          {state.status === "planned" ? (
            <button
              type="button"
              className="btn-primary"
              disabled={!live || command.busy}
              onClick={() => void command.run("meeting:start", { meetingId: state.meetingId })}
            >
              {t("host.start")}
            </button>
          ) : null}
          {state.status === "live" ? (
            <button
              type="button"
              className="btn-secondary"
              disabled={!live || command.busy}
              onClick={() => {
                if (window.confirm(t("host.endConfirm"))) void command.run("meeting:end", { meetingId: state.meetingId });
              }}
            >
              {t("host.end")}
            </button>
          ) : null}
        </div>
        <div className="w-full">
          <CommandError error={command.error} />
        </div>
      </section>

      <div className="grid gap-5 lg:grid-cols-5">
        <div className="space-y-5 lg:col-span-3">
          <section className="card space-y-3" aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{t("agenda.title")}</h2>
            {state.agenda.length === 0 ? <p className="text-ink-muted">{t("agenda.empty")}</p> : null}
            <ol className="space-y-2">
              {state.agenda.map((item) => (
                <li
                  key={item.id}
                  className={`flex flex-wrap items-center justify-between gap-2 rounded-lg border p-3 ${item.id === state.currentItemId ? "border-brand-600 bg-brand-50" : "border-stone-200"}`}
                >
                  <span className="min-w-0">
                    <span className="text-ink-muted">{item.position}. </span>
                    <span className="font-medium">{item.title}</span>
                    {item.issueNumber ? <span className="ml-2 text-sm text-ink-muted">#{item.issueNumber}</span> : null}
                    {item.hasDecision ? (
                      <span className="badge ml-2 bg-green-100 text-green-900">{t("decision.recordedBadge")}</span>
                    ) : null}
                  </span>
                  {item.id === state.currentItemId ? (
                    <span className="badge bg-brand-600 text-white">{t("agenda.current")}</span>
                  ) : state.status === "live" ? (
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={!live || command.busy || poll?.status === "open"}
                      onClick={() => void command.run("agenda:set-current", { meetingId: state.meetingId, agendaItemId: item.id })}
                    >
                      {t("agenda.makeCurrent")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>

          <section className="card space-y-4" aria-labelledby="poll-heading">
            <h2 id="poll-heading">{t("poll.title")}</h2>
            {state.status !== "live" ? (
              <p className="text-ink-muted">{t("host.pollNeedsLive")}</p>
            ) : poll?.status === "open" ? (
              <div className="space-y-4">
                <p className="text-xl font-semibold">{poll.question}</p>
                <p className="flex flex-wrap gap-2 text-sm">
                  <span className="badge bg-indigo-100 text-indigo-900">{t(`ballotModes.${poll.ballotMode}`)}</span>
                  <span className="badge bg-stone-200 text-stone-800">{t(`passRules.${poll.passRule}`)}</span>
                  {poll.resultsHidden ? <span className="badge bg-stone-200 text-stone-800">{t("poll.resultsHiddenBadge")}</span> : null}
                </p>
                <p className="text-lg" data-testid="turnout">
                  {t("poll.turnout", { cast: poll.votesCast + poll.manualVoters, present: state.attendance.present })}
                </p>
                <TallyBars poll={poll} />
                <button
                  type="button"
                  className="btn-primary"
                  disabled={!live || command.busy}
                  onClick={() => void command.run("poll:close", { pollId: poll.id })}
                >
                  {t("host.closePoll")}
                </button>
                {poll.ballotMode === "named" ? <RollCallPanel pollId={poll.id} votesCast={poll.votesCast} status={poll.status} /> : null}
                {me?.mayCheckIn ? (
                  <details className="rounded-lg border border-stone-200 p-3">
                    <summary className="cursor-pointer font-semibold">{t("handCount.title")}</summary>
                    <div className="mt-3">
                      <HandCountForm poll={poll} send={send} />
                    </div>
                  </details>
                ) : null}
              </div>
            ) : (
              <div className="space-y-5">
                {poll?.result ? (
                  <div className="space-y-3 rounded-lg bg-stone-50 p-3">
                    <p className="font-semibold">{poll.question}</p>
                    <ResultSummary result={poll.result} />
                    <TallyBars poll={poll} />
                    {poll.ballotMode === "named" ? (
                      <RollCallPanel pollId={poll.id} votesCast={poll.votesCast} status={poll.status} />
                    ) : null}
                  </div>
                ) : null}
                {current && me?.mayRecordDecision && !current.hasDecision && poll?.result ? (
                  <DecisionForm
                    meetingId={state.meetingId}
                    agendaItemId={current.id}
                    pollId={poll.id}
                    result={poll.result}
                    units={data.units.map((u) => ({ id: u.id, name: localized(i18n.language, u.nameZh, u.nameEn) }))}
                    hasIssue={!!current.issueId}
                  />
                ) : null}
                {current ? (
                  <PollOpenForm key={current.id} state={state} send={send} />
                ) : (
                  <p className="text-ink-muted">{t("host.chooseItemFirst")}</p>
                )}
              </div>
            )}
          </section>

          <section className="card space-y-3" aria-labelledby="discussion-heading">
            <h2 id="discussion-heading">{t("opinions.title")}</h2>
            <Opinions state={state} me={me} send={send} />
            <h2>{t("comments.title")}</h2>
            <Comments state={state} me={me} send={send} />
          </section>
        </div>

        <div className="space-y-5 lg:col-span-2">
          <section className="card space-y-3" aria-labelledby="speakers-heading">
            <h2 id="speakers-heading">{t("speakers.title")}</h2>
            {state.speaker ? (
              <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-green-50 p-3" data-testid="current-speaker">
                <span>
                  <span className="text-sm text-ink-muted">{t("speakers.speaking")}</span>
                  <span className="block text-lg font-semibold">{state.speaker.name}</span>
                </span>
                <SpeakerTimer
                  key={state.speaker.requestId}
                  startedAt={state.speaker.startedAt}
                  limitSeconds={state.speakerSeconds}
                  serverNow={state.serverNow}
                />
                <button
                  type="button"
                  className="btn-secondary"
                  disabled={!live}
                  onClick={() => void command.run("speaker:end", { meetingId: state.meetingId })}
                >
                  {t("speakers.end")}
                </button>
              </div>
            ) : (
              <p className="text-ink-muted">{t("speakers.nobody")}</p>
            )}
            <ol className="space-y-2" data-testid="speaker-queue">
              {state.queue.map((entry, i) => (
                <li key={entry.requestId} className="flex items-center justify-between gap-2 rounded-lg border border-stone-200 p-2">
                  <span>
                    {i + 1}. {entry.name}
                  </span>
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={!live}
                    onClick={() => void command.run("speaker:give-floor", { meetingId: state.meetingId, requestId: entry.requestId })}
                  >
                    {t("speakers.giveFloor")}
                  </button>
                </li>
              ))}
            </ol>
            {state.queue.length === 0 ? <p className="text-sm text-ink-muted">{t("speakers.queueEmpty")}</p> : null}
          </section>

          <section className="card space-y-3" aria-labelledby="roll-heading">
            <h2 id="roll-heading">{t("roll.title")}</h2>
            <p className="text-sm text-ink-muted">
              {t("roll.summary", { checkedIn: state.attendance.checkedIn, total: data.roll.length, proxies: state.attendance.proxies })}
            </p>
            <ul className="divide-y divide-stone-200">
              {data.roll.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-2 py-2" data-testid={`roll-${p.name}`}>
                  <span className="min-w-0">
                    <span className="font-medium">{p.name}</span>
                    <span className="block text-sm text-ink-muted">
                      {t(`roles.${p.role}`)}
                      {p.canVote ? ` · ${t("roll.votes")}` : ""}
                      {p.proxyForId ? ` · ${t("roll.holdsProxy", { name: data.roll.find((x) => x.id === p.proxyForId)?.name ?? "" })}` : ""}
                    </span>
                  </span>
                  {me?.mayCheckIn ? (
                    <button
                      type="button"
                      className={p.checkedIn ? "btn-secondary" : "btn-primary"}
                      disabled={!live || state.status === "ended"}
                      aria-pressed={p.checkedIn}
                      onClick={() =>
                        void command.run("participant:set-checked-in", {
                          meetingId: state.meetingId,
                          participantId: p.id,
                          present: !p.checkedIn,
                        })
                      }
                    >
                      {p.checkedIn ? t("roll.present") : t("roll.checkIn")}
                    </button>
                  ) : (
                    <span className="text-sm">{p.checkedIn ? t("roll.present") : t("roll.absent")}</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
