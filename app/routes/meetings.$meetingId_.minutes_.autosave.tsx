import type { ActionFunctionArgs } from "@remix-run/node";
import { systemClock } from "../infra/clock";
import { HTTP_STATUS, isDomainError } from "../domain/errors";
import { describeIncomplete, isIncompleteMinutesError } from "../domain/minutes/completeness";
import { claimEditLock, saveDraft } from "../domain/minutes/minutes.server";
import { i18nServer } from "../i18n/i18next.server";
import { MinutesActionSchema } from "../schemas/minutes";
import { getDb } from "../infra/db.server";
import { getCurrentUser } from "../web/session.server";
import { readFormData } from "../web/params.server";

/**
 * The editor's autosave endpoint (fetch and sendBeacon). Answers JSON: the new revision, or a translated
 * refusal — a conflict when someone saved in between, invalid when the document was refused.
 */
export async function action({ request }: ActionFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  const user = await getCurrentUser(request);
  if (!user) return Response.json({ ok: false, kind: "unauthenticated", error: t("minutes:errors.signed_out") }, { status: 401 });
  const parsed = MinutesActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success || (parsed.data.intent !== "save" && parsed.data.intent !== "heartbeat")) {
    return Response.json({ ok: false, kind: "invalid", error: t("minutes:errors.document_malformed") }, { status: 400 });
  }
  const db = getDb();
  try {
    if (parsed.data.intent === "heartbeat") {
      const holder = await claimEditLock(db, systemClock, user, parsed.data.minutesId);
      return Response.json({ ok: true, holderId: holder?.holderId ?? null });
    }
    const saved = await saveDraft(db, systemClock, user, parsed.data);
    return Response.json({ ok: true, revision: saved.revision, status: saved.status });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const latestRevision = error.key === "minutes:errors.edit_conflict" ? Number(error.values.revision) : undefined;
    const message = isIncompleteMinutesError(error) ? describeIncomplete(error, t) : t(error.key, error.values);
    return Response.json({ ok: false, kind: error.kind, error: message, latestRevision }, { status: HTTP_STATUS[error.kind] });
  }
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
