import type { Clock } from "../../infra/clock";
import { DAY } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import type { FileStorage } from "../../infra/storage.server";
import { audit } from "../audit.server";
import { requireCommunityBySlug } from "../communities/community-list.server";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { communityStaffIds, unitRepIds } from "../issues/recipients.server";
import type { NotificationType } from "../notifications/notify.server";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import type { IncomingFile } from "../uploads/images";
import { storeImages } from "../uploads/save-images.server";
import { hasConfirmedRegistration } from "../volunteering/registrations.server";
import type { WishCategory, WishMove } from "./rules";
import {
  MAX_PHOTOS_PER_FULFILMENT,
  WALL_STATUSES,
  WISH_MOVES,
  WISH_UNCLAIMED_DAYS,
  buildingOnly,
  canMoveWish,
  mayConfirmWish,
  revealsFullName,
} from "./rules";

type CommunityRef = { id: string; slug: string; streetId: string };

export interface WishInput {
  title: string;
  description?: string;
  category: WishCategory;
  valueCap?: number;
  publicName: string;
  building: string;
}

const resourceOf = (community: { id: string; streetId: string }) => ({ communityId: community.id, streetId: community.streetId });

/** What anyone may see of a wish: never the wisher's account, name or address beyond the building. */
const publicWish = {
  id: true,
  publicName: true,
  building: true,
  category: true,
  title: true,
  description: true,
  valueCap: true,
  status: true,
  createdAt: true,
  claimedAt: true,
  fulfilledAt: true,
  confirmedAt: true,
  thanks: true,
  claimedUnitId: true,
} as const;

/** People who may act for the wisher: the resident (if they have an account) and whoever posted it for them. */
const wisherSide = (wish: { wisherId: string | null; postedById: string }) => [wish.postedById, ...(wish.wisherId ? [wish.wisherId] : [])];

/** The claimer and, for a unit's claim, every representative of that unit. */
async function claimerSide(db: Db | Tx, wish: { claimedById: string | null; claimedUnitId: string | null }): Promise<string[]> {
  const reps = wish.claimedUnitId ? await unitRepIds(db, wish.claimedUnitId) : [];
  return [...new Set([...(wish.claimedById ? [wish.claimedById] : []), ...reps])];
}

async function notifyWish(
  db: Db | Tx,
  recipients: string[],
  actorId: string | null,
  type: NotificationType,
  wish: { id: string; title: string },
  at: Date,
  extra: Record<string, string> = {},
): Promise<string[]> {
  return notify(
    db,
    recipients.filter((id) => id !== actorId),
    { type, dedupeKey: `${type}:wish:${wish.id}`, data: { title: wish.title, ...extra }, link: `/wishes/${wish.id}` },
    at,
  );
}

/** Grid workers and staff post for a resident; a resident posts for themselves. */
function postsOnBehalf(actor: Actor, communityId: string): boolean {
  return actor.memberships.some((m) => m.communityId === communityId && (m.role === "grid_worker" || m.role === "community_staff"));
}

