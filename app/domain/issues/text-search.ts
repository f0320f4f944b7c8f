/**
 * How a text query over issues is answered (issue #14; docs/decisions/0024-issue-text-search.md).
 *
 * SQLite keeps an FTS5 index with the trigram tokenizer ("IssueSearch"): every run of three characters of
 * a title or description is a term. A query of three or more characters is one phrase of trigrams, which
 * FTS5 answers exactly as a case-insensitive substring match. Chinese has no spaces, so this is what makes
 * "垃圾桶" find "小区垃圾桶满了" at all.
 *
 * Two-character queries are common in Chinese ("垃圾", "路灯") but have no trigram of their own. Each
 * indexed text ends with one extra space, so wherever the two characters occur there is a trigram that
 * starts with them ("垃圾桶", or "垃圾 " at the very end). We look those trigrams up in the index's term
 * list (a range scan) and ask for any of them. One-character queries are answered by a LIKE scan of the
 * community's issues: too unselective to index, and rare.
 *
 * PostgreSQL uses pg_trgm GIN indexes with ILIKE, which serve three or more characters; shorter patterns
 * fall back to the community's index and a filter, like one-character queries on SQLite.
 */

/** Above this many trigrams a two-character query is treated like a one-character one (a scan). */
export const MAX_PREFIX_TERMS = 500;

export type TextSearchPlan =
  { kind: "phrase"; match: string } | { kind: "two-characters"; from: string; to: string } | { kind: "scan"; text: string };

const characters = (text: string) => [...text].length;

/** An FTS5 string literal: the text in double quotes, inner quotes doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The highest code point: every term that starts with `prefix` sorts below `prefix + MAX`. */
const MAX_CHARACTER = String.fromCodePoint(0x10ffff);

export function planTextSearch(query: string): TextSearchPlan {
  const text = query.trim();
  const length = characters(text);
  if (length >= 3) return { kind: "phrase", match: ftsPhrase(text) };
  if (length === 2) {
    // The trigram tokenizer folds case before it stores a term, so the term range is looked up folded too.
    const folded = text.toLowerCase();
    return { kind: "two-characters", from: folded, to: folded + MAX_CHARACTER };
  }
  return { kind: "scan", text };
}

/** The FTS5 query that matches any of these trigrams, or null when there are none (nothing can match). */
export function anyOfTerms(terms: string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map(ftsPhrase).join(" OR ");
}
