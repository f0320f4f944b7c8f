import { renderMinutesHtml } from "../../editor/render.server";
import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { formatInstant } from "../../infra/time";
import { finalizeIfDue } from "../decisions/decisions.server";
import type { Translate } from "../errors";
import { notFound } from "../errors";
import { minutesChain } from "./minutes.server";

/** Which published minutes to show: a meeting of a community, and one published row of its chain (or the latest). */
export interface PublishedMinutesRequest {
  communitySlug: string;
  meetingId: string;
  minutesId: string | null;
}

/**
 * The published minutes of a meeting for the public page and the DOCX export: the latest published row of
 * the chain (original or correction), or a specific published row, plus every published row for the
 * "earlier versions" list. Drafts never leave this function.
 */
async function loadPublishedMinutes(db: Db, clock: Clock, { communitySlug, meetingId, minutesId }: PublishedMinutesRequest) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      place: true,
      form: true,
      hostId: true,
      community: { select: { slug: true, nameZh: true, nameEn: true } },
    },
  });
  if (!meeting || meeting.community.slug !== communitySlug) throw notFound("minutes:errors.meeting_not_found");
  const published = (await minutesChain(db, meetingId)).filter((row) => row.status === "published");
  if (published.length === 0) return { meeting, minutes: null, versions: [], decisions: [] };
  const latest = published[published.length - 1];
  const minutes = (minutesId ? published.find((row) => row.id === minutesId) : latest) ?? null;
  const names = new Map(
    (
      await db.user.findMany({
        where: {
          id: { in: published.flatMap((row) => [row.signedOffById, row.publishedById, meeting.hostId]).filter((id): id is string => !!id) },
        },
        select: { id: true, displayName: true },
      })
    ).map((u) => [u.id, u.displayName]),
  );
  // Decisions whose notice ended since the last sweep are finalized before they are listed.
  const due = await db.decision.findMany({
    where: { meetingId, status: "notice", noticeEndsAt: { lte: clock.now() } },
    select: { id: true },
  });
  for (const { id } of due) await finalizeIfDue(db, clock, id);
  const decisions = await db.decision.findMany({
    where: { meetingId, status: { not: "draft" } },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, status: true, noticeEndsAt: true, issue: { select: { number: true, title: true } } },
  });
  return {
    meeting,
    minutes: minutes
      ? {
          ...minutes,
          signedOffByName: minutes.signedOffById ? (names.get(minutes.signedOffById) ?? null) : null,
          isLatest: minutes.id === latest.id,
          corrects: minutes.correctionOfId ? (published.find((row) => row.id === minutes.correctionOfId) ?? null) : null,
        }
      : null,
    latestId: latest.id,
    versions: published.map((row) => ({
      id: row.id,
      publishedAt: row.publishedAt,
      correctionNote: row.correctionNote,
      contentHash: row.contentHash,
    })),
    decisions,
  };
}

/**
 * The public minutes page: the published text as server-rendered HTML with its content hash, the earlier
 * published versions and the meeting's decisions. A meeting whose minutes are not published yet has a page
 * that says so (`minutes` is null).
 */
export async function publicMinutesPage(db: Db, clock: Clock, request: PublishedMinutesRequest, t: Translate) {
  const page = await loadPublishedMinutes(db, clock, request);
  const { meeting, minutes } = page;
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      place: meeting.place,
      slug: meeting.community.slug,
    },
    base: `/c/${meeting.community.slug}/meetings/${meeting.id}/minutes`,
    minutes: minutes
      ? {
          id: minutes.id,
          html: renderMinutesHtml(minutes.content, t),
          contentHash: minutes.contentHash,
          publishedAt: minutes.publishedAt?.toISOString() ?? null,
          signedOffBy: minutes.signedOffByName,
          signedOffAt: minutes.signedOffAt?.toISOString() ?? null,
          correctionNote: minutes.correctionNote,
          corrects: minutes.corrects ? { id: minutes.corrects.id, publishedAt: minutes.corrects.publishedAt?.toISOString() ?? null } : null,
          isLatest: minutes.isLatest,
          latestId: page.latestId,
        }
      : null,
    versions: page.versions.map((v) => ({
      id: v.id,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      correctionNote: v.correctionNote,
    })),
    decisions: page.decisions.map((d) => ({
      id: d.id,
      text: d.text,
      status: d.status,
      noticeEndsAt: d.noticeEndsAt?.toISOString() ?? null,
      issue: d.issue,
    })),
  };
}

/** The published minutes as a Word document (published rows only; drafts are never exported). */
export async function publishedMinutesDocx(db: Db, clock: Clock, request: PublishedMinutesRequest, t: Translate, language: string) {
  const { meeting, minutes } = await loadPublishedMinutes(db, clock, request);
  if (!minutes) throw notFound("minutes:errors.not_found");
  // Loaded on first download only: the docx library is large and most server processes never need it.
  const { minutesDocx } = await import("./docx.server");
  const publishedAt = minutes.publishedAt ?? new Date();
  const buffer = await minutesDocx({
    title: t("minutes:public.title", { meeting: meeting.title }),
    content: minutes.content,
    contentHash: minutes.contentHash,
    publishedAt: formatInstant(publishedAt, language, "shortDateTime"),
    correctionNote: minutes.correctionNote,
    t,
  });
  const day = publishedAt.toISOString().slice(0, 10);
  return {
    buffer,
    filename: `${t("minutes:public.docx_name", { meeting: meeting.title })}-${day}.docx`,
    asciiFilename: `minutes-${day}.docx`,
  };
}
