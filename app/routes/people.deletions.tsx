import type { MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "../components/issues/form-bits";
import { confirmDeletion, deletionRequests } from "../domain/enrolment/personal-data.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { endSessionSockets } from "../realtime/end-session-sockets.server";
import { DeletionConfirmSchema } from "../schemas/enrol";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol", "people"] };

export const meta: MetaFunction = () => [{ title: "注销申请 Deletion requests · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return { community, requests: await deletionRequests(context.db, user, community) };
});

export const action = defineAction(async ({ request, context, form }) => {
  const { user } = await requireMemberCommunity(request, context.db);
  const { requestId } = parseForm(DeletionConfirmSchema, form);
  const { endedSessionIds } = await confirmDeletion(context.db, context.clock, user, requestId);
  for (const sessionId of endedSessionIds) endSessionSockets(context.io, sessionId, "errors.realtime.session_ended");
  return { ok: true as const };
});

export default function DeletionRequestsPage() {
  const { community, requests } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("enrol");
  const busy = useNavigation().state === "submitting";
  const failure = failureFor(answer);
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("deletions.title")}</h1>
        <p className="mt-1 text-ink-muted">{localized(i18n.language, community.nameZh, community.nameEn)}</p>
      </div>
      <p>{t("deletions.intro")}</p>
      <FormError message={failure?.formError} />
      {answer && "ok" in answer ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t("deletions.done")}
        </p>
      ) : null}
      {requests.length === 0 ? <p className="card text-ink-muted">{t("deletions.empty")}</p> : null}
      <ul className="space-y-3">
        {requests.map((r) => (
          <li key={r.id} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <p className="font-semibold">{r.name}</p>
              <p className="text-sm text-ink-muted">
                {t("deletions.asked", { date: formatDateTime(r.createdAt, i18n.language) })}
                {r.reason ? ` · ${r.reason}` : ""}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="requestId" value={r.id} />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("deletions.confirm", { name: r.name })}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