/** The community's wish wall (微心愿墙): approved wishes for everyone; the review queue and flags for staff. */
export async function wishWallPage(db: Db, clock: Clock, viewer: (Actor & { displayName?: string }) | null, slug: string) {
  const community = await requireCommunityBySlug(db, slug);
  const resource = resourceOf(community);
  const canReview = can(viewer, "approve:wish", resource);
  const [wall, queue, mine, units] = await Promise.all([
    db.wish.findMany({
      where: { communityId: community.id, status: { in: [...WALL_STATUSES] } },
      orderBy: [{ createdAt: "desc" }],
      take: 120,
      select: publicWish,
    }),
    canReview
      ? db.wish.findMany({
          where: { communityId: community.id, OR: [{ status: "submitted" }, { status: "open", staleSince: { not: null } }] },
          orderBy: { createdAt: "asc" },
          select: { ...publicWish, staleSince: true },
        })
      : Promise.resolve([]),
    viewer
      ? db.wish.findMany({
          where: { communityId: community.id, OR: [{ postedById: viewer.id }, { wisherId: viewer.id }] },
          orderBy: { createdAt: "desc" },
          take: 30,
          select: { ...publicWish, declineReason: true },
        })
      : Promise.resolve([]),
    db.unit.findMany({ where: { streetId: community.streetId }, select: { id: true, nameZh: true, nameEn: true } }),
  ]);
  const unitName = new Map(units.map((unit) => [unit.id, { nameZh: unit.nameZh, nameEn: unit.nameEn }]));
  const withUnit = <T extends { claimedUnitId: string | null }>(wish: T) => {
    const { claimedUnitId, ...rest } = wish;
    return { ...rest, claimedUnit: claimedUnitId ? (unitName.get(claimedUnitId) ?? null) : null };
  };
  const now = clock.now();
  return {
    community,
    wall: wall.map((wish) => withUnit(wish)),
    queue: queue.map((wish) => ({ ...withUnit(wish), waitingDays: Math.floor((now.getTime() - wish.createdAt.getTime()) / DAY) })),
    mine: mine.map((wish) => withUnit(wish)),
    canPost: can(viewer, "post:wish", resource),
    onBehalf: !!viewer && postsOnBehalf(viewer, community.id),
    canReview,
    unclaimedDays: WISH_UNCLAIMED_DAYS,
  };
}

/** A resident posts a wish, or a grid worker (or staff) posts one on a resident's behalf; staff review it. */
export async function postWish(
  db: Db,
  clock: Clock,
  actor: Actor & { displayName: string },
  community: CommunityRef,
  input: WishInput,
): Promise<{ id: string; notified: string[] }> {
  requirePermission(actor, "post:wish", resourceOf(community));
  const building = buildingOnly(input.building);
  if (!building) throw invalid("volunteering:errors.building_only");
  const onBehalf = postsOnBehalf(actor, community.id);
  if (!onBehalf && revealsFullName(input.publicName, actor.displayName)) throw invalid("volunteering:errors.public_name_is_full_name");
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const wish = await tx.wish.create({
      data: {
        communityId: community.id,
        wisherId: onBehalf ? null : actor.id,
        postedById: actor.id,
        publicName: input.publicName,
        building,
        category: input.category,
        title: input.title,
        description: input.description ?? null,
        valueCap: input.valueCap ?? null,
        createdAt: now,
      },
      select: { id: true, title: true },
    });
    await audit(tx, { actorId: actor.id, communityId: community.id, action: "wish.post", entityType: "Wish", entityId: wish.id, at: now });
    const notified = await notifyWish(tx, await communityStaffIds(tx, community.id), actor.id, "wish_submitted", wish, now);
    return { id: wish.id, notified };
  });
}

async function loadWish(db: Db | Tx, wishId: string) {
  const wish = await db.wish.findUnique({
    where: { id: wishId },
    select: {
      ...publicWish,
      communityId: true,
      wisherId: true,
      postedById: true,
      claimedById: true,
      declineReason: true,
      fulfilmentNote: true,
      staleSince: true,
      reviewedAt: true,
    },
  });
  if (!wish) throw notFound("volunteering:errors.wish_not_found");
  const community = await db.community.findUniqueOrThrow({
    where: { id: wish.communityId },
    select: { id: true, slug: true, streetId: true, nameZh: true, nameEn: true },
  });
  return { wish, community };
}

/** People close to a wish: they see its photos and its private state (a declined wish, the note). */
function isInvolved(
  actor: Actor | null,
  wish: { wisherId: string | null; postedById: string; claimedById: string | null; claimedUnitId: string | null },
) {
  if (!actor) return false;
  if (wisherSide(wish).includes(actor.id) || wish.claimedById === actor.id) return true;
  return !!wish.claimedUnitId && actor.memberships.some((m) => m.role === "unit_rep" && m.unitId === wish.claimedUnitId);
}

