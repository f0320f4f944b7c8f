import { formatDateTime } from "../../infra/time";

/** Meeting times read with their weekday ("周四 19:00"): people plan their evening around them. */
export function formatWhen(value: string | Date, language: string, withTime = true): string {
  return formatDateTime(value, language, withTime, true);
}

export const STATUS_TONE: Record<string, string> = {
  planned: "bg-sky-100 text-sky-900",
  live: "bg-green-100 text-green-900",
  ended: "bg-stone-200 text-stone-800",
};
