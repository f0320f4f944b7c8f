import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { Actor } from "../permissions";
import { followMeeting, joinPath } from "./access.server";
import { meetingCalendar } from "./ical";

/** The meeting as an iCalendar file for someone who may follow it; `origin` makes the join link absolute. */
export async function meetingCalendarFile(db: Db, clock: Clock, actor: Actor, meetingId: string, origin: string) {
  const ref = await followMeeting(db, actor, meetingId, "errors.forbidden");
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: ref.id },
    select: {
      id: true,
      code: true,
      title: true,
      startsAt: true,
      endsAt: true,
      place: true,
      agendaItems: { orderBy: { position: "asc" }, select: { position: true, title: true } },
    },
  });
  const body = meetingCalendar(
    {
      uid: `meeting-${meeting.id}@yishi`,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      place: meeting.place,
      url: `${origin}${joinPath(meeting.code)}`,
      description: meeting.agendaItems.map((a) => `${a.position}. ${a.title}`).join("\n"),
    },
    clock.now(),
  );
  return { code: meeting.code, body };
}
