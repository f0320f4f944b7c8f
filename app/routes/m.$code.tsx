import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import crypto from "node:crypto";
import { useTranslation } from "react-i18next";
import { ConnectionBanner } from "../components/meetings/connection-banner";
import { LiveAnnouncer } from "../components/meetings/live-announcer";
import { CommentForm, Comments, OpinionForm, Opinions } from "../components/meetings/discussion";
import { STATUS_TONE } from "../components/meetings/format";
import { QuorumBadge, ResultSummary, TallyBars } from "../components/meetings/poll-numbers";
import { SpeakerTimer } from "../components/meetings/speaker-timer";
import { useTranslateReason } from "../components/meetings/use-reason";
import { VotePanel } from "../components/meetings/vote-panel";
import { systemClock } from "../infra/clock";
import { isDomainError } from "../domain/errors";
import { mayFollowMeeting, meetingRefSelect } from "../domain/meetings/access.server";
import { checkInSelf, lowerHand, raiseHand } from "../domain/meetings/in-meeting.server";
import { meetingState, personalState } from "../domain/meetings/state.server";
import { writeBallotBatch } from "../domain/voting/ballots.server";
import { i18nServer } from "../i18n/i18next.server";
import { useMeeting } from "../realtime/client";
import { liveOrNull } from "../realtime/broadcasts.server";
import { CastBallotSchema } from "../schemas/voting";
import { getDb } from "../infra/db.server";
import { requireUser } from "../web/session.server";
import { useState } from "react";
import { param, readFormData } from "../web/params.server";
import { joinCode } from "../schemas/params";

export const meta: MetaFunction = () => [{ title: "议事会 Meeting · 议事 Yishi" }];

async function meetingByCode(request: Request, code: string | undefined) {
  const user = await requireUser(request);
  const db = getDb();
  const meeting = await db.meeting.findUnique({ where: { code: (code ?? "").toUpperCase() }, select: meetingRefSelect });
  if (!meeting) throw new Response(null, { status: 404 });
  if (!(await mayFollowMeeting(db, user, meeting))) throw new Response(null, { status: 403 });
  return { user, db, meeting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, meeting } = await meetingByCode(request, param(params, "code", joinCode));
  const state = await meetingState(db, meeting.id, systemClock.now());
  if (!state) throw new Response(null, { status: 404 });
  const me = await personalState(db, user, meeting, state.poll?.status === "open" ? state.poll : null);
  // One key per vote held, made when the page is rendered: resubmitting the same form (no JavaScript, a
  // flaky connection) is then answered with the first result.
  const formKeys = Object.fromEntries(me.votes.map((v) => [v.voterId, crypto.randomUUID()]));
  return { snapshot: { state, me }, formKeys };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, db, meeting } = await meetingByCode(request, param(params, "code", joinCode));
  const t = await i18nServer.getFixedT(request);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const live = liveOrNull(context.io);
  try {
    if (intent === "check-in") await checkInSelf(db, systemClock, user, meeting.id);
    else if (intent === "raise-hand") await raiseHand(db, systemClock, user, meeting.id);
    else if (intent === "lower-hand") await lowerHand(db, systemClock, user, meeting.id);
    else if (intent === "vote") {
      const parsed = CastBallotSchema.safeParse({
        pollId: form.get("pollId"),
        choices: form.getAll("choice").map(String),
        forParticipantId: form.get("forParticipantId") || undefined,
        idempotencyKey: form.get("idempotencyKey"),
      });
      if (!parsed.success) return data({ error: t(parsed.error.issues[0]?.message ?? "meetings:errors.malformed") }, { status: 400 });
      const me = await db.participant.findUnique({
        where: { meetingId_userId: { meetingId: meeting.id, userId: user.id } },
        select: { id: true },
      });
      if (!me) return data({ error: t("meetings:errors.notEligible") }, { status: 403 });
      const request = {
        pollId: parsed.data.pollId,
        casterId: me.id,
        voterId: parsed.data.forParticipantId ?? me.id,
        choices: parsed.data.choices,
        idempotencyKey: parsed.data.idempotencyKey,
      };
      const outcome = live ? await live.ballots.cast(request) : (await writeBallotBatch(db, systemClock, parsed.data.pollId, [request]))[0];
      if (!outcome.ok) return data({ error: t(outcome.reason, outcome.values ?? {}) }, { status: 409 });
      live?.tallyChanged(meeting.id, parsed.data.pollId);
    } else return data({ error: t("meetings:errors.malformed") }, { status: 400 });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data({ error: t(error.key, error.values) }, { status: 400 });
  }
  live?.stateChanged(meeting.id);
  return redirect(`/m/${meeting.code}`);
}

export default function ParticipantPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("meetings");
  const reason = useTranslateReason();
  const { snapshot, connection, deliveries, send, castVote, refresh } = useMeeting(data.snapshot.state.meetingId, data.snapshot);
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
    setError(response.ok ? null : reason(response.reason, response.values));
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
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
          {error}
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
