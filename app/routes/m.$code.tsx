import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import crypto from "node:crypto";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConnectionBanner } from "../components/meetings/connection-banner";
import { CommentForm, Comments, OpinionForm, Opinions } from "../components/meetings/discussion";
import { STATUS_TONE } from "../components/meetings/format";
import { LiveAnnouncer } from "../components/meetings/live-announcer";
import { QuorumBadge, ResultSummary, TallyBars } from "../components/meetings/poll-numbers";
import { SpeakerTimer } from "../components/meetings/speaker-timer";
import { useRefusalText } from "../components/meetings/use-refusal-text";
import { VotePanel } from "../components/meetings/vote-panel";
import { followMeetingByCode } from "../domain/meetings/access.server";
import { checkInSelf, lowerHand, raiseHand } from "../domain/meetings/in-meeting.server";
import { participantPage } from "../domain/meetings/live-pages.server";
import { castBallot, directBallotChannel } from "../domain/voting/cast-ballot.server";
import { liveOrNull } from "../realtime/broadcasts.server";
import { useMeeting } from "../realtime/client";
import { joinCode } from "../schemas/params";
import { CastBallotSchema } from "../schemas/voting";
import { failureFor, firstError } from "../web/forms";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "meetings"] };

export const meta: MetaFunction = () => [{ title: "议事会 Meeting · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const { snapshot } = await participantPage(context.db, context.clock, user, param(params, "code", joinCode));
  // One key per vote held, made when the page is rendered: resubmitting the same form (no JavaScript, a
  // flaky connection) is then answered with the first result.
  const formKeys = Object.fromEntries((snapshot.me?.votes ?? []).map((v) => [v.voterId, crypto.randomUUID()]));
  return { snapshot, formKeys };
});

/** The same actions as the socket events, for phones whose JavaScript has not loaded (or never will). */
export const action = defineAction(
  async ({ request, params, context, form, intent }) => {
    const user = await requireUser(request);
    const { db, clock } = context;
    const meeting = await followMeetingByCode(db, user, param(params, "code", joinCode));
    const live = liveOrNull(context.io);
    if (intent === "check-in") await checkInSelf(db, clock, user, meeting.id);
    else if (intent === "raise-hand") await raiseHand(db, clock, user, meeting.id);
    else if (intent === "lower-hand") await lowerHand(db, clock, user, meeting.id);
    else {
      const input = parseForm(CastBallotSchema, {
        pollId: form.get("pollId"),
        choices: form.getAll("choice").map(String),
        forParticipantId: form.get("forParticipantId") || undefined,
        idempotencyKey: form.get("idempotencyKey"),
      });
      // Through the live queue, the batch that commits it broadcasts the tally (broadcasts.server.ts).
      await castBallot(live?.ballotChannel() ?? directBallotChannel(db, clock), user, input);
    }
    live?.stateChanged(meeting.id);
    return redirect(`/m/${meeting.code}`);
  },
  { intents: ["check-in", "raise-hand", "lower-hand", "vote"] },
);

