import { UTF8_BOM, csvField } from "../issues/csv";

/**
 * The open datasets (issue #14; documented field by field in docs/open-data.md). Field names are stable:
 * add fields at the end, never rename or remove one. Nothing here names or identifies a person: no
 * reporters, voters, authors, addresses, descriptions, comments or photos.
 */
export const DATASETS = ["issues", "decisions", "meeting-results"] as const;
export type Dataset = (typeof DATASETS)[number];
export const FORMATS = ["csv", "json"] as const;
export type Format = (typeof FORMATS)[number];

export const FIELDS = {
  issues: [
    "community",
    "number",
    "title",
    "category",
    "category_zh",
    "category_en",
    "grid",
    "grid_zh",
    "grid_en",
    "status",
    "urgency",
    "raised_at",
    "responded_at",
    "resolved_at",
    "closed_at",
    "me_too_count",
    "rating_average",
  ],
  decisions: ["community", "decision_id", "meeting_id", "issue_number", "status", "text", "notice_starts_at", "notice_ends_at", "final_at"],
  "meeting-results": [
    "community",
    "meeting_id",
    "meeting_title",
    "meeting_form",
    "meeting_date",
    "poll_id",
    "question",
    "poll_kind",
    "ballot_mode",
    "pass_rule",
    "option",
    "votes",
    "eligible",
    "present",
    "quorum_met",
    "passed",
    "closed_at",
  ],
} as const satisfies Record<Dataset, readonly string[]>;

export type OpenValue = string | number | boolean | null;
export type OpenRecord = Record<string, OpenValue>;

export function isDataset(value: string): value is Dataset {
  return (DATASETS as readonly string[]).includes(value);
}

/** "issues.csv" → { dataset: "issues", format: "csv" }; anything else → null. */
export function parseFileName(file: string): { dataset: Dataset; format: Format } | null {
  const match = /^([a-z-]+)\.(csv|json)$/.exec(file);
  if (!match || !isDataset(match[1])) return null;
  return { dataset: match[1], format: match[2] as Format };
}

/** Dates as UTC ISO 8601, the form every spreadsheet and JSON reader parses. */
export const isoOrNull = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/**
 * Writes records as CSV or JSON, piece by piece: the header (or "["), then each record as it comes, then the
 * end. A download of 100,000 issues never holds more than one page of rows in memory.
 */
export function serializer(dataset: Dataset, format: Format) {
  const fields = FIELDS[dataset];
  let first = true;
  if (format === "csv") {
    return {
      start: () => UTF8_BOM + fields.join(",") + "\r\n",
      record: (record: OpenRecord) =>
        fields
          .map((field) => csvField(typeof record[field] === "boolean" ? String(record[field]) : (record[field] as string | number | null)))
          .join(",") + "\r\n",
      end: () => "",
    };
  }
  return {
    start: () => "[",
    record: (record: OpenRecord) => {
      const ordered = Object.fromEntries(fields.map((field) => [field, record[field] ?? null]));
      const text = (first ? "\n" : ",\n") + JSON.stringify(ordered);
      first = false;
      return text;
    },
    end: () => (first ? "]\n" : "\n]\n"),
  };
}
