import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from "../domain/open311/keys.server";
import { localized } from "../i18n/config";
import { Open311KeyIntentSchema } from "../schemas/open311";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor, firstError } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

export const handle = { i18n: ["opendata", "figures", "issues"] };

export const meta: MetaFunction = () => [{ title: "Open311 密钥 API keys · 议事 Yishi" }];

const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : null);

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const keys = await listOpen311Keys(context.db, user, community);
  return {
    community,
    keys: keys.map((key) => ({
      id: key.id,
      label: key.label,
      createdAt: when(key.createdAt),
      lastUsedAt: when(key.lastUsedAt),
      revokedAt: when(key.revokedAt),
    })),
  };
});

export const action = defineAction(
  async ({ request, context, form }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    const input = parseForm(Open311KeyIntentSchema, form);
    if (input.intent === "create") {
      const created = await createOpen311Key(context.db, context.clock, user, community, input.label);
      return { created: { label: created.label, key: created.key } };
    }
    await revokeOpen311Key(context.db, context.clock, user, community, input.keyId);
    return redirect("/open311-keys");
  },
  { intents: ["create", "revoke"] },
);

export default function Open311KeysPage() {
  const { community, keys } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("opendata");
  const busy = useNavigation().state !== "idle";
  const created = answer && "created" in answer ? answer.created : null;
  const failure = failureFor(answer, "create");
  const labelError = failure?.fieldErrors.label;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1>{t("keys.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("keys.lead", { community: localized(i18n.language, community.nameZh, community.nameEn) })}</p>
        <Link to="/open-data" className="mt-2 inline-flex min-h-[44px] items-center underline underline-offset-2">
          {t("keys.docs")}
        </Link>
      </div>
      {created ? (
        <section className="card space-y-2" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">{t("keys.created", { label: created.label })}</h2>
          <p>{t("keys.shown_once")}</p>
          <p>
            <code className="block break-all rounded bg-slate-100 p-3 text-sm" data-testid="new-key">
              {created.key}
            </code>
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("keys.create_heading")}</h2>
        <Form method="post" className="mt-3 space-y-3" noValidate key={created?.key ?? "new"}>
          <FormError message={firstError(failure)} />
          <input type="hidden" name="intent" value="create" />
          <Field id="label" label={t("keys.label")} hint={t("keys.label_hint")} error={labelError}>
            <input
              id="label"
              name="label"
              className="field-input"
              maxLength={80}
              required
              defaultValue={failure?.values.label ?? ""}
              aria-describedby={describedBy("label", labelError, t("keys.label_hint"))}
              aria-invalid={labelError ? true : undefined}
            />
          </Field>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("keys.create")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading">{t("keys.list_heading")}</h2>
        {keys.length === 0 ? <p className="text-ink-muted">{t("keys.none")}</p> : null}
        <ul className="space-y-3">
          {keys.map((key) => (
            <li key={key.id} className="card space-y-1">
              <h3 className="text-lg">{key.label}</h3>
              <p className="text-sm">{t("keys.created_at", { when: key.createdAt })}</p>
              <p className="text-sm">{key.lastUsedAt ? t("keys.last_used", { when: key.lastUsedAt }) : t("keys.never_used")}</p>
              {key.revokedAt ? (
                <p className="text-sm font-medium text-red-800">{t("keys.revoked_at", { when: key.revokedAt })}</p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="keyId" value={key.id} />
                  <button
                    type="submit"
                    className="btn-secondary mt-2"
                    disabled={busy}
                    aria-label={t("keys.revoke_named", { label: key.label })}
                  >
                    {t("keys.revoke")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