export default function ParticipantPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("meetings");
  const refusalText = useRefusalText();
  const { snapshot, connection, deliveries, send, castVote, refresh } = useMeeting(data.snapshot.state.meetingId, data.snapshot);
  // Without JavaScript a refused form comes back as the page's action data; with it, over the socket.
  const posted = firstError(failureFor(useActionData<typeof action>()));
  const [error, setError] = useState<string | null>(null);
  const state = snapshot?.state ?? data.snapshot.state;
  const me = snapshot?.me ?? data.snapshot.me;
  const current = state.agenda.find((a) => a.id === state.currentItemId) ?? null;
  const poll = state.poll;
  const live = connection === "live";
  // The queue and the floor are public state, so they are read from it: always as fresh as the last broadcast.
  const hand = !me?.participantId
    ? "none"
    : state.speaker?.participantId === me.participantId
      ? "speaking"
      : state.queue.some((q) => q.participantId === me.participantId)
        ? "waiting"
        : "none";

  // With JavaScript these go over the socket; without it the same forms post to the page.
  const viaSocket = (event: "meeting:check-in" | "speaker:raise" | "speaker:lower") => async (e: React.FormEvent) => {
    if (!live) return;
    e.preventDefault();
    const response = await send(event, { meetingId: state.meetingId });
    setError(response.ok ? null : refusalText(response));
    if (response.ok) void refresh();
  };

  const proxyNames = Object.fromEntries((me?.votes ?? []).filter((v) => v.viaProxy).map((v) => [v.voterId, v.name]));
  const pollSection = poll ? (
    <section className="card space-y-4" aria-labelledby="poll-heading" data-testid="participant-poll">
      <h2 id="poll-heading">{poll.question}</h2>
      {poll.status === "open" ? (
        <>
          {me ? (
            <VotePanel poll={poll} me={me} connection={connection} cast={castVote} deliveries={deliveries} formKeys={data.formKeys} />
          ) : null}
          <p className="text-sm text-ink-muted">
            {t("poll.turnout", { cast: poll.votesCast + poll.manualVoters, present: state.attendance.present })}
          </p>
        </>
      ) : (
        <>
          {poll.result ? <ResultSummary result={poll.result} /> : null}
          <TallyBars poll={poll} />
        </>
      )}
    </section>
  ) : null;
  // While a poll is open the ballot comes straight after the title, so a phone in large text does not
  // scroll past attendance and the agenda to reach it.
  const ballotFirst = poll?.status === "open";

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2">
          <span className={`badge ${STATUS_TONE[state.status]}`}>{t(`status.${state.status}`)}</span>
          {me?.role ? <span className="badge bg-stone-100 text-stone-800">{t(`roles.${me.role}`)}</span> : null}
        </p>
        <h1 className="break-words">{state.title}</h1>
        <ConnectionBanner connection={connection} />
      </header>
      <LiveAnnouncer state={state} connection={connection} deliveries={deliveries} voterNames={proxyNames} />
      {ballotFirst ? pollSection : null}
      {(error ?? posted) ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
          {error ?? posted}
        </p>
      ) : null}

      {!me?.participantId ? (
        <p className="card text-ink-muted">{t("participant.notOnRoll")}</p>
      ) : !me.checkedIn ? (
        state.status === "ended" ? null : (
          <Form method="post" onSubmit={viaSocket("meeting:check-in")} className="card space-y-3 border-brand-600">
            <p className="text-lg">{t("participant.checkInPrompt", { name: me.name })}</p>
            <input type="hidden" name="intent" value="check-in" />
            <button type="submit" className="btn-primary w-full text-xl">
              {t("participant.checkIn")}
            </button>
          </Form>
        )
      ) : (
        <p className="rounded-lg bg-green-50 p-3 font-medium text-green-900" data-testid="checked-in">
          {t("participant.checkedIn", { name: me.name })}
          {me.proxyFor?.valid ? ` · ${t("participant.holdsProxy", { name: me.proxyFor.name })}` : ""}
        </p>
      )}

      <QuorumBadge attendance={state.attendance} />

      <section className="card space-y-2" aria-labelledby="item-heading">
        <p className="text-sm text-ink-muted">{t("participant.nowDiscussing")}</p>
        <h2 id="item-heading">
          {current ? `${current.position}. ${current.title}` : state.status === "ended" ? t("projector.ended") : t("projector.waiting")}
        </h2>
        {current?.description ? <p className="whitespace-pre-line text-ink-muted">{current.description}</p> : null}
      </section>

      {ballotFirst ? null : pollSection}

      {state.status === "live" ? (
        <section className="card space-y-3" aria-labelledby="speak-heading">
          <h2 id="speak-heading">{t("speakers.title")}</h2>
          {state.speaker ? (
            <p className="flex items-center justify-between gap-2">
              <span>
                {t("speakers.speaking")}: <strong>{state.speaker.name}</strong>
              </span>
              <SpeakerTimer
                key={state.speaker.requestId}
                startedAt={state.speaker.startedAt}
                limitSeconds={state.speakerSeconds}
                serverNow={state.serverNow}
              />
            </p>
          ) : null}
          {me?.checkedIn ? (
            hand === "none" ? (
              <Form method="post" onSubmit={viaSocket("speaker:raise")}>
                <input type="hidden" name="intent" value="raise-hand" />
                <button type="submit" className="btn-primary w-full text-lg">
                  {t("speakers.raiseHand")}
                </button>
              </Form>
            ) : hand === "waiting" ? (
              <Form method="post" onSubmit={viaSocket("speaker:lower")} className="space-y-2">
                <p className="font-medium" data-testid="hand-raised">
                  {t("speakers.waiting", { position: state.queue.findIndex((q) => q.participantId === me.participantId) + 1 })}
                </p>
                <input type="hidden" name="intent" value="lower-hand" />
                <button type="submit" className="btn-secondary w-full">
                  {t("speakers.lowerHand")}
                </button>
              </Form>
            ) : (
              <p className="font-semibold text-green-800">{t("speakers.yourTurn")}</p>
            )
          ) : null}
        </section>
      ) : null}

      {state.currentItemId ? (
        <section className="card space-y-3" aria-labelledby="opinions-heading">
          <h2 id="opinions-heading">{t("opinions.title")}</h2>
          <Opinions state={state} me={me} />
          {me?.isExpert && state.status === "live" ? (
            <details className="rounded-lg border border-indigo-200 p-3">
              <summary className="cursor-pointer font-semibold">{t("opinions.give")}</summary>
              <div className="mt-3">
                <OpinionForm state={state} send={send as never} />
              </div>
            </details>
          ) : null}
        </section>
      ) : null}

      {state.currentItemId ? (
        <section className="card space-y-3" aria-labelledby="comments-heading">
          <h2 id="comments-heading">{t("comments.title")}</h2>
          {me?.checkedIn && state.status === "live" ? <CommentForm state={state} send={send as never} /> : null}
          <Comments state={state} me={me} />
        </section>
      ) : null}
    </div>
  );
}
