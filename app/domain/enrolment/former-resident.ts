/**
 * The name a deleted person's records keep (ADR 0020). It is stored as this one fixed string — the marker —
 * on the account and on meeting rolls, and pages translate it for the reader (`common:former_resident`)
 * when they are sent (`translateFormerResident`, used by every loader), so English pages say "former resident".
 */
export const FORMER_RESIDENT_NAME = "已注销居民";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * `data` with every string that is exactly the marker replaced by `translated`; the same object when there is
 * none (nothing is copied then). Only plain objects and arrays are walked: Responses, Dates and the like stay.
 */
export function translateFormerResident<T>(data: T, translated: string): T {
  if (typeof data === "string") return (data === FORMER_RESIDENT_NAME ? translated : data) as T;
  if (Array.isArray(data)) {
    let changed: unknown[] | null = null;
    data.forEach((item, index) => {
      const next = translateFormerResident(item, translated);
      if (next !== item) (changed ??= [...data])[index] = next;
    });
    return (changed ?? data) as T;
  }
  if (isPlainObject(data)) {
    let changed: Record<string, unknown> | null = null;
    for (const [key, value] of Object.entries(data)) {
      const next = translateFormerResident(value, translated);
      if (next !== value) (changed ??= { ...data })[key] = next;
    }
    return (changed ?? data) as T;
  }
  return data;
}
