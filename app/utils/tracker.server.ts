import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { isDomainError, HTTP_STATUS } from "../domain/errors";
import { unreadCount } from "../domain/notifications/notify.server";
import { rooms } from "../realtime/protocol";
import { communitiesOf, currentCommunity } from "./community.server";
import type { CommunitySummary } from "./community.server";
import { getDb } from "./db.server";
import type { CurrentUser } from "./session.server";
import { requireUser } from "./session.server";

/** The signed-in person and the community they are working in (404 when they belong to none). */
export async function requireMemberCommunity(request: Request): Promise<{ user: CurrentUser; community: CommunitySummary }> {
  const user = await requireUser(request);
  const community = await currentCommunity(request, await communitiesOf(getDb(), user));
  if (!community) throw data(null, { status: 404 });
  return { user, community };
}

/** After a commit: tell each notified person's open tabs their unread count changed. */
export async function pushNotificationCounts(context: AppLoadContext, userIds: readonly string[]): Promise<void> {
  const io = context.io;
  if (!io || userIds.length === 0) return;
  const db = getDb();
  await Promise.all(
    [...new Set(userIds)].map(async (userId) =>
      io.to(rooms.user(userId)).emit("notifications:changed", { unread: await unreadCount(db, userId) }),
    ),
  );
}

export type IntentFailure = {
  ok: false;
  intent: string;
  formError: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
};

/** A refused form on a page with several forms: the error goes back to the form that was sent. */
export function intentFailure(
  intent: string,
  t: TFunction,
  failure: { fieldErrors?: Record<string, string>; values: Record<string, string>; error?: unknown },
  status = 400,
) {
  let formError: string | null = null;
  if (failure.error !== undefined) {
    if (!isDomainError(failure.error)) throw failure.error;
    formError = t(failure.error.key, failure.error.values);
    status = HTTP_STATUS[failure.error.kind];
  }
  const fieldErrors = Object.fromEntries(Object.entries(failure.fieldErrors ?? {}).map(([k, v]) => [k, t(v)]));
  return data<IntentFailure>({ ok: false, intent, formError, fieldErrors, values: failure.values }, { status });
}
