import type { Db } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { invalid } from "../errors";
import { isUniqueViolation, notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { IncomingFile } from "../uploads/images";
import { MAX_PHOTOS_PER_ISSUE } from "../uploads/images";
import { storeImages } from "../uploads/save-images.server";
import type { FileStorage } from "../../infra/storage.server";
import type { RaiseIssueInput } from "../../schemas/issues";
import { levelsAtRaise } from "../service-levels/levels";
import { chinaMonthOf } from "../figures/months";
import { closuresOf, levelsOfCategory } from "../service-levels/levels.server";
import { issuePath } from "./links";
import { communityStaffIds } from "./recipients.server";
import { isWriteContention } from "./write-conflict";
import type { OnBehalf } from "../assisted/consent";
import { assistedColumns, requireAssistedResident, tellResident } from "../assisted/assisted.server";

export interface CommunityRef {
  id: string;
  slug: string;
  streetId: string;
}

/**
 * Files a new issue with its photos. Photos are checked before anything is written; the issue, its
 * photos' rows, the first timeline event, the reporter's follow and the audit row are one transaction,
 * and stored files are removed again if that transaction fails: a refused upload leaves nothing behind.
 * With `onBehalf`, a grid worker or staff member raises it for a resident (代办): the resident is the reporter
 * (and is asked for the acceptance rating later), the helper is kept as `actedById` with how consent was given.
 */
export async function raiseIssue(
  db: Db,
  clock: Clock,
  storage: FileStorage,
  actor: Actor,
  community: CommunityRef,
  input: RaiseIssueInput,
  photos: readonly IncomingFile[],
  onBehalf?: OnBehalf,
): Promise<{ id: string; number: number; notified: string[]; staffIds: string[] }> {
  const resident = onBehalf ? await requireAssistedResident(db, actor, community, onBehalf.residentId) : null;
  if (!resident) requirePermission(actor, "raise:issue", { communityId: community.id, streetId: community.streetId });
  const reporterId = resident?.id ?? actor.id;
  const category = await db.issueCategory.findFirst({
    where: { id: input.categoryId, communityId: community.id, archivedAt: null },
    select: { id: true },
  });
  if (!category) throw invalid("issues:errors.category_required");
  if (input.gridId) {
    const grid = await db.grid.findFirst({ where: { id: input.gridId, communityId: community.id }, select: { id: true } });
    if (!grid) throw invalid("errors.field.invalid_choice");
  }
  const { images, discard } = await storeImages(storage, clock, photos, MAX_PHOTOS_PER_ISSUE);
  const now = clock.now();
  try {
    // Numbers are per community; two people filing at once may pick the same one, so retry on the unique index.
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.$transaction(async (tx) => {
          const last = await tx.issue.findFirst({
            where: { communityId: community.id },
            orderBy: { number: "desc" },
            select: { number: true },
          });
          const number = (last?.number ?? 0) + 1;
          // The category's service levels as they stand today travel with the issue (later changes do not move it).
          const levels = levelsAtRaise(await levelsOfCategory(tx, category.id), now, await closuresOf(tx, community.id, now));
          const issue = await tx.issue.create({
            data: {
              number,
              communityId: community.id,
              gridId: input.gridId ?? null,
              categoryId: category.id,
              title: input.title,
              description: input.description,
              address: input.address ?? null,
              urgency: input.urgency,
              reporterId,
              ...assistedColumns(actor, onBehalf),
              createdAt: now,
              raisedMonth: chinaMonthOf(now),
              ...levels,
            },
            select: { id: true, number: true },
          });
          if (images.length > 0) {
            await tx.attachment.createMany({
              data: images.map((image) => ({ ...image, uploaderId: actor.id, issueId: issue.id, createdAt: now })),
            });
          }
          await tx.issueEvent.create({
            data: {
              issueId: issue.id,
              actorId: actor.id,
              type: "submitted",
              toStatus: "submitted",
              isPublic: true,
              createdAt: now,
              data: images.length ? JSON.stringify({ photos: images.length }) : null,
            },
          });
          // The helper follows too: they are the resident's way of hearing how it goes.
          for (const userId of new Set([reporterId, actor.id]))
            await tx.issueFollower.create({ data: { issueId: issue.id, userId, createdAt: now } });
          await audit(tx, {
            actorId: actor.id,
            communityId: community.id,
            action: onBehalf ? "issue.raise_assisted" : "issue.raise",
            entityType: "Issue",
            entityId: issue.id,
            data: onBehalf
              ? { number, photos: images.length, onBehalfOf: reporterId, consent: onBehalf.consentMethod }
              : { number, photos: images.length },
            at: now,
          });
          // Staff hear of every new issue at once: the triage clock starts now.
          const staffIds = await communityStaffIds(tx, community.id);
          const notified = await notify(
            tx,
            staffIds.filter((id) => id !== actor.id),
            {
              type: "issue_raised",
              dedupeKey: `raised:${issue.id}`,
              data: { number: issue.number, title: input.title },
              link: issuePath(community.slug, issue.number),
            },
            now,
          );
          const told = onBehalf
            ? await tellResident(
                tx,
                actor,
                reporterId,
                {
                  type: "assisted_issue_raised",
                  key: issue.id,
                  data: { number: issue.number, title: input.title },
                  link: issuePath(community.slug, issue.number),
                },
                now,
              )
            : [];
          return { ...issue, notified: [...notified, ...told], staffIds };
        });
      } catch (error) {
        if (attempt < 4 && (isUniqueViolation(error) || isWriteContention(error))) continue;
        throw error;
      }
    }
  } catch (error) {
    await discard();
    throw error;
  }
}
