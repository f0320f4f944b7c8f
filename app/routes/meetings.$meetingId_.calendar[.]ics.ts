import type { LoaderFunctionArgs } from "@remix-run/node";
import { systemClock } from "../infra/clock";
import { meetingCalendar } from "../domain/meetings/ical";
import { requireMeetingPage } from "../domain/meetings/pages.server";
import { getDb } from "../infra/db.server";
import { getEnv } from "../infra/env.server";
import { requireUser } from "../web/session.server";
import { param } from "../web/params.server";
import { recordId } from "../schemas/params";

/** The meeting as an iCalendar file, for phones and desktop calendars. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const ref = await requireMeetingPage(db, user, param(params, "meetingId", recordId), "follow");
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: ref.id },
    select: {
      id: true,
      code: true,
      title: true,
      form: true,
      startsAt: true,
      endsAt: true,
      place: true,
      agendaItems: { orderBy: { position: "asc" }, select: { position: true, title: true } },
    },
  });
  const origin = getEnv().PUBLIC_URL ?? new URL(request.url).origin;
  const body = meetingCalendar(
    {
      uid: `meeting-${meeting.id}@yishi`,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      place: meeting.place,
      url: `${origin.replace(/\/$/, "")}/m/${meeting.code}`,
      description: meeting.agendaItems.map((a) => `${a.position}. ${a.title}`).join("\n"),
    },
    systemClock.now(),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${meeting.code}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
