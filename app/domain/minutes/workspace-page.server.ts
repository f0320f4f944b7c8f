import { renderMinutesHtml } from "../../editor/render.server";
import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { Translate } from "../errors";
import { forbidden } from "../errors";
import type { Actor } from "../permissions";
import { can } from "../permissions";
import { currentEditLock, mayReview, meetingContext, minutesChain } from "./minutes.server";

/**
 * Everything the staff / reviewer page of a meeting's minutes shows, read in one place. Staff edit; the host,
 * and people who attended, review once staff send the minutes for review; anyone else is refused.
 */
export async function minutesWorkspacePage(
  db: Db,
  clock: Clock,
  actor: Actor,
  meetingId: string,
  t: Translate,
  view: { versionId: string | null; revision: number | null },
) {
  const context = await meetingContext(db, meetingId);
  const resource = { communityId: context.communityId, streetId: context.streetId, hostId: context.hostId };
  const rights = {
    edit: can(actor, "edit:minutes", resource),
    signOff: can(actor, "sign-off:minutes", resource),
    publish: can(actor, "publish:minutes", resource),
    review: await mayReview(db, actor, context),
  };
  if (!rights.edit && !rights.review) throw forbidden();
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { id: true, title: true, status: true, startsAt: true, place: true },
  });
  const chain = await minutesChain(db, meetingId);
  const latest = chain.at(-1) ?? null;
  // Reviewers see the minutes once staff send them for review, not while they are a rough draft.
  const current = latest && (rights.edit || latest.status !== "draft") ? latest : null;

  let lockHolder: { name: string; until: string } | null = null;
  if (current && rights.edit && current.status !== "published") {
    // Reading the page claims nothing: the editor claims the minutes with its heartbeat once it is open.
    const holder = await currentEditLock(db, clock, actor, current.id);
    if (holder) {
      const person = await db.user.findUnique({ where: { id: holder.holderId }, select: { displayName: true } });
      lockHolder = { name: person?.displayName ?? "—", until: holder.until.toISOString() };
    }
  }

  const versions = current
    ? await db.minutesVersion.findMany({
        where: { minutesId: current.id },
        orderBy: { revision: "desc" },
        take: 50,
        select: { id: true, revision: true, note: true, authorId: true, createdAt: true, content: true },
      })
    : [];
  const comments = current ? await db.minutesComment.findMany({ where: { minutesId: current.id }, orderBy: { createdAt: "asc" } }) : [];
  const peopleIds = new Set<string>([...versions.map((v) => v.authorId), ...comments.map((c) => c.authorId)]);
  if (current?.signedOffById) peopleIds.add(current.signedOffById);
  const people = new Map(
    (await db.user.findMany({ where: { id: { in: [...peopleIds] } }, select: { id: true, displayName: true } })).map((u) => [
      u.id,
      u.displayName,
    ]),
  );

  const viewed = versions.find((v) => v.id === view.versionId || v.revision === view.revision) ?? null;
  const decisions = await db.decision.findMany({
    where: { meetingId },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, status: true, noticeEndsAt: true, _count: { select: { objections: true } } },
  });

  return {
    context,
    rights,
    meeting: { ...meeting, startsAt: meeting.startsAt.toISOString() },
    chain: chain.map((row) => ({
      id: row.id,
      status: row.status,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      correctionNote: row.correctionNote,
      contentHash: row.contentHash,
    })),
    current: current
      ? {
          id: current.id,
          status: current.status,
          revision: current.revision,
          content: current.content,
          html: renderMinutesHtml(current.content, t),
          correctionNote: current.correctionNote,
          correctionOfId: current.correctionOfId,
          signedOffBy: current.signedOffById ? (people.get(current.signedOffById) ?? "—") : null,
          signedOffAt: current.signedOffAt?.toISOString() ?? null,
          publishedAt: current.publishedAt?.toISOString() ?? null,
          contentHash: current.contentHash,
        }
      : null,
    lockHolder,
    versions: versions.map((v) => ({
      id: v.id,
      revision: v.revision,
      note: v.note,
      author: people.get(v.authorId) ?? "—",
      createdAt: v.createdAt.toISOString(),
    })),
    viewedVersion: viewed ? { id: viewed.id, revision: viewed.revision, html: renderMinutesHtml(viewed.content, t) } : null,
    comments: comments.map((c) => ({
      id: c.id,
      author: people.get(c.authorId) ?? "—",
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      text: d.text,
      status: d.status,
      noticeEndsAt: d.noticeEndsAt?.toISOString() ?? null,
      objections: d._count.objections,
    })),
  };
}
