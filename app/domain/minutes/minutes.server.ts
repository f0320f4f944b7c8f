import type { Translate } from "../errors";
import type { MinutesDocument } from "./document";
import { normalizeMinutesJson } from "../../editor/render.server";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import { publishDecisionInTx } from "../decisions/decisions.server";
import { canonicalJson, contentHash } from "./content-hash";
import { draftFromMeeting } from "./draft-from-meeting.server";
import { IncompleteMinutesError, blockKey, draftSaveProblems, hasProblems, lockedBlocksIn, publicationProblems } from "./completeness";
import { completeLockedBlocks, expectedBlocks, refreshLockedBlocks, verifyLockedBlocks } from "./locked-blocks.server";
import type { VersionNote } from "./status";
import { EDIT_LOCK_MS, VERSION_COALESCE_MS } from "./status";

/**
 * The life of a meeting's minutes: drafted from the record, autosaved with a revision check (so two staff
 * cannot silently overwrite each other), reviewed and commented, signed off by the host, published by
 * staff and then never changed — a correction is a new, linked row.
 */
type MinutesRow = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

function loadRow(db: Db | Tx, minutesId: string) {
  return db.minutes.findUnique({ where: { id: minutesId } });
}

export interface MeetingContext {
  meetingId: string;
  communityId: string;
  streetId: string;
  hostId: string;
  communitySlug: string;
}

export async function meetingContext(db: Db | Tx, meetingId: string): Promise<MeetingContext> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: { id: true, hostId: true, communityId: true, community: { select: { streetId: true, slug: true } } },
  });
  if (!meeting) throw notFound("minutes:errors.meeting_not_found");
  return {
    meetingId: meeting.id,
    communityId: meeting.communityId,
    streetId: meeting.community.streetId,
    hostId: meeting.hostId,
    communitySlug: meeting.community.slug,
  };
}

/** The meeting a minutes row belongs to: its own, or (for a correction) the one of the row it corrects. */
export async function meetingIdOfMinutes(db: Db | Tx, row: { meetingId: string | null; correctionOfId: string | null }): Promise<string> {
  let current = row;
  for (let hops = 0; hops < 100; hops++) {
    if (current.meetingId) return current.meetingId;
    if (!current.correctionOfId) break;
    const previous = await db.minutes.findUnique({
      where: { id: current.correctionOfId },
      select: { meetingId: true, correctionOfId: true },
    });
    if (!previous) break;
    current = previous;
  }
  throw notFound("minutes:errors.not_found");
}

/** Every minutes row of a meeting, oldest first: the original, then each correction in turn. */
export async function minutesChain(db: Db | Tx, meetingId: string) {
  const chain = [];
  let row = await db.minutes.findUnique({ where: { meetingId } });
  while (row && chain.length < 100) {
    chain.push(row);
    row = await db.minutes.findUnique({ where: { correctionOfId: row.id } });
  }
  return chain;
}

async function contextOf(db: Db | Tx, row: MinutesRow) {
  return meetingContext(db, await meetingIdOfMinutes(db, row));
}

/** What the permission rules are asked about for anything belonging to the meeting. */
function resourceOf(context: MeetingContext) {
  return { communityId: context.communityId, streetId: context.streetId, hostId: context.hostId };
}

async function recordVersion(
  tx: Tx | Db,
  row: { id: string },
  revision: number,
  content: string,
  authorId: string,
  note: VersionNote,
  now: Date,
) {
  if (note === "autosave") {
    const last = await tx.minutesVersion.findFirst({ where: { minutesId: row.id }, orderBy: { revision: "desc" } });
    if (last && last.authorId === authorId && last.note === "autosave" && now.getTime() - last.createdAt.getTime() < VERSION_COALESCE_MS) {
      // One burst of typing is one entry in the history, carrying its latest text.
      await tx.minutesVersion.update({ where: { id: last.id }, data: { revision, content } });
      return;
    }
  }
  await tx.minutesVersion.create({ data: { minutesId: row.id, revision, content, authorId, note, createdAt: now } });
}

function serialize(document: MinutesDocument): string {
  return canonicalJson(document);
}