/** A wish's page. Wishes not yet on the wall (or declined) are only for the people close to them and staff. */
export async function wishPage(db: Db, viewer: Actor | null, wishId: string) {
  const { wish, community } = await loadWish(db, wishId);
  const resource = resourceOf(community);
  const isStaff = can(viewer, "approve:wish", resource);
  const involved = isInvolved(viewer, wish);
  if (!WALL_STATUSES.includes(wish.status as never) && !isStaff && !involved) throw notFound("volunteering:errors.wish_not_found");
  const seesPrivate = isStaff || involved;
  const [photos, claimedUnit, claimer] = await Promise.all([
    seesPrivate
      ? db.wishPhoto.findMany({ where: { wishId }, orderBy: { createdAt: "asc" }, select: { storageKey: true, width: true, height: true } })
      : Promise.resolve([]),
    wish.claimedUnitId ? db.unit.findUnique({ where: { id: wish.claimedUnitId }, select: { id: true, nameZh: true, nameEn: true } }) : null,
    wish.claimedById ? db.user.findUnique({ where: { id: wish.claimedById }, select: { displayName: true } }) : null,
  ]);
  const registered = viewer && wish.status === "open" ? await hasConfirmedRegistration(db, viewer.id, community.id) : false;
  const claimUnits =
    viewer && wish.status === "open"
      ? await db.unit.findMany({
          where: {
            id: {
              in: viewer.memberships
                .filter((m) => m.communityId === community.id && m.role === "unit_rep" && m.unitId)
                .map((m) => m.unitId!),
            },
          },
          select: { id: true, nameZh: true, nameEn: true },
        })
      : [];
  const onClaimerSide =
    !!viewer &&
    (wish.claimedById === viewer.id ||
      (!!wish.claimedUnitId && viewer.memberships.some((m) => m.role === "unit_rep" && m.unitId === wish.claimedUnitId)));
  return {
    community,
    wish: {
      id: wish.id,
      publicName: wish.publicName,
      building: wish.building,
      category: wish.category,
      title: wish.title,
      description: wish.description,
      valueCap: wish.valueCap,
      status: wish.status,
      createdAt: wish.createdAt,
      claimedAt: wish.claimedAt,
      fulfilledAt: wish.fulfilledAt,
      confirmedAt: wish.confirmedAt,
      thanks: wish.thanks,
      staleSince: isStaff ? wish.staleSince : null,
      declineReason: seesPrivate ? wish.declineReason : null,
      fulfilmentNote: seesPrivate ? wish.fulfilmentNote : null,
      claimedUnit,
      // A volunteer's name is shown to people signed in; the public page says "a volunteer".
      claimerName: viewer ? (claimer?.displayName ?? null) : null,
    },
    photos,
    can: {
      review: isStaff && canMoveWish(wish.status, "approve"),
      claimAsVolunteer: wish.status === "open" && registered && can(viewer, "claim:wish", resource),
      claimForUnits:
        wish.status === "open" ? claimUnits.filter((unit) => can(viewer, "claim:wish-for-unit", { ...resource, unitId: unit.id })) : [],
      needsRegistration: !!viewer && wish.status === "open" && !registered && can(viewer, "claim:wish", resource),
      release: canMoveWish(wish.status, "release") && (onClaimerSide || isStaff),
      fulfil: canMoveWish(wish.status, "fulfil") && onClaimerSide,
      confirm: canMoveWish(wish.status, "confirm") && !!viewer && mayConfirmWish(viewer.id, wish),
    },
  };
}

/**
 * Moves a wish with a check-and-set: the update names the status it expects, so of two people claiming
 * the same wish at the same moment exactly one changes it and the other is told it was taken.
 */
async function moveWish(tx: Tx, wishId: string, move: WishMove, data: Record<string, unknown>, takenKey: string): Promise<void> {
  const { count } = await tx.wish.updateMany({
    where: { id: wishId, status: { in: [...WISH_MOVES[move].from] } },
    data: { ...data, status: WISH_MOVES[move].to },
  });
  if (count !== 1) throw conflict(takenKey);
}

