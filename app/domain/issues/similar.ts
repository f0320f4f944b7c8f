/**
 * "Is this already reported?" — a light similarity between a new title and open issues in the same grid.
 * Chinese has no spaces, so titles are compared by character pairs (bigrams); Latin words count whole.
 */
export function titleTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  const normalized = text.toLowerCase().replace(/[\p{P}\p{S}]/gu, " ");
  for (const word of normalized.match(/[a-z0-9]+/g) ?? []) if (word.length > 1) tokens.add(word);
  const han = normalized.match(/\p{Script=Han}+/gu) ?? [];
  for (const run of han) {
    if (run.length === 1) tokens.add(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.add(run.slice(i, i + 2));
  }
  return tokens;
}

/** Overlap of the new title's tokens found in the candidate (0…1), with a small bonus for the same category. */
export function similarityScore(title: string, candidate: { title: string; description?: string; sameCategory?: boolean }): number {
  const wanted = titleTokens(title);
  if (wanted.size === 0) return candidate.sameCategory ? 0.1 : 0;
  const haystack = titleTokens(`${candidate.title} ${candidate.description ?? ""}`);
  let shared = 0;
  for (const token of wanted) if (haystack.has(token)) shared++;
  return shared / wanted.size + (candidate.sameCategory ? 0.1 : 0);
}

export const SIMILARITY_THRESHOLD = 0.3;
