import type { MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { formatAddress } from "../components/people/address";
import { decideRegistration, verificationQueue } from "../domain/enrolment/verification.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { ApproveSchema, DeclineSchema, VERIFY_INTENTS } from "../schemas/enrol";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol", "people"] };

export const meta: MetaFunction = () => [{ title: "注册核实 Verify registrations · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return { community, queue: await verificationQueue(context.db, user, community) };
});

export const action = defineAction(
  async ({ request, context, form, intent }) => {
    const { user } = await requireMemberCommunity(request, context.db);
    const decided =
      intent === "approve"
        ? await decideRegistration(context.db, context.clock, user, { ...parseForm(ApproveSchema, form), outcome: "approved" })
        : await decideRegistration(context.db, context.clock, user, { ...parseForm(DeclineSchema, form), outcome: "declined" });
    return { ok: true as const, intent, name: decided.name };
  },
  { intents: VERIFY_INTENTS },
);

function MethodChoice({ id, error, defaultValue }: { id: string; error?: string; defaultValue?: string }) {
  const { t } = useTranslation("enrol");
  return (
    <fieldset aria-describedby={error ? `${id}-method-error` : undefined}>
      <legend className="field-label">{t("queue.method")}</legend>
      <div className="flex flex-col gap-2">
        {(["in_person", "phone_call"] as const).map((method) => (
          <label key={method} className="flex items-center gap-3">
            <input
              type="radio"
              name="method"
              value={method}
              defaultChecked={(defaultValue ?? "in_person") === method}
              className="h-5 w-5"
            />
            <span>{t(`queue.method_${method}`)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-method-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export default function VerifyPage() {
  const { community, queue } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("enrol");
  // The address words live with the roll (people namespace), where the roll page formats them too.
  const { t: tp } = useTranslation("people");
  const lang = i18n.language;
  const busy = useNavigation().state === "submitting";
  const done = answer && "ok" in answer && answer.ok ? answer : null;
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("queue.title")}</h1>
        <p className="mt-1 text-ink-muted">{localized(lang, community.nameZh, community.nameEn)}</p>
      </div>
      <p>{t("queue.intro")}</p>
      {done ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t(done.intent === "approve" ? "queue.done_approved" : "queue.done_declined", { name: done.name })}
        </p>
      ) : null}
      {queue.length === 0 ? <p className="card text-ink-muted">{t("queue.empty")}</p> : <p>{t("queue.count", { count: queue.length })}</p>}
      <ul className="space-y-4">
        {queue.map((entry) => {
          const approveFailure = failureFor(answer, "approve", { recordId: entry.recordId });
          const declineFailure = failureFor(answer, "decline", { recordId: entry.recordId });
          const a = `a-${entry.recordId}`;
          const d = `d-${entry.recordId}`;
          return (
            <li key={entry.recordId} className="card space-y-4">
              <div>
                <h2 className="text-xl">{entry.name}</h2>
                <p>{formatAddress(tp, entry.address)}</p>
                <p className="text-sm text-ink-muted">
                  {[
                    entry.grid
                      ? t("queue.grid", { grid: `${entry.grid.code} ${localized(lang, entry.grid.nameZh, entry.grid.nameEn)}` })
                      : null,
                    entry.phone ? t("queue.phone", { phone: entry.phone }) : null,
                    t("queue.registered_at", { date: formatDateTime(entry.registeredAt, lang) }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {entry.previousDecline ? (
                  <p className="mt-1 text-sm text-amber-900">
                    {t("queue.previous_decline", {
                      date: formatDateTime(entry.previousDecline.at, lang, false),
                      reason: entry.previousDecline.reason ?? "",
                    })}
                  </p>
                ) : null}
              </div>
              <div className="grid gap-4 md:grid-cols-2">
                <Form method="post" className="space-y-3 rounded-lg bg-stone-50 p-3" noValidate>
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="recordId" value={entry.recordId} />
                  <FormError message={approveFailure?.formError} />
                  <MethodChoice id={a} error={approveFailure?.fieldErrors.method} defaultValue={approveFailure?.values.method} />
                  <Field id={`${a}-note`} label={t("queue.note")} error={approveFailure?.fieldErrors.note}>
                    <input
                      id={`${a}-note`}
                      name="note"
                      defaultValue={approveFailure?.values.note ?? ""}
                      aria-describedby={describedBy(`${a}-note`, approveFailure?.fieldErrors.note)}
                      className="field-input"
                    />
                  </Field>
                  <button type="submit" className="btn-primary w-full" disabled={busy}>
                    {t("queue.approve")}
                  </button>
                </Form>
                <Form method="post" className="space-y-3 rounded-lg bg-stone-50 p-3" noValidate>
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="recordId" value={entry.recordId} />
                  <FormError message={declineFailure?.formError} />
                  <MethodChoice id={d} error={declineFailure?.fieldErrors.method} defaultValue={declineFailure?.values.method} />
                  <Field id={`${d}-reason`} label={t("queue.reason")} error={declineFailure?.fieldErrors.reason}>
                    <textarea
                      id={`${d}-reason`}
                      name="reason"
                      rows={2}
                      defaultValue={declineFailure?.values.reason ?? ""}
                      aria-invalid={declineFailure?.fieldErrors.reason ? true : undefined}
                      aria-describedby={describedBy(`${d}-reason`, declineFailure?.fieldErrors.reason)}
                      className="field-input"
                    />
                  </Field>
                  <Field id={`${d}-note`} label={t("queue.note")} error={declineFailure?.fieldErrors.note}>
                    <input id={`${d}-note`} name="note" defaultValue={declineFailure?.values.note ?? ""} className="field-input" />
                  </Field>
                  <button type="submit" className="btn-secondary w-full" disabled={busy}>
                    {t("queue.decline")}
                  </button>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