export async function reviewWish(
  db: Db,
  clock: Clock,
  actor: Actor,
  wishId: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<{ notified: string[] }> {
  const { wish, community } = await loadWish(db, wishId);
  requirePermission(actor, "approve:wish", resourceOf(community));
  const now = clock.now();
  return db.$transaction(async (tx) => {
    if (decision.approve) {
      await moveWish(tx, wishId, "approve", { reviewedById: actor.id, reviewedAt: now }, "volunteering:errors.wish_already_reviewed");
    } else {
      await moveWish(
        tx,
        wishId,
        "decline",
        { reviewedById: actor.id, reviewedAt: now, declineReason: decision.reason },
        "volunteering:errors.wish_already_reviewed",
      );
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: decision.approve ? "wish.approve" : "wish.decline",
      entityType: "Wish",
      entityId: wishId,
      data: decision.approve ? undefined : { reason: decision.reason },
      at: now,
    });
    const notified = await notifyWish(tx, wisherSide(wish), actor.id, decision.approve ? "wish_approved" : "wish_declined", wish, now);
    return { notified };
  });
}

/** A registered volunteer claims a wish for themselves, or a unit's representative for the unit. */
export async function claimWish(
  db: Db,
  clock: Clock,
  actor: Actor,
  wishId: string,
  forUnitId: string | null,
): Promise<{ notified: string[] }> {
  const { wish, community } = await loadWish(db, wishId);
  const resource = resourceOf(community);
  if (forUnitId) {
    requirePermission(actor, "claim:wish-for-unit", { ...resource, unitId: forUnitId }, "volunteering:errors.not_your_unit");
  } else {
    requirePermission(actor, "claim:wish", resource);
    if (!(await hasConfirmedRegistration(db, actor.id, community.id))) throw forbidden("volunteering:errors.register_first");
  }
  if (wisherSide(wish).includes(actor.id)) throw conflict("volunteering:errors.own_wish");
  const now = clock.now();
  return db.$transaction(async (tx) => {
    await moveWish(
      tx,
      wishId,
      "claim",
      { claimedById: actor.id, claimedUnitId: forUnitId, claimedAt: now, staleSince: null },
      "volunteering:errors.wish_taken",
    );
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "wish.claim",
      entityType: "Wish",
      entityId: wishId,
      data: forUnitId ? { unitId: forUnitId } : undefined,
      at: now,
    });
    const notified = await notifyWish(tx, wisherSide(wish), actor.id, "wish_claimed", wish, now);
    return { notified };
  });
}

function requireClaimerSide(actor: Actor, wish: { claimedById: string | null; claimedUnitId: string | null }) {
  const isClaimer = wish.claimedById === actor.id;
  const speaksForUnit = !!wish.claimedUnitId && actor.memberships.some((m) => m.role === "unit_rep" && m.unitId === wish.claimedUnitId);
  if (!isClaimer && !speaksForUnit) throw forbidden("volunteering:errors.not_your_claim");
}

/** The claimer gives a wish back to the wall (staff may too, when a claimer went quiet). */
export async function releaseWish(db: Db, clock: Clock, actor: Actor, wishId: string): Promise<{ notified: string[] }> {
  const { wish, community } = await loadWish(db, wishId);
  if (!can(actor, "approve:wish", resourceOf(community))) requireClaimerSide(actor, wish);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    await moveWish(
      tx,
      wishId,
      "release",
      { claimedById: null, claimedUnitId: null, claimedAt: null, reviewedAt: now },
      "volunteering:errors.wish_changed",
    );
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "wish.release",
      entityType: "Wish",
      entityId: wishId,
      at: now,
    });
    const notified = await notify(
      tx,
      [...wisherSide(wish), ...(await claimerSide(tx, wish))].filter((id) => id !== actor.id),
      {
        type: "wish_released",
        dedupeKey: `wish_released:wish:${wishId}:${now.getTime()}`,
        data: { title: wish.title },
        link: `/wishes/${wishId}`,
      },
      now,
    );
    return { notified };
  });
}

/**
 * The claimer fulfils the wish with at least one photo (re-encoded, location stripped). Photos are checked
 * and stored first; if the wish changed meanwhile, they are removed again.
 */
