import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { followMeetingByCode, loadMeeting, meetingResource } from "./access.server";
import { unitsForActionItems } from "./record-decision.server";
import { staffRoll } from "./roll.server";
import type { MeetingSnapshot } from "./state.server";
import { currentState, snapshotFor } from "./state.server";

/**
 * The three screens of a live meeting as first rendered on the server; from then on the socket keeps them
 * current (realtime/client.tsx).
 */

/** The host's console: the live state, the roll to check people in, and units for the decision form. */
export async function hostConsolePage(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  const meeting = await loadMeeting(db, meetingId);
  requirePermission(actor, "host:meeting", meetingResource(meeting));
  const snapshot = await snapshotFor(db, actor, meeting, await currentState(db, clock, meeting.id));
  const [roll, units] = await Promise.all([
    staffRoll(db, meeting.id),
    unitsForActionItems(db, { id: meeting.communityId, streetId: meeting.community.streetId }),
  ]);
  return { snapshot, roll, units };
}

/** The big screen in the hall: public state only, and the code to join with. */
export async function projectorPage(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  const meeting = await loadMeeting(db, meetingId);
  requirePermission(actor, "host:meeting", meetingResource(meeting));
  const snapshot: MeetingSnapshot = { state: await currentState(db, clock, meeting.id), me: null };
  return { snapshot, code: meeting.code };
}

/** A participant's phone, reached by the meeting's code. */
export async function participantPage(db: Db, clock: Clock, actor: Actor, code: string) {
  const meeting = await followMeetingByCode(db, actor, code);
  return { snapshot: await snapshotFor(db, actor, meeting, await currentState(db, clock, meeting.id)) };
}
