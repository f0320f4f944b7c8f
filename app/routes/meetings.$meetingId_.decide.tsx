import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { systemClock } from "../infra/clock";
import { recordDecision } from "../domain/meetings/record-decision.server";
import { i18nServer } from "../i18n/i18next.server";
import { liveOrNull } from "../realtime/broadcasts.server";
import { rooms } from "../realtime/protocol";
import { unreadCount } from "../domain/notifications/notify.server";
import { DecisionSchema } from "../schemas/meetings";
import { getDb } from "../infra/db.server";
import { domainErrorResponse } from "../web/http.server";
import { requireUser } from "../web/session.server";
import { param, readFormData } from "../web/params.server";
import { recordId } from "../schemas/params";

/** Only posts land here (from the host console and the meeting page); a visit goes back to the meeting. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/meetings/${param(params, "meetingId", recordId)}`);
}

/** Form fields `actionItems.<i>.<field>` become rows; rows left entirely blank are ignored. */
function actionItemsFrom(form: FormData) {
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    const match = /^actionItems\.(\d{1,2})\.(unitId|description|dueAt)$/.exec(key);
    if (!match || typeof value !== "string") continue;
    const row = rows.get(Number(match[1])) ?? {};
    row[match[2]] = value;
    rows.set(Number(match[1]), row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => Object.values(row).some((v) => v.trim() !== ""));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18nServer.getFixedT(request);
  const form = await readFormData(request);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = DecisionSchema.safeParse({
    meetingId: params.meetingId,
    agendaItemId: form.get("agendaItemId"),
    pollId: form.get("pollId") ?? undefined,
    text: form.get("text"),
    actionItems: actionItemsFrom(form),
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === "actionItems" ? `actionItems.${String(issue.path[1])}` : String(issue.path[0] ?? "form");
      fieldErrors[key] ??= t(issue.message);
    }
    return data({ ok: false as const, formError: null as string | null, fieldErrors, values }, { status: 400 });
  }
  try {
    const decision = await recordDecision(getDb(), systemClock, user, parsed.data);
    liveOrNull(context.io)?.stateChanged(parsed.data.meetingId);
    const db = getDb();
    for (const userId of decision.notified)
      context.io?.to(rooms.user(userId)).emit("notifications:changed", { unread: await unreadCount(db, userId) });
    return { ok: true as const, decisionId: decision.decisionId, formError: null, fieldErrors: {}, values: {} };
  } catch (error) {
    return domainErrorResponse(error, t, values);
  }
}
