import type { ActionFunctionArgs } from "@remix-run/node";
import { isDomainError } from "../domain/errors";
import { claimEditLock, saveDraft } from "../domain/minutes/minutes.server";
import { translatorFor } from "../i18n/i18next.server";
import { MinutesActionSchema } from "../schemas/minutes";
import { httpStatusOf } from "../web/error-mapping";
import { readFormData } from "../web/params.server";
import { getCurrentUser } from "../web/session.server";

/**
 * The editor's autosave endpoint (fetch and sendBeacon). Answers JSON, the shape AutosavePlugin reads: the new
 * revision, or a translated refusal with its kind — a conflict (with the revision someone else saved) when
 * someone saved in between, invalid when the document was refused.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await translatorFor(request);
  const user = await getCurrentUser(request);
  if (!user) return Response.json({ ok: false, kind: "unauthenticated", error: t("minutes:errors.signed_out") }, { status: 401 });
  const parsed = MinutesActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success || (parsed.data.intent !== "save" && parsed.data.intent !== "heartbeat")) {
    return Response.json({ ok: false, kind: "invalid", error: t("minutes:errors.document_malformed") }, { status: 400 });
  }
  try {
    if (parsed.data.intent === "heartbeat") {
      const holder = await claimEditLock(context.db, context.clock, user, parsed.data.minutesId);
      return Response.json({ ok: true, holderId: holder?.holderId ?? null });
    }
    const saved = await saveDraft(context.db, context.clock, user, parsed.data);
    return Response.json({ ok: true, revision: saved.revision, status: saved.status });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const latestRevision = error.key === "minutes:errors.edit_conflict" ? Number(error.values.revision) : undefined;
    return Response.json({ ok: false, kind: error.kind, error: error.describe(t), latestRevision }, { status: httpStatusOf(error) });
  }
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