/** Opens (creating from the meeting's record on first use) the minutes of a meeting. */
export async function openMinutes(db: Db, clock: Clock, actor: Actor, meetingId: string, t: Translate, language: string) {
  const context = await meetingContext(db, meetingId);
  requirePermission(actor, "edit:minutes", resourceOf(context));
  const existing = await db.minutes.findUnique({ where: { meetingId } });
  if (existing) return existing;
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { status: true } });
  if (meeting.status !== "ended") throw invalid("minutes:errors.meeting_not_ended");
  const content = serialize(normalizeMinutesJson(JSON.stringify(await draftFromMeeting(db, meetingId, t, language))));
  const now = clock.now();
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.minutes.create({ data: { meetingId, content, revision: 1, status: "draft", createdAt: now } });
      await recordVersion(tx, row, 1, content, actor.id, "draft-from-meeting", now);
      await audit(tx, {
        actorId: actor.id,
        communityId: context.communityId,
        action: "minutes.create",
        entityType: "Minutes",
        entityId: row.id,
        at: now,
      });
      return row;
    });
  } catch (error) {
    // Two staff opening at once: the unique meetingId lets one create; the other reads what it made.
    const made = await db.minutes.findUnique({ where: { meetingId } });
    if (made) return made;
    throw error;
  }
}

export interface SaveRequest {
  minutesId: string;
  baseRevision: number;
  content: string;
  note?: VersionNote;
}

/**
 * Saves a draft if nobody saved since `baseRevision`. Refused documents throw before anything is written,
 * so the person's text stays in their editor (and in its local backup) to fix and save again.
 */
export async function saveDraft(db: Db, clock: Clock, actor: Actor, request: SaveRequest): Promise<{ revision: number; status: string }> {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "edit:minutes", resourceOf(context));
  if (row.status === "published") throw conflict("minutes:errors.already_published");
  const document = normalizeMinutesJson(request.content);
  await verifyLockedBlocks(db, context.meetingId, document);
  const stored = storedDocument(row.content);
  const problems = draftSaveProblems(await expectedBlocks(db, context.meetingId), stored, document);
  if (hasProblems(problems)) throw new IncompleteMinutesError("save", problems);
  return writeContent(
    db,
    clock,
    actor,
    row,
    context,
    request.baseRevision,
    serialize(document),
    request.note ?? "autosave",
    removalsBetween(stored, document),
  );
}

/** The stored text as a document; a stored text that no longer validates counts as holding every block. */
function storedDocument(content: string): MinutesDocument | null {
  try {
    return normalizeMinutesJson(content);
  } catch {
    return null;
  }
}

/** Blocks this save takes out with their "remove" button, and blocks it puts back: both go in the audit log. */
function removalsBetween(stored: MinutesDocument | null, next: MinutesDocument): { removed: string[]; restored: string[] } {
  const removedIn = (document: MinutesDocument | null) =>
    new Set(
      document
        ? lockedBlocksIn(document)
            .filter((b) => b.removed)
            .map(blockKey)
        : [],
    );
  const before = removedIn(stored);
  const after = removedIn(next);
  return { removed: [...after].filter((key) => !before.has(key)), restored: [...before].filter((key) => !after.has(key)) };
}

