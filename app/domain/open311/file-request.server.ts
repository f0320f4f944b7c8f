import type { Db } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import type { Open311PostInput } from "../../schemas/open311";
import { audit } from "../audit.server";
import { issuePath } from "../issues/links";
import { communityStaffIds } from "../issues/recipients.server";
import { isWriteContention } from "../issues/write-conflict";
import { isUniqueViolation, notify } from "../notifications/notify.server";
import { levelsAtRaise } from "../service-levels/levels";
import { closuresOf, levelsOfCategory } from "../service-levels/levels.server";
import { hashApiKey, placeOf, titleFromDescription } from "./keys";
import { GeoReportFailure } from "./requests.server";

/** What the spec answers for a filed request. */
export const SERVICE_NOTICE = "Received: community staff will triage it (受理中，社区工作人员将分拣处理)";

export interface Open311Client {
  id: string;
  label: string;
  keyHash: string;
  community: { id: string; slug: string; streetId: string };
}

/** The key's client; an unknown or revoked key is the spec's 403. */
export async function clientOfKey(db: Db, apiKey: string): Promise<Open311Client> {
  const keyHash = hashApiKey(apiKey);
  const key = await db.open311Key.findUnique({
    where: { keyHash },
    select: { id: true, label: true, keyHash: true, revokedAt: true, community: { select: { id: true, slug: true, streetId: true } } },
  });
  if (!key || key.revokedAt) throw new GeoReportFailure(403, "api_key is invalid or revoked");
  return { id: key.id, label: key.label, keyHash: key.keyHash, community: key.community };
}

/**
 * The community's "Open311" reporter, made on first use: the tracker needs a reporter for every issue, and
 * an Open311 client is not a person who could sign in. The account is disabled with an unusable password
 * hash, so nobody can ever sign in as it; the key's label in the audit row says which client filed.
 */
async function open311Reporter(db: Db, communityId: string, now: Date): Promise<string> {
  const username = `open311-${communityId}`.toLowerCase();
  const existing = await db.user.findUnique({ where: { username }, select: { id: true } });
  if (existing) return existing.id;
  try {
    const user = await db.user.create({
      data: { username, displayName: "Open311", passwordHash: "!", disabledAt: now, createdAt: now },
      select: { id: true },
    });
    return user.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    return user.id;
  }
}

/**
 * Files a GeoReport v2 request as a `submitted` issue of the key's community: like a resident's raise, staff
 * are told at once and the audit row (`issue.raise_open311`) names the client. The requester's contact
 * fields are kept only in that audit row, which only staff read; the address only in the issue's address,
 * which no public page, open-data file or Open311 answer shows.
 */
export async function fileOpen311Request(db: Db, clock: Clock, client: Open311Client, input: Open311PostInput) {
  const community = client.community;
  if (input.jurisdiction_id && input.jurisdiction_id !== community.slug)
    throw new GeoReportFailure(403, "api_key does not belong to this jurisdiction_id");
  const category = await db.issueCategory.findFirst({
    where: { communityId: community.id, key: input.service_code, archivedAt: null },
    select: { id: true },
  });
  if (!category) throw new GeoReportFailure(404, `service_code not found: ${input.service_code}`);
  const now = clock.now();
  const reporterId = await open311Reporter(db, community.id, now);
  const title = titleFromDescription(input.description);
  const contact = Object.fromEntries(
    (["first_name", "last_name", "email", "phone"] as const).filter((field) => input[field]).map((field) => [field, input[field]]),
  );
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const last = await tx.issue.findFirst({
          where: { communityId: community.id },
          orderBy: { number: "desc" },
          select: { number: true },
        });
        const number = (last?.number ?? 0) + 1;
        const levels = levelsAtRaise(await levelsOfCategory(tx, category.id), now, await closuresOf(tx, community.id, now));
        const issue = await tx.issue.create({
          data: {
            number,
            communityId: community.id,
            categoryId: category.id,
            title,
            description: input.description,
            address: placeOf(input.address_string, input.lat, input.long),
            reporterId,
            createdAt: now,
            ...levels,
          },
          select: { id: true, number: true },
        });
        await tx.issueEvent.create({
          data: { issueId: issue.id, actorId: reporterId, type: "submitted", toStatus: "submitted", isPublic: true, createdAt: now },
        });
        await tx.open311Key.update({ where: { id: client.id }, data: { lastUsedAt: now } });
        await audit(tx, {
          actorId: null,
          communityId: community.id,
          action: "issue.raise_open311",
          entityType: "Issue",
          entityId: issue.id,
          data: { number, client: client.label, keyId: client.id, ...(Object.keys(contact).length ? { contact } : {}) },
          at: now,
        });
        const staffIds = await communityStaffIds(tx, community.id);
        await notify(
          tx,
          staffIds,
          { type: "issue_raised", dedupeKey: `raised:${issue.id}`, data: { number, title }, link: issuePath(community.slug, number) },
          now,
        );
        return [{ service_request_id: String(number), service_notice: SERVICE_NOTICE, account_id: null }];
      });
    } catch (error) {
      if (attempt < 4 && (isUniqueViolation(error) || isWriteContention(error))) continue;
      throw error;
    }
  }
}
