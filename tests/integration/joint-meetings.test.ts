import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { chinaDateTimeString } from "../../app/infra/time";
import {
  createSeries,
  jointAttendanceOf,
  runJointMeetingSweep,
  scheduleOccurrences,
  seriesPage,
} from "../../app/domain/joint-meetings/series.server";
import { addAgendaItem } from "../../app/domain/meetings/planning.server";
import { checkInSelf, endMeeting, startMeeting, attendanceFor } from "../../app/domain/meetings/in-meeting.server";
import { castBallot, directBallotChannel } from "../../app/domain/voting/cast-ballot.server";
import { closePoll, openPoll } from "../../app/domain/voting/polls.server";
import { unitPage } from "../../app/domain/units/unit-page.server";
import { JointSeriesSchema } from "../../app/schemas/joint-meetings";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createDecision, createUnit, createUser } from "../helpers/fixtures";

/**
 * Issue #13: joint meetings (联席会议) by the 三定 rule. A quarterly series keeps its next two occurrences
 * scheduled and invites each unit's delegate and substitute; a unit has one vote whichever of the two casts
 * it; what the last meeting left unresolved moves to the next; attendance per unit reaches the scorecard.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`joint-meeting series on ${provider}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await fresh();
    });
    afterAll(async () => {
      await database?.drop();
    });

    async function world() {
      const db = database.db;
      const place = await createCommunity(db);
      const base = { streetId: place.street.id, communityId: place.community.id };
      const school = await createUnit(db, {
        ...base,
        kind: "school",
        sectorGroup: "culture",
        nameZh: "第十四中学",
        nameEn: "No. 14 High School",
      });
      const police = await createUnit(db, {
        ...base,
        kind: "police",
        sectorGroup: "governance",
        nameZh: "北山派出所",
        nameEn: "Beishan Police",
      });
      const staff = await createUser(db, { communityId: place.community.id, role: "community_staff" });
      const schoolDelegate = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: school.id });
      const schoolSubstitute = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: school.id });
      const policeDelegate = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: police.id });
      const resident = await createUser(db, { communityId: place.community.id, role: "resident" });
      return {
        db,
        place,
        school,
        police,
        staff: await actorOf(db, staff.user.id),
        schoolDelegate: await actorOf(db, schoolDelegate.user.id),
        schoolSubstitute: await actorOf(db, schoolSubstitute.user.id),
        policeDelegate: await actorOf(db, policeDelegate.user.id),
        resident: await actorOf(db, resident.user.id),
        // Monday 7 December 2026, 10:00 in Beishan.
        clock: new FakeClock(new Date("2026-12-07T10:00:00+08:00")),
      };
    }

    function quarterly(w: Awaited<ReturnType<typeof world>>, overrides: Record<string, unknown> = {}) {
      return JointSeriesSchema.parse({
        title: "北山街道共建联席会议",
        theme: "共建项目推进与资源对接",
        place: "社区党群服务中心二楼会议室",
        frequency: "quarterly",
        monthInPeriod: "1",
        dayRule: "nth_weekday",
        ordinal: "1",
        weekday: "4",
        time: "14:30",
        ahead: "2",
        hostId: w.staff.id,
        quorumRule: "more_than_half",
        seats: [
          { unitId: w.school.id, delegateId: w.schoolDelegate.id, substituteId: w.schoolSubstitute.id },
          { unitId: w.police.id, delegateId: w.policeDelegate.id, substituteId: "" },
        ],
        ...overrides,
      });
    }

    it("creates the next two quarterly occurrences on the first Thursday at 14:30 China time and invites both seats of each unit", async () => {
      const w = await world();
      const { id, notified } = await createSeries(w.db, w.clock, w.staff, w.place.community.id, quarterly(w));
      const meetings = await w.db.meeting.findMany({ where: { seriesId: id }, orderBy: { startsAt: "asc" } });
      expect(meetings.map((m) => chinaDateTimeString(m.startsAt))).toEqual(["2027-01-07 14:30", "2027-04-01 14:30"]);
      expect(meetings.every((m) => m.form === "joint" && m.status === "planned")).toBe(true);
      expect(new Set(notified)).toEqual(new Set([w.staff.id, w.schoolDelegate.id, w.schoolSubstitute.id, w.policeDelegate.id]));
      const invitations = await w.db.notification.count({ where: { userId: w.schoolSubstitute.id, type: "joint_meeting_invitation" } });
      expect(invitations).toBe(2);

      // Running the sweep again creates nothing and notifies nobody twice.
      expect((await runJointMeetingSweep(w.db, w.clock)).notified).toEqual([]);
      expect(await w.db.meeting.count({ where: { seriesId: id } })).toBe(2);

      // After January's meeting, July's is scheduled so two stay ahead.
      w.clock.set(new Date("2027-01-08T09:00:00+08:00"));
      await scheduleOccurrences(w.db, w.clock, id);
      const later = await w.db.meeting.findMany({ where: { seriesId: id }, orderBy: { startsAt: "asc" } });
      expect(later.map((m) => chinaDateTimeString(m.startsAt))).toEqual(["2027-01-07 14:30", "2027-04-01 14:30", "2027-07-01 14:30"]);
    });

    it("lets a unit's delegate or substitute cast the unit's one vote, never both", async () => {
      const w = await world();
      const { id } = await createSeries(w.db, w.clock, w.staff, w.place.community.id, quarterly(w));
      const meeting = await w.db.meeting.findFirstOrThrow({ where: { seriesId: id }, orderBy: { startsAt: "asc" } });
      await checkInSelf(w.db, w.clock, w.schoolSubstitute, meeting.id);
      // Only the substitute came: the school is present, once.
      let attendance = await attendanceFor(w.db, meeting);
      expect([attendance.eligible, attendance.present]).toEqual([2, 1]);
      await checkInSelf(w.db, w.clock, w.schoolDelegate, meeting.id);
      await checkInSelf(w.db, w.clock, w.policeDelegate, meeting.id);
      attendance = await attendanceFor(w.db, meeting);
      expect([attendance.eligible, attendance.present]).toEqual([2, 2]);

      await startMeeting(w.db, w.clock, w.staff, meeting.id);
      const poll = await openPoll(w.db, w.clock, w.staff, {
        meetingId: meeting.id,
        question: "同意共建项目年度计划？",
        kind: "yes_no_abstain",
        options: [],
        maxChoices: 1,
        ballotMode: "named",
        passRule: "majority_cast",
        abstentionsCount: false,
        resultsHidden: false,
        allowChange: false,
        rollCallPublic: false,
      });
      const seat = await w.db.participant.findFirstOrThrow({ where: { meetingId: meeting.id, userId: w.schoolDelegate.id } });
      const channel = directBallotChannel(w.db, w.clock);
      const receipt = await castBallot(channel, w.schoolSubstitute, {
        pollId: poll.id,
        choices: ["yes"],
        forParticipantId: seat.id,
        idempotencyKey: "substitute-vote-1",
      });
      expect(receipt.voterId).toBe(seat.id);
      // The delegate, present too, cannot vote for the school a second time.
      await expect(
        castBallot(channel, w.schoolDelegate, { pollId: poll.id, choices: ["no"], idempotencyKey: "delegate-vote-1" }),
      ).rejects.toMatchObject({
        key: "meetings:errors.alreadyVoted",
      });
      // A substitute cannot cast another unit's vote, nor a vote of their own.
      const policeSeat = await w.db.participant.findFirstOrThrow({ where: { meetingId: meeting.id, userId: w.policeDelegate.id } });
      await expect(
        castBallot(channel, w.schoolSubstitute, {
          pollId: poll.id,
          choices: ["no"],
          forParticipantId: policeSeat.id,
          idempotencyKey: "steal-1",
        }),
      ).rejects.toMatchObject({ key: "meetings:errors.notEligible" });
      await expect(
        castBallot(channel, w.schoolSubstitute, { pollId: poll.id, choices: ["no"], idempotencyKey: "own-1" }),
      ).rejects.toMatchObject({
        key: "meetings:errors.notEligible",
      });
      // Someone not on the roll is refused.
      await expect(
        castBallot(channel, w.resident, { pollId: poll.id, choices: ["no"], idempotencyKey: "resident-1" }),
      ).rejects.toMatchObject({
        key: "meetings:errors.notEligible",
      });
      await castBallot(channel, w.policeDelegate, { pollId: poll.id, choices: ["yes"], idempotencyKey: "police-vote-1" });
      const result = await closePoll(w.db, w.clock, w.staff, poll.id);
      expect([result.ballotsElectronic, result.proxyBallots, result.passed]).toEqual([2, 0, true]);
      expect(await w.db.voteRecord.count({ where: { pollId: poll.id } })).toBe(2);
    });

    it("rolls items left without a decision into the next occurrence, once, and feeds attendance to the unit's scorecard", async () => {
      const w = await world();
      const { id } = await createSeries(w.db, w.clock, w.staff, w.place.community.id, quarterly(w));
      const [first, second] = await w.db.meeting.findMany({ where: { seriesId: id }, orderBy: { startsAt: "asc" } });
      const decided = await addAgendaItem(w.db, w.clock, w.staff, first!.id, { title: "老旧小区加装电梯协调" });
      await addAgendaItem(w.db, w.clock, w.staff, first!.id, { title: "学校操场错时开放", description: "周末向居民开放" });
      await addAgendaItem(w.db, w.clock, w.staff, second!.id, { title: "二季度共建项目评议" });
      w.clock.set(new Date("2027-01-07T14:20:00+08:00"));
      await checkInSelf(w.db, w.clock, w.schoolSubstitute, first!.id);
      await startMeeting(w.db, w.clock, w.staff, first!.id);
      await createDecision(w.db, { meetingId: first!.id, agendaItemId: decided.id, text: "同意协调加装电梯", createdById: w.staff.id });
      await endMeeting(w.db, w.clock, w.staff, first!.id);

      w.clock.set(new Date(w.clock.now().getTime() + DAY));
      await runJointMeetingSweep(w.db, w.clock);
      await runJointMeetingSweep(w.db, w.clock);
      const items = await w.db.agendaItem.findMany({ where: { meetingId: second!.id }, orderBy: { position: "asc" } });
      expect(items.map((item) => [item.title, item.position, item.carriedFromId !== null])).toEqual([
        ["二季度共建项目评议", 1, false],
        ["学校操场错时开放", 2, true],
      ]);
      expect(items[1]!.description).toBe("周末向居民开放");

      // Attendance per unit: the school came (through its substitute), the police did not.
      const page = await seriesPage(w.db, w.clock, w.staff, id);
      const past = page.occurrences.find((o) => o.id === first!.id)!;
      expect(Object.fromEntries(past.attendance.map((a) => [a.unitId, a.attended]))).toEqual({ [w.school.id]: true, [w.police.id]: false });
      expect(page.occurrences.filter((o) => o.upcoming)).toHaveLength(2);
      const rates = await jointAttendanceOf(w.db, [w.school.id, w.police.id]);
      expect(rates.get(w.school.id)).toEqual({ held: 1, attended: 1 });
      expect(rates.get(w.police.id)).toEqual({ held: 1, attended: 0 });
      const police = await unitPage(w.db, w.clock, null, w.police.id);
      expect(police.score.jointMeetingAttendanceRate).toBe(0);
      expect(police.score.jointMeetingsHeld).toBe(1);
    });

    it("refuses seats for people who do not speak for the unit, a person in two seats, and staff of nobody", async () => {
      const w = await world();
      const community = w.place.community.id;
      const swapped = quarterly(w, {
        seats: [{ unitId: w.police.id, delegateId: w.schoolDelegate.id, substituteId: "" }],
      });
      await expect(createSeries(w.db, w.clock, w.staff, community, swapped)).rejects.toMatchObject({
        key: "units:jointMeetings.errors.notUnitRep",
      });
      const twice = quarterly(w, {
        seats: [
          { unitId: w.school.id, delegateId: w.schoolDelegate.id, substituteId: "" },
          { unitId: w.police.id, delegateId: w.schoolDelegate.id, substituteId: "" },
        ],
      });
      await expect(createSeries(w.db, w.clock, w.staff, community, twice)).rejects.toMatchObject({
        key: "units:jointMeetings.errors.personTwice",
      });
      await expect(createSeries(w.db, w.clock, w.schoolDelegate, community, quarterly(w))).rejects.toMatchObject({
        key: "units:jointMeetings.errors.forbidden",
      });
      const empty = quarterly(w, { seats: [] });
      await expect(createSeries(w.db, w.clock, w.staff, community, empty)).rejects.toMatchObject({
        key: "units:jointMeetings.errors.noSeats",
      });
      expect(await w.db.jointMeetingSeries.count({ where: { communityId: community } })).toBe(0);
    });
  });
}