async function writeContent(
  db: Db,
  clock: Clock,
  actor: Actor,
  row: MinutesRow,
  context: MeetingContext,
  baseRevision: number,
  content: string,
  note: VersionNote,
  removals: { removed: string[]; restored: string[] } = { removed: [], restored: [] },
) {
  // Nothing changed (an editor re-sending the text it loaded): no new revision, no history entry.
  if (note === "autosave" && row.revision === baseRevision && row.content === content)
    return { revision: row.revision, status: row.status };
  const now = clock.now();
  return db.$transaction(async (tx) => {
    // An edit after sign-off needs a new sign-off: the host signed a different text.
    const backToReview = row.status === "signed";
    const updated = await tx.minutes.updateMany({
      where: { id: row.id, revision: baseRevision, status: { not: "published" } },
      data: {
        content,
        revision: { increment: 1 },
        editingById: actor.id,
        editingUntil: new Date(now.getTime() + EDIT_LOCK_MS),
        ...(backToReview ? { status: "review", signedOffById: null, signedOffAt: null } : {}),
      },
    });
    if (updated.count !== 1) {
      const current = await tx.minutes.findUnique({ where: { id: row.id }, select: { revision: true, status: true, content: true } });
      if (current?.status === "published") throw conflict("minutes:errors.already_published");
      // The same text arriving twice (a page's last-moment beacon, then its restored local backup) is not a
      // conflict: it is already saved.
      if (current && current.content === content) return { revision: current.revision, status: current.status };
      const lastAuthor = await tx.minutesVersion.findFirst({
        where: { minutesId: row.id },
        orderBy: { revision: "desc" },
        select: { authorId: true },
      });
      const who = lastAuthor ? await tx.user.findUnique({ where: { id: lastAuthor.authorId }, select: { displayName: true } }) : null;
      throw conflict("minutes:errors.edit_conflict", { name: who?.displayName ?? "—", revision: current?.revision ?? 0 });
    }
    const revision = baseRevision + 1;
    await recordVersion(tx, row, revision, content, actor.id, note, now);
    if (note !== "autosave") {
      await audit(tx, {
        actorId: actor.id,
        communityId: context.communityId,
        action: `minutes.${note.split(":")[0]}`,
        entityType: "Minutes",
        entityId: row.id,
        data: { revision },
        at: now,
      });
    }
    // Taking a vote, a decision or the attendance out of the minutes is never silent: who, when, which.
    if (removals.removed.length) {
      await audit(tx, {
        actorId: actor.id,
        communityId: context.communityId,
        action: "minutes.block-removed",
        entityType: "Minutes",
        entityId: row.id,
        data: { revision, blocks: removals.removed },
        at: now,
      });
    }
    if (removals.restored.length) {
      await audit(tx, {
        actorId: actor.id,
        communityId: context.communityId,
        action: "minutes.block-restored",
        entityType: "Minutes",
        entityId: row.id,
        data: { revision, blocks: removals.restored },
        at: now,
      });
    }
    return { revision, status: backToReview ? "review" : row.status };
  });
}

/** Replaces the text with an earlier version's (itself a new revision, so the restore can be undone). */
export async function restoreVersion(
  db: Db,
  clock: Clock,
  actor: Actor,
  request: { minutesId: string; versionId: string; baseRevision: number },
) {
  const version = await db.minutesVersion.findUnique({ where: { id: request.versionId } });
  if (!version || version.minutesId !== request.minutesId) throw notFound("minutes:errors.version_not_found");
  return saveDraft(db, clock, actor, {
    minutesId: request.minutesId,
    baseRevision: request.baseRevision,
    content: version.content,
    note: `restored:${version.revision}`,
  });
}

/** Rewrites the draft from the meeting's record (the previous text stays in the history). */
export async function redraftFromMeeting(
  db: Db,
  clock: Clock,
  actor: Actor,
  request: { minutesId: string; baseRevision: number },
  t: Translate,
  language: string,
) {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "edit:minutes", resourceOf(context));
  const document = await draftFromMeeting(db, context.meetingId, t, language);
  return saveDraft(db, clock, actor, { ...request, content: JSON.stringify(document), note: "draft-from-meeting" });
}

/** Copies the database's current figures into the locked blocks (after the record itself was corrected). */
export async function refreshBlocks(db: Db, clock: Clock, actor: Actor, request: { minutesId: string; baseRevision: number }) {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "edit:minutes", resourceOf(context));
  const refreshed = await refreshLockedBlocks(db, context.meetingId, normalizeMinutesJson(row.content));
  return saveDraft(db, clock, actor, {
    minutesId: row.id,
    baseRevision: request.baseRevision,
    content: JSON.stringify(refreshed),
    note: "refreshed-blocks",
  });
}

/**
 * Puts every block the meeting's record calls for back into the minutes: removed ones where they stood,
 * absent ones at the end under `appendedHeading`. Offered when sign-off or publishing was refused.
 */
export async function completeBlocks(
  db: Db,
  clock: Clock,
  actor: Actor,
  request: { minutesId: string; baseRevision: number },
  appendedHeading: string,
) {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "edit:minutes", resourceOf(context));
  const completed = await completeLockedBlocks(db, context.meetingId, normalizeMinutesJson(row.content), appendedHeading);
  return saveDraft(db, clock, actor, {
    minutesId: row.id,
    baseRevision: request.baseRevision,
    content: JSON.stringify(completed),
    note: "completed-blocks",
  });
}