export async function fulfilWish(
  db: Db,
  clock: Clock,
  storage: FileStorage,
  actor: Actor,
  wishId: string,
  input: { note?: string },
  photos: readonly IncomingFile[],
): Promise<{ notified: string[] }> {
  const { wish, community } = await loadWish(db, wishId);
  requireClaimerSide(actor, wish);
  if (!canMoveWish(wish.status, "fulfil")) throw conflict("volunteering:errors.wish_changed");
  if (photos.length === 0) throw invalid("volunteering:errors.photo_required");
  const { images, discard } = await storeImages(storage, clock, photos, MAX_PHOTOS_PER_FULFILMENT);
  const now = clock.now();
  try {
    return await db.$transaction(async (tx) => {
      await moveWish(tx, wishId, "fulfil", { fulfilledAt: now, fulfilmentNote: input.note ?? null }, "volunteering:errors.wish_changed");
      await tx.wishPhoto.createMany({ data: images.map((image) => ({ ...image, wishId, uploaderId: actor.id, createdAt: now })) });
      await audit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "wish.fulfil",
        entityType: "Wish",
        entityId: wishId,
        data: { photos: images.length },
        at: now,
      });
      const notified = await notifyWish(tx, wisherSide(wish), actor.id, "wish_fulfilled", wish, now);
      return { notified };
    });
  } catch (error) {
    await discard();
    throw error;
  }
}

/** The resident (or whoever posted for them) confirms the wish came true, and may say thank you. */
export async function confirmWish(
  db: Db,
  clock: Clock,
  actor: Actor,
  wishId: string,
  input: { thanks?: string },
): Promise<{ notified: string[] }> {
  const { wish, community } = await loadWish(db, wishId);
  if (!mayConfirmWish(actor.id, wish)) throw forbidden("volunteering:errors.not_your_wish");
  const now = clock.now();
  return db.$transaction(async (tx) => {
    await moveWish(
      tx,
      wishId,
      "confirm",
      { confirmedById: actor.id, confirmedAt: now, thanks: input.thanks ?? null },
      "volunteering:errors.wish_changed",
    );
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "wish.confirm",
      entityType: "Wish",
      entityId: wishId,
      at: now,
    });
    const notified = await notifyWish(tx, await claimerSide(tx, wish), actor.id, "wish_confirmed", wish, now, {
      thanks: input.thanks ?? "",
    });
    return { notified };
  });
}

/**
 * Flags open wishes nobody has claimed for WISH_UNCLAIMED_DAYS since they went on the wall, and tells the
 * community's staff once per wish. Idempotent: a flagged wish is not flagged again until it is claimed
 * and given back.
 */
export async function flagUnclaimedWishes(
  db: Db,
  clock: Clock,
  days = WISH_UNCLAIMED_DAYS,
): Promise<{ flagged: number; notified: string[] }> {
  const now = clock.now();
  const stale = await db.wish.findMany({
    where: { status: "open", staleSince: null, reviewedAt: { lte: new Date(now.getTime() - days * DAY) } },
    select: { id: true, title: true, communityId: true },
    take: 500,
  });
  const notified: string[] = [];
  for (const wish of stale) {
    const { count } = await db.wish.updateMany({ where: { id: wish.id, status: "open", staleSince: null }, data: { staleSince: now } });
    if (count !== 1) continue;
    notified.push(
      ...(await notify(
        db,
        await communityStaffIds(db, wish.communityId),
        {
          type: "wish_unclaimed",
          dedupeKey: `wish_unclaimed:wish:${wish.id}:${now.getTime()}`,
          data: { title: wish.title, days },
          link: `/wishes/${wish.id}`,
        },
        now,
      )),
    );
  }
  return { flagged: stale.length, notified: [...new Set(notified)] };
}

/** Who may see a fulfilment photo: the people close to the wish and the community's staff. */
export async function wishPhotoOwner(db: Db, storageKeys: readonly string[]) {
  const photo = await db.wishPhoto.findFirst({
    where: { storageKey: { in: [...storageKeys] } },
    select: { id: true, storageKey: true, wishId: true },
  });
  if (!photo) return null;
  const { wish, community } = await loadWish(db, photo.wishId);
  return {
    photo,
    maySee: (viewer: Actor | null) => isInvolved(viewer, wish) || can(viewer, "approve:wish", resourceOf(community)),
  };
}
