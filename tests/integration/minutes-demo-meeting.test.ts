import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { openMinutes, publishMinutes, sendForReview, signOff } from "../../app/domain/minutes/minutes.server";
import type { Actor } from "../../app/domain/permissions";
import { isCommunityRole } from "../../app/domain/roles";
import { renderMinutesHtml } from "../../app/editor/render.server";
import type { Db } from "../../app/infra/db.server";
import { seedDemo } from "../../prisma/seed";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";

const t = (key: string) => key;

async function actor(db: Db, username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, include: { memberships: { include: { community: true } } } });
  return {
    id: user.id,
    streetAdminOfId: user.streetAdminOfId,
    memberships: user.memberships.flatMap((m) =>
      isCommunityRole(m.role)
        ? [
            {
              communityId: m.communityId,
              streetId: m.community.streetId,
              role: m.role,
              isResidentRep: m.isResidentRep,
              unitId: m.unitId,
              gridId: m.gridId,
            },
          ]
        : [],
    ),
  };
}

describe("minutes of the demo community's ended meeting (the meetings seed)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshSqlite();
    await seedDemo(database.db);
  });
  afterAll(async () => database?.drop());

  it("drafts, signs and publishes minutes whose locked blocks match the recorded polls and decisions", async () => {
    const db = database.db;
    const meeting = await db.meeting.findFirst({
      where: { status: "ended", polls: { some: { status: "closed" } } },
      include: { polls: true, decisions: true },
    });
    expect(meeting, "the demo seed has an ended meeting with closed polls").toBeTruthy();
    if (!meeting) return;
    const clock = new FakeClock();
    const staff = await actor(db, "staff");
    const host = await db.user.findUniqueOrThrow({ where: { id: meeting.hostId } });
    const minutes = await openMinutes(db, clock, staff, meeting.id, t, "zh-CN");
    const blocks = [...minutes.content.matchAll(/"type":"(vote-result|decision|attendance)"/g)].map((m) => m[1]);
    expect(blocks.filter((b) => b === "vote-result")).toHaveLength(meeting.polls.filter((p) => p.status === "closed" && p.result).length);
    expect(blocks.filter((b) => b === "decision")).toHaveLength(meeting.decisions.length);
    expect(renderMinutesHtml(minutes.content, t)).toContain('data-kind="vote-result"');
    await sendForReview(db, clock, staff, minutes.id);
    await signOff(db, clock, await actor(db, host.username), { minutesId: minutes.id, revision: minutes.revision });
    const published = await publishMinutes(db, clock, staff, { minutesId: minutes.id });
    expect(published?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
