import type { LoaderFunctionArgs } from "@remix-run/node";
import { meetingCalendarFile } from "../domain/meetings/calendar.server";
import { recordId } from "../schemas/params";
import { param } from "../web/params.server";
import { publicOrigin } from "../web/public-url.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** The meeting as an iCalendar file, for phones and desktop calendars. */
export const loader = defineLoader(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const meetingId = param(params, "meetingId", recordId);
  const { code, body } = await meetingCalendarFile(context.db, context.clock, user, meetingId, publicOrigin(request));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${code}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
});
