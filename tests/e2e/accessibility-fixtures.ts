/**
 * The pages the accessibility spec checks that are not reachable from the header: a live meeting with an
 * open vote (voter page and projector) and a meeting with published minutes. Written straight into the
 * e2e server's database, the vote opened over the real socket protocol, so the pages show what people see.
 */
import i18next from "i18next";
import fs from "node:fs";
import path from "node:path";
import { contentHash } from "../../app/domain/minutes/content-hash";
import { draftFromMeeting } from "../../app/domain/minutes/draft-from-meeting.server";
import { createDb } from "../../app/infra/db.server";
import { connect, createLiveWorld, request } from "../helpers/live-meeting";
import { E2E_SESSION_SECRET, e2eDatabaseUrl, e2ePort } from "./e2e-env";
import { createEndedMeetingForMinutes } from "./minutes-fixture";

export interface SessionCookie {
  name: string;
  value: string;
}

function asBrowserCookie(header: string): SessionCookie {
  const [name, ...rest] = header.split("=");
  return { name, value: rest.join("=") };
}

/** The app's own "minutes" translations (read from disk: Playwright's loader refuses bare JSON imports). */
async function minutesTranslator(language: string) {
  const read = (namespace: string) => JSON.parse(fs.readFileSync(path.resolve(`app/i18n/locales/${language}/${namespace}.json`), "utf8"));
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    ns: ["common", "minutes"],
    defaultNS: "minutes",
    resources: { [language]: { common: read("common"), minutes: read("minutes") } },
    interpolation: { escapeValue: false },
  });
  const t = i18n.getFixedT(language, "minutes");
  return (key: string, values?: Record<string, string | number>) => t(key, values);
}

/** A live meeting whose host has just opened a secret yes/no vote; cookies for a voter and for staff. */
export async function createMeetingWithOpenVote(): Promise<{
  code: string;
  meetingId: string;
  voter: SessionCookie;
  staff: SessionCookie;
}> {
  const db = createDb(e2eDatabaseUrl());
  try {
    const world = await createLiveWorld(db, { voters: 3, secret: E2E_SESSION_SECRET });
    const { code } = await db.meeting.findUniqueOrThrow({ where: { id: world.meetingId }, select: { code: true } });
    const host = await connect(`http://127.0.0.1:${e2ePort()}`, world.host.cookie);
    try {
      const opened = await request(host, "poll:open", {
        meetingId: world.meetingId,
        agendaItemId: world.agendaItemId,
        question: "是否同意在小区东门增设夜间照明？",
        kind: "yes_no_abstain",
        ballotMode: "secret",
        passRule: "majority_cast",
      });
      if (!opened.ok) throw new Error(`opening the vote was refused: ${opened.reason}`);
    } finally {
      host.disconnect();
    }
    return { code, meetingId: world.meetingId, voter: asBrowserCookie(world.voters[0].cookie), staff: asBrowserCookie(world.staff.cookie) };
  } finally {
    await db.$disconnect();
  }
}

/** An ended meeting in 松木场 whose minutes (drafted from its record) are published and its decision on notice. */
export async function createMeetingWithPublishedMinutes(): Promise<{ publicMinutes: string; publicMeeting: string }> {
  const world = await createEndedMeetingForMinutes(e2ePort());
  const db = createDb(e2eDatabaseUrl());
  try {
    const t = await minutesTranslator("zh-CN");
    const document = await draftFromMeeting(db, world.meetingId, t, "zh-CN");
    const meeting = await db.meeting.findUniqueOrThrow({ where: { id: world.meetingId }, select: { hostId: true, createdById: true } });
    const now = new Date();
    await db.minutes.create({
      data: {
        meetingId: world.meetingId,
        status: "published",
        content: JSON.stringify(document),
        revision: 1,
        signedOffById: meeting.hostId,
        signedOffAt: now,
        publishedById: meeting.createdById,
        publishedAt: now,
        contentHash: contentHash(document),
      },
    });
    await db.decision.update({
      where: { id: world.decisionId },
      data: { status: "notice", noticeStartsAt: now, noticeEndsAt: new Date(now.getTime() + 7 * 86_400_000) },
    });
    const base = `/c/${world.slug}/meetings/${world.meetingId}`;
    return { publicMinutes: `${base}/minutes`, publicMeeting: base };
  } finally {
    await db.$disconnect();
  }
}