/** Refuses a text that leaves out, doubles or has removed any block of the meeting's record. */
async function requireComplete(db: Db, meetingId: string, document: MinutesDocument) {
  const problems = publicationProblems(await expectedBlocks(db, meetingId), document);
  if (hasProblems(problems)) throw new IncompleteMinutesError("publication", problems);
}

/** Who else is editing, if anyone, without claiming anything: what opening the page shows. */
export async function currentEditLock(
  db: Db,
  clock: Clock,
  actor: Actor,
  minutesId: string,
): Promise<{ holderId: string; until: Date } | null> {
  const row = await db.minutes.findUnique({ where: { id: minutesId }, select: { editingById: true, editingUntil: true } });
  if (!row?.editingById || !row.editingUntil || row.editingById === actor.id || row.editingUntil <= clock.now()) return null;
  return { holderId: row.editingById, until: row.editingUntil };
}

/**
 * Marks the editor as in use by this person for a while, and says who else holds it (if anyone). Only
 * someone who may edit these minutes can claim them, and only while they can still change.
 */
export async function claimEditLock(
  db: Db,
  clock: Clock,
  actor: Actor,
  minutesId: string,
): Promise<{ holderId: string; until: Date } | null> {
  const row = await loadRow(db, minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  requirePermission(actor, "edit:minutes", resourceOf(await contextOf(db, row)));
  if (row.status === "published") throw conflict("minutes:errors.already_published");
  const now = clock.now();
  const taken = await db.minutes.updateMany({
    where: { id: minutesId, OR: [{ editingById: null }, { editingById: actor.id }, { editingUntil: null }, { editingUntil: { lt: now } }] },
    data: { editingById: actor.id, editingUntil: new Date(now.getTime() + EDIT_LOCK_MS) },
  });
  if (taken.count === 1) return null;
  const holder = await db.minutes.findUnique({ where: { id: minutesId }, select: { editingById: true, editingUntil: true } });
  return holder?.editingById && holder.editingUntil ? { holderId: holder.editingById, until: holder.editingUntil } : null;
}

export async function sendForReview(db: Db, clock: Clock, actor: Actor, minutesId: string) {
  const row = await loadRow(db, minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "edit:minutes", resourceOf(context));
  if (row.status !== "draft") return row;
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.minutes.updateMany({ where: { id: row.id, status: "draft" }, data: { status: "review" } });
    await audit(tx, {
      actorId: actor.id,
      communityId: context.communityId,
      action: "minutes.sent-for-review",
      entityType: "Minutes",
      entityId: row.id,
      at: now,
    });
  });
  return loadRow(db, minutesId);
}

/** The host, staff, and people who attended the meeting may review; others only read what is published. */
export async function mayReview(db: Db | Tx, actor: Actor, context: MeetingContext): Promise<boolean> {
  const resource = resourceOf(context);
  if (!can(actor, "review:minutes", resource)) return false;
  if (can(actor, "edit:minutes", resource) || actor.id === context.hostId) return true;
  return (await db.participant.count({ where: { meetingId: context.meetingId, userId: actor.id } })) > 0;
}

export async function addReviewComment(db: Db, clock: Clock, actor: Actor, request: { minutesId: string; body: string }) {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  if (!(await mayReview(db, actor, context))) throw forbidden();
  if (row.status === "published") throw conflict("minutes:errors.already_published");
  if (row.status === "draft" && !can(actor, "edit:minutes", context)) throw invalid("minutes:errors.not_in_review");
  return db.minutesComment.create({ data: { minutesId: row.id, authorId: actor.id, body: request.body, createdAt: clock.now() } });
}

