import crypto from "node:crypto";
import type { Db } from "../../infra/db.server";
import { notFound } from "../errors";
import { parsePollResult } from "../voting/result";
import type { Dataset, OpenRecord } from "./datasets";
import { isoOrNull } from "./datasets";

/** Rows read per query: a download of 100,000 issues holds one page in memory at a time. */
export const PAGE_ROWS = 1_000;

export interface Scope {
  kind: "c" | "s";
  slug: string;
  nameZh: string;
  nameEn: string;
  communities: { id: string; slug: string }[];
}

/** A community (`c`) or a whole street (`s`) by its slug; unknown ones are not found. */
export async function openDataScope(db: Db, kind: "c" | "s", slug: string): Promise<Scope> {
  if (kind === "c") {
    const community = await db.community.findUnique({ where: { slug }, select: { id: true, slug: true, nameZh: true, nameEn: true } });
    if (!community) throw notFound("opendata:errors.not_found");
    return { kind, slug, nameZh: community.nameZh, nameEn: community.nameEn, communities: [{ id: community.id, slug: community.slug }] };
  }
  const street = await db.street.findUnique({
    where: { slug },
    select: { nameZh: true, nameEn: true, communities: { select: { id: true, slug: true }, orderBy: { slug: "asc" } } },
  });
  if (!street) throw notFound("opendata:errors.not_found");
  return { kind, slug, nameZh: street.nameZh, nameEn: street.nameEn, communities: street.communities };
}

/** What /open-data lists: every street with its communities. */
export async function openDataIndex(db: Db) {
  return db.street.findMany({
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      nameZh: true,
      nameEn: true,
      communities: { orderBy: { slug: "asc" }, select: { slug: true, nameZh: true, nameEn: true } },
    },
  });
}

/** Public decisions: every one past its draft (a draft is not public yet, see decisions/notice.ts). */
const publicDecisionWhere = (communityIds: string[]) => ({
  status: { not: "draft" },
  OR: [{ meeting: { communityId: { in: communityIds } } }, { meetingId: null, issue: { communityId: { in: communityIds } } }],
});

/**
 * A fingerprint of what a download would contain, cheap to compute from indexes (counts and latest change
 * times): the ETag, so a reader who has the current file gets 304 without the rows being read.
 */
