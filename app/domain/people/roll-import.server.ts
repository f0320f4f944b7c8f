import crypto from "node:crypto";
import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { conflict, invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { CheckedRow, CheckedValue, GridRef, RollRowInput } from "./roll-rows";
import { checkRows, phoneAndName, rowsFromTable } from "./roll-rows";
import { readRollFile } from "./roll-file.server";

/** A row as kept between preview and confirmation: what the file said (or staff's fix), and whether it is skipped. */
export interface StoredRow {
  line: number;
  input: RollRowInput;
  skipped?: boolean;
  fixed?: boolean;
}

export type RowOutcome = "new" | "existing" | "invalid" | "skipped";

export interface PreviewRow extends CheckedRow {
  outcome: RowOutcome;
  fixed: boolean;
  /** For a row that matches someone already on the roll: that person's name as the roll knows it. */
  matchedName?: string;
}

/** Rows written per chunk: small enough for a progress bar to move, large enough that 3,000 rows take seconds. */
export const APPLY_CHUNK = 300;
const QUERY_CHUNK = 400;

const communityOf = (community: CommunitySummary) => ({ communityId: community.id, streetId: community.streetId });

async function gridsOf(db: Db | Tx, communityId: string): Promise<GridRef[]> {
  return db.grid.findMany({
    where: { communityId },
    select: { id: true, code: true, nameZh: true, nameEn: true },
    orderBy: { code: "asc" },
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Who of these rows is already known: by phone and name (any account with that phone and name), else by
 * household and name on this community's roll. Returns the user id per row key.
 */
async function findExisting(
  db: Db | Tx,
  communityId: string,
  values: CheckedValue[],
): Promise<Map<string, { userId: string; name: string }>> {
  const found = new Map<string, { userId: string; name: string }>();
  const phones = [...new Set(values.flatMap((v) => (v.phone ? [v.phone] : [])))];
  for (const part of chunks(phones, QUERY_CHUNK)) {
    const users = await db.user.findMany({ where: { phone: { in: part } }, select: { id: true, phone: true, displayName: true } });
    for (const user of users)
      found.set(`p:${phoneAndName({ phone: user.phone, name: user.displayName })}`, { userId: user.id, name: user.displayName });
  }
  const keys = [...new Set(values.map((v) => v.householdKey))];
  for (const part of chunks(keys, QUERY_CHUNK)) {
    const records = await db.residentRecord.findMany({
      where: { communityId, householdKey: { in: part } },
      select: { householdKey: true, userId: true },
    });
    const names = await db.user.findMany({ where: { id: { in: records.map((r) => r.userId) } }, select: { id: true, displayName: true } });
    const nameOf = new Map(names.map((u) => [u.id, u.displayName]));
    for (const record of records) found.set(`h:${record.householdKey}`, { userId: record.userId, name: nameOf.get(record.userId) ?? "" });
  }
  return found;
}

function matchOf(found: Map<string, { userId: string; name: string }>, value: CheckedValue) {
  return (value.phone ? found.get(`p:${phoneAndName(value)}`) : undefined) ?? found.get(`h:${value.householdKey}`);
}

async function loadImport(db: Db | Tx, actor: Actor, community: CommunitySummary, importId: string) {
  requirePermission(actor, "manage:people", communityOf(community));
  const rollImport = await db.rollImport.findUnique({ where: { id: importId } });
  // Another community's import is as good as absent.
  if (!rollImport || rollImport.communityId !== community.id) throw notFound();
  return { ...rollImport, storedRows: JSON.parse(rollImport.rows) as StoredRow[] };
}

/** Reads an uploaded roll and keeps it for preview. Nothing is enrolled until staff confirm. */
export async function startRollImport(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunitySummary,
  file: { filename: string; bytes: Uint8Array },
): Promise<{ id: string }> {
  requirePermission(actor, "manage:people", communityOf(community));
  const table = await readRollFile(file.filename, file.bytes);
  const { header, rows } = rowsFromTable(table);
  if (header.missing.length > 0) throw invalid(`people:errors.roll_missing_${header.missing[0]}`);
  if (rows.length === 0) throw invalid("people:errors.roll_empty");
  const stored: StoredRow[] = rows.map((row) => ({ line: row.line, input: row.input }));
  const created = await db.rollImport.create({
    data: {
      communityId: community.id,
      createdById: actor.id,
      fileName: file.filename.slice(0, 200),
      rows: JSON.stringify(stored),
      createdAt: clock.now(),
    },
    select: { id: true },
  });
  return created;
}

export interface RollImportPreview {
  id: string;
  fileName: string;
  status: string;
  appliedCount: number;
  createdCount: number;
  updatedCount: number;
  /** Rows that will be written when confirmed (new and existing, not skipped). */
  planned: number;
  counts: Record<RowOutcome, number>;
  rows: PreviewRow[];
  grids: GridRef[];
}

/** Every row with what confirming would do to it: enrol a new person, update someone already known, or nothing. */
export async function rollImportPreview(db: Db, actor: Actor, community: CommunitySummary, importId: string): Promise<RollImportPreview> {
  const rollImport = await loadImport(db, actor, community, importId);
  const grids = await gridsOf(db, community.id);
  const checked = checkRows(rollImport.storedRows, grids);
  const found = await findExisting(
    db,
    community.id,
    checked.flatMap((row) => (row.value ? [row.value] : [])),
  );
  const counts: Record<RowOutcome, number> = { new: 0, existing: 0, invalid: 0, skipped: 0 };
  const rows = checked.map((row, index): PreviewRow => {
    const fixed = !!rollImport.storedRows[index].fixed;
    if (row.skipped) {
      counts.skipped++;
      return { ...row, fixed, outcome: "skipped" };
    }
    if (!row.value) {
      counts.invalid++;
      return { ...row, fixed, outcome: "invalid" };
    }
    const match = matchOf(found, row.value);
    counts[match ? "existing" : "new"]++;
    return { ...row, fixed, outcome: match ? "existing" : "new", matchedName: match?.name };
  });
  return {
    id: rollImport.id,
    fileName: rollImport.fileName,
    status: rollImport.status,
    appliedCount: rollImport.appliedCount,
    createdCount: rollImport.createdCount,
    updatedCount: rollImport.updatedCount,
    planned: counts.new + counts.existing,
    counts,
    rows,
    grids,
  };
}

async function changeRow(
  db: Db,
  actor: Actor,
  community: CommunitySummary,
  importId: string,
  line: number,
  change: (row: StoredRow) => StoredRow,
) {
  const rollImport = await loadImport(db, actor, community, importId);
  if (rollImport.appliedCount > 0 || rollImport.status !== "preview") throw conflict("people:errors.import_already_applied");
  const index = rollImport.storedRows.findIndex((row) => row.line === line);
  if (index < 0) throw notFound();
  const rows = [...rollImport.storedRows];
  rows[index] = change(rows[index]);
  // Check-and-set on the chunk counter: a fix cannot slip in while a confirmation is being written.
  const { count } = await db.rollImport.updateMany({
    where: { id: importId, appliedCount: 0, status: "preview" },
    data: { rows: JSON.stringify(rows) },
  });
  if (count === 0) throw conflict("people:errors.import_already_applied");
}

/** Staff correct a row (a mistyped phone, a grid written differently): the row is checked again as if it came so in the file. */
export function fixRollRow(db: Db, actor: Actor, community: CommunitySummary, importId: string, line: number, input: RollRowInput) {
  return changeRow(db, actor, community, importId, line, (row) => ({ ...row, input, skipped: false, fixed: true }));
}

/** Leaves a row out of the import (or takes it back in). */
export function skipRollRow(db: Db, actor: Actor, community: CommunitySummary, importId: string, line: number, skipped: boolean) {
  return changeRow(db, actor, community, importId, line, (row) => ({ ...row, skipped }));
}

/** Usernames for people enrolled from the roll: their phone when free (what they will remember), else `jm` and eight digits. */
async function usernamesFor(tx: Tx, phones: (string | null)[]): Promise<string[]> {
  const wanted = [...new Set(phones.filter((p): p is string => !!p))];
  const taken = new Set(
    (await tx.user.findMany({ where: { username: { in: wanted } }, select: { username: true } })).map((u) => u.username),
  );
  const names = phones.map((phone) => {
    if (phone && !taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
    return null;
  });
  for (;;) {
    const missing = names.flatMap((name, index) => (name === null ? [index] : []));
    if (missing.length === 0) return names as string[];
    const candidates = missing.map(() => `jm${crypto.randomInt(10_000_000, 99_999_999)}`);
    const clash = new Set(
      (await tx.user.findMany({ where: { username: { in: candidates } }, select: { username: true } })).map((u) => u.username),
    );
    missing.forEach((index, i) => {
      if (!clash.has(candidates[i]) && !taken.has(candidates[i])) {
        taken.add(candidates[i]);
        names[index] = candidates[i];
      }
    });
  }
}

/**
 * Writes one chunk of rows with a handful of statements (3,000 rows in seconds): new people with a resident
 * membership and roll record, created in bulk; for people already known, only what changed.
 */
async function enrolChunk(
  tx: Tx,
  now: Date,
  actor: Actor,
  community: CommunitySummary,
  importId: string,
  part: CheckedValue[],
): Promise<{ created: number; updated: number }> {
  const found = await findExisting(tx, community.id, part);
  const fresh: CheckedValue[] = [];
  const known: { value: CheckedValue; userId: string }[] = [];
  for (const value of part) {
    const match = matchOf(found, value);
    if (match) known.push({ value, userId: match.userId });
    else fresh.push(value);
  }
  const addressOf = (value: CheckedValue) => ({
    building: value.building,
    entrance: value.entrance,
    room: value.room,
    householdKey: value.householdKey,
    gridId: value.gridId,
  });
  const auditRow = (action: string, userId: string) => ({
    actorId: actor.id,
    communityId: community.id,
    action,
    entityType: "user",
    entityId: userId,
    data: JSON.stringify({ importId }),
    createdAt: now,
  });

  const usernames = await usernamesFor(
    tx,
    fresh.map((v) => v.phone),
  );
  const newIds: string[] = fresh.map(() => crypto.randomUUID());
  if (fresh.length > 0) {
    await tx.user.createMany({
      data: fresh.map((value, i) => ({
        id: newIds[i],
        username: usernames[i],
        displayName: value.name,
        phone: value.phone,
        // No password works until the person activates with the code on their letter.
        passwordHash: "",
        needsActivation: true,
        createdAt: now,
      })),
    });
  }

  const userIds = known.map((k) => k.userId);
  const memberships = new Map(
    (await tx.membership.findMany({ where: { communityId: community.id, role: "resident", userId: { in: userIds } } })).map((m) => [
      m.userId,
      m,
    ]),
  );
  const records = new Map(
    (await tx.residentRecord.findMany({ where: { communityId: community.id, userId: { in: userIds } } })).map((r) => [r.userId, r]),
  );
  const newMemberships = fresh.map((value, i) => ({ userId: newIds[i], value }));
  const newRecords = [...newMemberships];
  const updatedIds: string[] = [];
  for (const { value, userId } of known) {
    let changed = false;
    const membership = memberships.get(userId);
    if (!membership) {
      newMemberships.push({ userId, value });
      changed = true;
    } else if (membership.gridId !== value.gridId || membership.isResidentRep !== value.isResidentRep) {
      await tx.membership.update({ where: { id: membership.id }, data: { gridId: value.gridId, isResidentRep: value.isResidentRep } });
      changed = true;
    }
    const record = records.get(userId);
    if (!record) {
      newRecords.push({ userId, value });
      changed = true;
    } else if (
      record.building !== value.building ||
      record.entrance !== value.entrance ||
      record.room !== value.room ||
      record.gridId !== value.gridId ||
      record.householdKey !== value.householdKey
    ) {
      await tx.residentRecord.update({ where: { id: record.id }, data: addressOf(value) });
      changed = true;
    }
    if (changed) updatedIds.push(userId);
  }
  if (newMemberships.length > 0) {
    await tx.membership.createMany({
      data: newMemberships.map(({ userId, value }) => ({
        userId,
        communityId: community.id,
        role: "resident",
        gridId: value.gridId,
        isResidentRep: value.isResidentRep,
        createdAt: now,
      })),
    });
  }
  if (newRecords.length > 0) {
    await tx.residentRecord.createMany({
      data: newRecords.map(({ userId, value }) => ({
        communityId: community.id,
        userId,
        ...addressOf(value),
        source: "import",
        rollImportId: importId,
        verifiedById: actor.id,
        verifiedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    });
  }
  const audits = [...newIds.map((id) => auditRow("person.enrolled", id)), ...updatedIds.map((id) => auditRow("person.roll_updated", id))];
  if (audits.length > 0) await tx.auditLog.createMany({ data: audits });
  return { created: fresh.length, updated: updatedIds.length };
}

export interface ApplyProgress {
  done: number;
  total: number;
  finished: boolean;
  created: number;
  updated: number;
}

/**
 * Confirms the import: writes the next chunk of rows (or all of them), each chunk in one transaction.
 * Rows are matched again as they are written, so a re-import of the same file, or two staff confirming at
 * once, enrols nobody twice: the chunk counter is checked and set in the same transaction.
 */
export async function applyRollImport(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunitySummary,
  importId: string,
  options: { chunks?: number } = {},
): Promise<ApplyProgress> {
  const rollImport = await loadImport(db, actor, community, importId);
  const grids = await gridsOf(db, community.id);
  const plan = checkRows(rollImport.storedRows, grids).flatMap((row) => (row.value && !row.skipped ? [row.value] : []));
  let progress: ApplyProgress = {
    done: rollImport.appliedCount,
    total: plan.length,
    finished: rollImport.status === "applied",
    created: rollImport.createdCount,
    updated: rollImport.updatedCount,
  };
  let chunksLeft = options.chunks ?? Number.POSITIVE_INFINITY;
  while (!progress.finished && chunksLeft-- > 0) {
    const from = progress.done;
    const to = Math.min(plan.length, from + APPLY_CHUNK);
    const now = clock.now();
    progress = await db.$transaction(
      async (tx) => {
        const { created, updated } = await enrolChunk(tx, now, actor, community, importId, plan.slice(from, to));
        const finished = to >= plan.length;
        const { count } = await tx.rollImport.updateMany({
          where: { id: importId, appliedCount: from, status: "preview" },
          data: {
            appliedCount: to,
            createdCount: { increment: created },
            updatedCount: { increment: updated },
            ...(finished ? { status: "applied", appliedAt: now } : {}),
          },
        });
        if (count === 0) throw conflict("people:errors.import_in_progress");
        if (finished) {
          await audit(tx, {
            actorId: actor.id,
            communityId: community.id,
            action: "roll.imported",
            entityType: "roll_import",
            entityId: importId,
            data: { rows: plan.length, created: rollImport.createdCount + created, updated: rollImport.updatedCount + updated },
            at: now,
          });
        }
        return {
          done: to,
          total: plan.length,
          finished,
          created: progress.created + created,
          updated: progress.updated + updated,
        };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }
  return progress;
}
