import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordDecision } from "../domain/meetings/record-decision.server";
import { liveOrNull } from "../realtime/broadcasts.server";
import { DecisionSchema } from "../schemas/meetings";
import { recordId } from "../schemas/params";
import { pushNotificationCounts } from "../web/notification-push.server";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Only posts land here (from the host console and the meeting page); a visit goes back to the meeting. */
export const loader = defineLoader(async ({ params }: LoaderFunctionArgs) => {
  return redirect(`/meetings/${param(params, "meetingId", recordId)}`);
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const user = await requireUser(request);
    // The action items' rows (`actionItems.<i>.<field>`) are part of the one input DecisionSchema parses.
    const input = parseForm(DecisionSchema, { ...Object.fromEntries(form), meetingId: params.meetingId });
    const decision = await recordDecision(context.db, context.clock, user, input);
    liveOrNull(context.io)?.stateChanged(input.meetingId);
    await pushNotificationCounts(context, decision.notified);
    return { ok: true as const, intent: null, decisionId: decision.decisionId };
  },
  { resource: true },
);