export async function datasetVersion(db: Db, scope: Scope, dataset: Dataset): Promise<string> {
  const communityIds = scope.communities.map((c) => c.id);
  let parts: unknown[];
  if (dataset === "issues") {
    // Per community, each answered from an index alone: (communityId, number) counts, (communityId, updatedAt) dates.
    parts = await Promise.all(
      communityIds.map(async (communityId) => {
        const [counted, latest] = await Promise.all([
          db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM "Issue" WHERE "communityId" = ${communityId}`,
          db.issue.findFirst({ where: { communityId }, orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
        ]);
        return [Number(counted[0]?.n ?? 0), latest?.updatedAt.toISOString() ?? null];
      }),
    );
  } else if (dataset === "decisions") {
    const where = publicDecisionWhere(communityIds);
    const [count, latest] = await Promise.all([
      db.decision.count({ where }),
      db.decision.aggregate({ where, _max: { createdAt: true, noticeStartsAt: true, finalAt: true } }),
    ]);
    parts = [count, latest._max.createdAt?.toISOString(), latest._max.noticeStartsAt?.toISOString(), latest._max.finalAt?.toISOString()];
  } else {
    const agg = await db.poll.aggregate({
      where: { status: "closed", meeting: { communityId: { in: communityIds } } },
      _count: { _all: true },
      _max: { closedAt: true },
    });
    parts = [agg._count._all, agg._max.closedAt?.toISOString()];
  }
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([dataset, scope.kind, scope.slug, communityIds, parts]))
    .digest("base64url")
    .slice(0, 27);
}

/** The records of one dataset, page by page (keyset pagination, so page 100 costs what page 1 does). */
export function datasetRecords(db: Db, scope: Scope, dataset: Dataset): AsyncGenerator<OpenRecord> {
  if (dataset === "issues") return issueRecords(db, scope);
  if (dataset === "decisions") return decisionRecords(db, scope);
  return meetingResultRecords(db, scope);
}

async function* issueRecords(db: Db, scope: Scope): AsyncGenerator<OpenRecord> {
  for (const community of scope.communities) {
    const [categories, grids] = await Promise.all([
      db.issueCategory.findMany({ where: { communityId: community.id }, select: { id: true, key: true, nameZh: true, nameEn: true } }),
      db.grid.findMany({ where: { communityId: community.id }, select: { id: true, code: true, nameZh: true, nameEn: true } }),
    ]);
    const categoryById = new Map(categories.map((c) => [c.id, c]));
    const gridById = new Map(grids.map((g) => [g.id, g]));
    let after = 0;
    for (;;) {
      // Only columns without personal data are read at all: no reporter, address, description or photos.
      const rows = await db.issue.findMany({
        where: { communityId: community.id, number: { gt: after } },
        orderBy: { number: "asc" },
        take: PAGE_ROWS,
        select: {
          number: true,
          title: true,
          categoryId: true,
          gridId: true,
          status: true,
          urgency: true,
          createdAt: true,
          triagedAt: true,
          resolvedAt: true,
          closedAt: true,
          meTooCount: true,
          satisfactionAverage: true,
        },
      });
      for (const row of rows) {
        const category = categoryById.get(row.categoryId);
        const grid = row.gridId ? gridById.get(row.gridId) : undefined;
        yield {
          community: community.slug,
          number: row.number,
          title: row.title,
          category: category?.key ?? null,
          category_zh: category?.nameZh ?? null,
          category_en: category?.nameEn ?? null,
          grid: grid?.code ?? null,
          grid_zh: grid?.nameZh ?? null,
          grid_en: grid?.nameEn ?? null,
          status: row.status,
          urgency: row.urgency,
          raised_at: isoOrNull(row.createdAt),
          responded_at: isoOrNull(row.triagedAt),
          resolved_at: isoOrNull(row.resolvedAt),
          closed_at: isoOrNull(row.closedAt),
          me_too_count: row.meTooCount,
          rating_average: row.satisfactionAverage === null ? null : Math.round(row.satisfactionAverage * 100) / 100,
        };
      }
      if (rows.length < PAGE_ROWS) break;
      after = rows[rows.length - 1].number;
    }
  }
}

async function* decisionRecords(db: Db, scope: Scope): AsyncGenerator<OpenRecord> {
  const slugOf = new Map(scope.communities.map((c) => [c.id, c.slug]));
  let after: string | undefined;
  for (;;) {
    const rows = await db.decision.findMany({
      where: publicDecisionWhere(scope.communities.map((c) => c.id)),
      orderBy: { id: "asc" },
      take: PAGE_ROWS,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
      select: {
        id: true,
        meetingId: true,
        status: true,
        text: true,
        noticeStartsAt: true,
        noticeEndsAt: true,
        finalAt: true,
        meeting: { select: { communityId: true } },
        issue: { select: { number: true, communityId: true } },
      },
    });
    for (const row of rows) {
      const communityId = row.meeting?.communityId ?? row.issue?.communityId ?? "";
      yield {
        community: slugOf.get(communityId) ?? null,
        decision_id: row.id,
        meeting_id: row.meetingId,
        issue_number: row.issue?.number ?? null,
        status: row.status,
        text: row.text,
        notice_starts_at: isoOrNull(row.noticeStartsAt),
        notice_ends_at: isoOrNull(row.noticeEndsAt),
        final_at: isoOrNull(row.finalAt),
      };
    }
    if (rows.length < PAGE_ROWS) break;
    after = rows[rows.length - 1].id;
  }
}

/**
 * One record per option of each closed poll: the stored, aggregated result only (Poll.result). Secret
 * ballots are never read; named ones are not either, so no choice can be tied to a voter here.
 */
async function* meetingResultRecords(db: Db, scope: Scope): AsyncGenerator<OpenRecord> {
  const slugOf = new Map(scope.communities.map((c) => [c.id, c.slug]));
  let after: string | undefined;
  for (;;) {
    const rows = await db.poll.findMany({
      where: { status: "closed", result: { not: null }, meeting: { communityId: { in: scope.communities.map((c) => c.id) } } },
      orderBy: { id: "asc" },
      take: PAGE_ROWS,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
      select: {
        id: true,
        result: true,
        meeting: { select: { id: true, communityId: true, title: true, form: true, startsAt: true } },
      },
    });
    for (const row of rows) {
      const result = parsePollResult(row.result);
      if (!result) continue;
      for (const option of result.options) {
        yield {
          community: slugOf.get(row.meeting.communityId) ?? null,
          meeting_id: row.meeting.id,
          meeting_title: row.meeting.title,
          meeting_form: row.meeting.form,
          meeting_date: isoOrNull(row.meeting.startsAt),
          poll_id: row.id,
          question: result.question,
          poll_kind: result.kind,
          ballot_mode: result.ballotMode,
          pass_rule: result.passRule,
          option: option.label,
          votes: option.total,
          eligible: result.eligible,
          present: result.present,
          quorum_met: result.quorumMet,
          passed: result.passed,
          closed_at: result.closedAt,
        };
      }
    }
    if (rows.length < PAGE_ROWS) break;
    after = rows[rows.length - 1].id;
  }
}
