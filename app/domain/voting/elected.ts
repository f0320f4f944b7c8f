/**
 * Who is elected in a choice poll with k seats ("choose up to k"; a single-choice poll has one seat).
 * Plurality: the k options with the most votes. An option with no votes is never elected. When options tie
 * for the last seats and not all of them fit, none of the tied ones is elected: the remaining seats stay
 * open and the tied options are named, so the meeting decides them (run-off, or the rule it agreed).
 */
export interface Standing {
  key: string;
  total: number;
}

export interface Election {
  seats: number;
  /** Elected outright, most votes first. */
  elected: string[];
  /** Tied for the last open seats, more of them than seats left; empty when every seat is decided. */
  tied: string[];
  /** Seats the tie leaves open (0 when `tied` is empty). */
  seatsOpen: number;
}

export function electTopK(standings: readonly Standing[], seats: number): Election {
  const ranked = standings.filter((s) => s.total > 0).sort((a, b) => b.total - a.total);
  if (ranked.length <= seats) return { seats, elected: ranked.map((s) => s.key), tied: [], seatsOpen: 0 };
  const cutoff = ranked[seats - 1].total;
  const above = ranked.filter((s) => s.total > cutoff).map((s) => s.key);
  const atCutoff = ranked.filter((s) => s.total === cutoff).map((s) => s.key);
  if (above.length + atCutoff.length <= seats) return { seats, elected: [...above, ...atCutoff], tied: [], seatsOpen: 0 };
  return { seats, elected: above, tied: atCutoff, seatsOpen: seats - above.length };
}