/** The host signs the revision they read; if someone saved since, they are asked to read it again. */
export async function signOff(db: Db, clock: Clock, actor: Actor, request: { minutesId: string; revision: number }) {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "sign-off:minutes", resourceOf(context));
  if (row.status === "signed" && row.revision === request.revision) return row;
  if (row.status !== "review") throw invalid("minutes:errors.not_in_review");
  await requireComplete(db, context.meetingId, normalizeMinutesJson(row.content));
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const updated = await tx.minutes.updateMany({
      where: { id: row.id, status: "review", revision: request.revision },
      data: { status: "signed", signedOffById: actor.id, signedOffAt: now },
    });
    if (updated.count !== 1) throw conflict("minutes:errors.changed_since_read");
    // The signed text gets its own entry in the history, attributed to the host.
    const existing = await tx.minutesVersion.findUnique({
      where: { minutesId_revision: { minutesId: row.id, revision: request.revision } },
    });
    if (existing) await tx.minutesVersion.update({ where: { id: existing.id }, data: { note: "signed" } });
    else
      await tx.minutesVersion.create({
        data: { minutesId: row.id, revision: request.revision, content: row.content, authorId: actor.id, note: "signed", createdAt: now },
      });
    await audit(tx, {
      actorId: actor.id,
      communityId: context.communityId,
      action: "minutes.signed",
      entityType: "Minutes",
      entityId: row.id,
      data: { revision: request.revision },
      at: now,
    });
  });
  return loadRow(db, row.id);
}

/**
 * Publishes signed minutes: fixes the content hash, publishes the meeting's decisions that are still drafts
 * (starting their public notice) and notifies. Returns the published row and who was notified. Publishing
 * what is already published changes nothing.
 */
export async function publishMinutes(db: Db, clock: Clock, actor: Actor, request: { minutesId: string }) {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "publish:minutes", resourceOf(context));
  if (row.status === "published") return { ...row, notified: [] as string[] };
  if (row.status !== "signed") throw invalid("minutes:errors.not_signed");
  const document = normalizeMinutesJson(row.content);
  await verifyLockedBlocks(db, context.meetingId, document);
  // The hash seals only a text that holds the whole record: every vote, decision and the attendance, once.
  await requireComplete(db, context.meetingId, document);
  const hash = contentHash(document);
  const now = clock.now();
  const notified = await db.$transaction(async (tx) => {
    const updated = await tx.minutes.updateMany({
      where: { id: row.id, status: "signed", revision: row.revision },
      data: { status: "published", publishedById: actor.id, publishedAt: now, contentHash: hash, editingById: null, editingUntil: null },
    });
    if (updated.count !== 1) {
      const current = await tx.minutes.findUnique({ where: { id: row.id }, select: { status: true } });
      if (current?.status === "published") return [];
      throw conflict("minutes:errors.changed_since_read");
    }
    // The signed entry keeps its note (who signed what); publishing is recorded on the row and in the audit log.
    await tx.minutesVersion.updateMany({
      where: { minutesId: row.id, revision: row.revision, NOT: { note: "signed" } },
      data: { note: "published" },
    });
    const drafts = await tx.decision.findMany({ where: { meetingId: context.meetingId, status: "draft" }, select: { id: true } });
    const told: string[] = [];
    for (const decision of drafts) told.push(...(await publishDecisionInTx(tx, clock, actor, decision.id, undefined)));
    await audit(tx, {
      actorId: actor.id,
      communityId: context.communityId,
      action: "minutes.published",
      entityType: "Minutes",
      entityId: row.id,
      data: { contentHash: hash, revision: row.revision },
      at: now,
    });
    return told;
  });
  return { ...(await db.minutes.findUniqueOrThrow({ where: { id: row.id } })), notified };
}

/** Starts a correction of published minutes: a new linked draft with a note saying what it corrects. */
export async function startCorrection(db: Db, clock: Clock, actor: Actor, request: { minutesId: string; note: string }) {
  const row = await loadRow(db, request.minutesId);
  if (!row) throw notFound("minutes:errors.not_found");
  const context = await contextOf(db, row);
  requirePermission(actor, "edit:minutes", resourceOf(context));
  if (row.status !== "published") throw invalid("minutes:errors.correct_only_published");
  const existing = await db.minutes.findUnique({ where: { correctionOfId: row.id } });
  if (existing) return existing;
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const correction = await tx.minutes.create({
      data: { correctionOfId: row.id, correctionNote: request.note, content: row.content, revision: 1, status: "draft", createdAt: now },
    });
    await recordVersion(tx, correction, 1, row.content, actor.id, "correction", now);
    await audit(tx, {
      actorId: actor.id,
      communityId: context.communityId,
      action: "minutes.correction",
      entityType: "Minutes",
      entityId: correction.id,
      data: { corrects: row.id },
      at: now,
    });
    return correction;
  });
}
