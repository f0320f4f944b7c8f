import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConnectionBanner } from "../components/meetings/connection-banner";
import { QuorumBadge, ResultSummary, TallyBars } from "../components/meetings/poll-numbers";
import { SpeakerTimer } from "../components/meetings/speaker-timer";
import { joinPath } from "../domain/meetings/access.server";
import { projectorPage } from "../domain/meetings/live-pages.server";
import { useMeeting } from "../realtime/client";
import { recordId } from "../schemas/params";
import { param } from "../web/params.server";
import { publicOrigin } from "../web/public-url.server";
import { qrCodeSvg } from "../web/qr-code.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "meetings"] };

export const meta: MetaFunction = () => [{ title: "投屏 Projector · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const { snapshot, code } = await projectorPage(context.db, context.clock, user, param(params, "meetingId", recordId));
  const joinUrl = `${publicOrigin(request)}${joinPath(code)}`;
  // Rendered on the server: the code is on screen before any script runs.
  const svg = await qrCodeSvg(joinUrl);
  return { snapshot, joinUrl, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
});

/** Full screen, dark, large type: readable from the back of a community hall. */
export default function ProjectorPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("meetings");
  const { snapshot, connection } = useMeeting(data.snapshot.state.meetingId, data.snapshot);
  const state = snapshot?.state ?? data.snapshot.state;
  const current = state.agenda.find((a) => a.id === state.currentItemId) ?? null;
  const poll = state.poll;
  return (
    <div className="fixed inset-0 z-50 overflow-auto bg-stone-950 text-white" data-testid="projector">
      <div className="grid min-h-full gap-8 p-6 lg:grid-cols-[1fr_22rem] lg:p-10">
        <div className="min-w-0 space-y-8">
          <header className="space-y-2">
            <p className="text-2xl text-stone-300">
              {state.title} · {t(`status.${state.status}`)}
            </p>
            {connection !== "live" ? <ConnectionBanner connection={connection} /> : null}
            <h1 className="text-5xl font-bold leading-tight lg:text-6xl" data-testid="projector-item">
              {current ? `${current.position}. ${current.title}` : state.status === "ended" ? t("projector.ended") : t("projector.waiting")}
            </h1>
          </header>

          {poll ? (
            <section className="space-y-6 rounded-2xl bg-white/5 p-6" aria-label={t("poll.title")}>
              <p className="text-4xl font-semibold" data-testid="projector-question">
                {poll.question}
              </p>
              <p className="flex flex-wrap gap-3 text-2xl">
                <span className="badge bg-indigo-200 px-4 py-1 text-2xl text-indigo-950">{t(`ballotModes.${poll.ballotMode}`)}</span>
                <span className="badge bg-stone-200 px-4 py-1 text-2xl text-stone-900">{t(`passRules.${poll.passRule}`)}</span>
              </p>
              {poll.status === "open" ? (
                <p className="text-4xl" data-testid="projector-turnout">
                  {t("poll.turnout", { cast: poll.votesCast + poll.manualVoters, present: state.attendance.present })}
                </p>
              ) : null}
              <TallyBars poll={poll} size="projector" />
              {poll.result ? <ResultSummary result={poll.result} size="projector" /> : null}
            </section>
          ) : null}

          {state.speaker ? (
            <section
              className="flex flex-wrap items-center justify-between gap-6 rounded-2xl bg-white/5 p-6"
              aria-label={t("speakers.title")}
            >
              <div>
                <p className="text-2xl text-stone-300">{t("speakers.speaking")}</p>
                <p className="text-5xl font-bold" data-testid="projector-speaker">
                  {state.speaker.name}
                </p>
              </div>
              <SpeakerTimer
                key={state.speaker.requestId}
                startedAt={state.speaker.startedAt}
                limitSeconds={state.speakerSeconds}
                serverNow={state.serverNow}
                size="projector"
              />
            </section>
          ) : null}
          {state.queue.length ? (
            <p className="text-3xl text-stone-300">
              {t("projector.queue", {
                count: state.queue.length,
                names: state.queue
                  .slice(0, 3)
                  .map((q) => q.name)
                  .join("、"),
              })}
            </p>
          ) : null}
        </div>

        <aside className="space-y-6">
          <div className="rounded-2xl bg-white p-4 text-center text-stone-950">
            <img src={data.qr} alt={t("projector.qrAlt")} className="mx-auto aspect-square w-full max-w-[18rem]" />
            <p className="mt-2 text-xl">{t("projector.scanToJoin")}</p>
            <p className="text-4xl font-bold tracking-[0.3em]" data-testid="projector-code">
              {state.code}
            </p>
            <p className="break-all text-sm text-stone-600">{data.joinUrl}</p>
          </div>
          <QuorumBadge attendance={state.attendance} size="projector" />
          <p className="text-2xl text-stone-300">{t("projector.checkedIn", { count: state.attendance.checkedIn })}</p>
        </aside>
      </div>
    </div>
  );
}
