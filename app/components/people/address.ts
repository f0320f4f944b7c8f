import type { TFunction } from "i18next";

/** 3幢2单元301室 / Building 3, entrance 2, room 301: the words around the numbers come from the translations. */
export function formatAddress(t: TFunction, address: { building: string; entrance: string; room: string } | null): string {
  if (!address) return "";
  return address.entrance
    ? t("people:address.full", { building: address.building, entrance: address.entrance, room: address.room })
    : t("people:address.no_entrance", { building: address.building, room: address.room });
}
