import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { audit } from "../audit.server";
import { conflict, notFound } from "../errors";
import { answerRequestAsUnit, offerUnitForNeed } from "../matching/matching.server";
import type { Actor } from "../permissions";
import { requireForUnit } from "./lists";

/** A list longer than this is no longer read by anyone; it is also what a runaway script could fill. */
export const MAX_ITEMS_PER_LIST = 60;

export interface ListEntryInput {
  titleZh: string;
  titleEn?: string;
  category: string;
  quantity?: string;
  availability?: string;
  description?: string;
}

export type UnitPageCommand =
  | ({ intent: "add_item"; list: "resource" | "need" } & ListEntryInput)
  | ({ intent: "update_item"; itemId: string } & ListEntryInput)
  | { intent: "remove_item"; itemId: string }
  | { intent: "offer"; needId: string; note?: string }
  | { intent: "accept"; matchId: string; note?: string }
  | { intent: "decline"; matchId: string; reason: string };

const entryColumns = (input: ListEntryInput) => ({
  titleZh: input.titleZh,
  // Pages in English show the Chinese title when nobody wrote an English one.
  titleEn: input.titleEn ?? input.titleZh,
  category: input.category,
  quantity: input.quantity ?? null,
  availability: input.availability ?? null,
  description: input.description ?? null,
});

/**
 * Everything done from a unit's page: its representatives (or the staff of its community) keep its
 * resource and needs lists; its representatives answer requests and offer the unit for needs.
 * Returns the people notified, for the caller to push their unread counts.
 */
export async function changeFromUnitPage(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  unitId: string,
  command: UnitPageCommand,
): Promise<string[]> {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, streetId: true, communityId: true } });
  if (!unit) throw notFound("units:errors.unit_not_found");
  switch (command.intent) {
    case "offer":
      return (await offerUnitForNeed(db, clock, actor, unit.id, command)).notified;
    case "accept":
      return (await answerRequestAsUnit(db, clock, actor, unit.id, command.matchId, { accept: true, note: command.note })).notified;
    case "decline":
      return (await answerRequestAsUnit(db, clock, actor, unit.id, command.matchId, { accept: false, reason: command.reason })).notified;
    default:
      break;
  }
  requireForUnit(actor, "edit:unit-lists", unit);
  const at = clock.now();
  const log = (action: string, entityId: string) =>
    audit(db, { actorId: actor.id, communityId: unit.communityId, action, entityType: "UnitListItem", entityId, at });
  switch (command.intent) {
    case "add_item": {
      const count = await db.unitListItem.count({ where: { unitId: unit.id, list: command.list } });
      if (count >= MAX_ITEMS_PER_LIST) throw conflict("units:errors.list_full", { max: MAX_ITEMS_PER_LIST });
      const item = await db.unitListItem.create({ data: { unitId: unit.id, list: command.list, ...entryColumns(command), createdAt: at } });
      await log("unit-list.add", item.id);
      return [];
    }
    case "update_item": {
      // The unit is part of the condition: an item id of another unit is "not found", never edited.
      const updated = await db.unitListItem.updateMany({ where: { id: command.itemId, unitId: unit.id }, data: entryColumns(command) });
      if (updated.count === 0) throw notFound("units:errors.item_not_found");
      await log("unit-list.update", command.itemId);
      return [];
    }
    case "remove_item": {
      const removed = await db.unitListItem.deleteMany({ where: { id: command.itemId, unitId: unit.id } });
      if (removed.count === 0) throw notFound("units:errors.item_not_found");
      await log("unit-list.remove", command.itemId);
      return [];
    }
  }
}
