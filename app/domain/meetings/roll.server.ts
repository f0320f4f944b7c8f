import type { Db } from "../../infra/db.server";

/** The roll as staff see it: names, roles, votes, presence and proxies. */
export async function staffRoll(db: Db, meetingId: string) {
  const roll = await db.participant.findMany({
    where: { meetingId },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, userId: true, name: true, role: true, canVote: true, checkedInAt: true, proxyForId: true },
  });
  return roll.map((p) => ({ ...p, checkedIn: p.checkedInAt !== null }));
}
