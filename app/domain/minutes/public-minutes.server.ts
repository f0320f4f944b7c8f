import type { Db } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import { finalizeIfDue } from "../decisions/decisions.server";
import { minutesChain } from "./minutes.server";

/**
 * The published minutes of a meeting for the public page and the DOCX export: the latest published row of
 * the chain (original or correction), or a specific published row, plus every published row for the
 * "earlier versions" list. Drafts never leave this function.
 */
export async function loadPublishedMinutes(db: Db, clock: Clock, communitySlug: string, meetingId: string, minutesId: string | null) {
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
  if (!meeting || meeting.community.slug !== communitySlug) return null;
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
