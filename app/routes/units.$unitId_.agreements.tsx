import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { AgreementList } from "../components/units/agreement-list";
import { agreementsPage, linkCommitment, recordAgreement } from "../domain/units/agreements.server";
import { localized } from "../i18n/config";
import { AGREEMENT_INTENTS, AgreementCreateSchema, AgreementLinkSchema } from "../schemas/agreements";
import { UnitIdParams } from "../schemas/units";
import { failureFor } from "../web/forms";
import { parseParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";

export const handle = { i18n: ["issues", "units"] };

export const meta: MetaFunction = () => [{ title: "共建协议 Agreements · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { unitId } = parseParams(params, UnitIdParams);
  return agreementsPage(context.db, context.clock, await getCurrentUser(request), unitId);
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const { unitId } = parseParams(params, UnitIdParams);
    const user = await requireUser(request);
    if (form.get("intent") === "link") {
      const command = parseForm(AgreementLinkSchema, form);
      await linkCommitment(context.db, context.clock, user, unitId, command);
      return redirect(`/units/${unitId}/agreements`);
    }
    const agreement = await recordAgreement(context.db, context.clock, user, unitId, parseForm(AgreementCreateSchema, form));
    return redirect(`/units/${unitId}/agreements#agreement-${agreement.id}`);
  },
  { intents: AGREEMENT_INTENTS },
);

export default function UnitAgreementsPage() {
  const { unit, agreements, canManage, projects } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("units");
  const name = localized(i18n.language, unit.nameZh, unit.nameEn);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <p className="text-sm text-ink-muted">
          <Link to={`/units/${unit.id}`} className="underline underline-offset-2">
            {t("agreements.back")}
          </Link>
        </p>
        <h1>{t("agreements.page_title", { unit: name })}</h1>
      </div>
      {canManage ? <NewAgreement /> : null}
      <section className="card" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">{t("agreements.title")}</h2>
        <AgreementList agreements={agreements} projects={canManage ? projects : undefined} />
      </section>
    </div>
  );
}

function NewAgreement() {
  const { t } = useTranslation("units");
  const failure = failureFor(useActionData<typeof action>(), "create");
  const busy = useNavigation().state !== "idle";
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const line = (name: string, label: string, max: number) => (
    <Field id={`agreement-${name}`} label={label} error={errors[name]}>
      <input id={`agreement-${name}`} name={name} maxLength={max} required className="field-input" defaultValue={values[name] ?? ""} />
    </Field>
  );
  return (
    <section className="card" aria-labelledby="new-agreement-heading">
      <h2 id="new-agreement-heading">{t("agreements.new")}</h2>
      <Form method="post" className="mt-3 space-y-3" aria-labelledby="new-agreement-heading">
        <FormError message={failure?.formError} />
        <input type="hidden" name="intent" value="create" />
        {line("title", t("agreements.field.title"), 100)}
        <div className="grid gap-3 sm:grid-cols-2">
          {(["startsOn", "endsOn"] as const).map((name) => (
            <Field
              key={name}
              id={`agreement-${name}`}
              label={t(`agreements.field.${name === "startsOn" ? "starts_on" : "ends_on"}`)}
              error={errors[name]}
            >
              <input id={`agreement-${name}`} name={name} type="date" required className="field-input" defaultValue={values[name] ?? ""} />
            </Field>
          ))}
        </div>
        <Field id="agreement-commitments" label={t("agreements.field.commitments")} error={errors.commitments}>
          <textarea
            id="agreement-commitments"
            name="commitments"
            rows={5}
            maxLength={5000}
            required
            className="field-input"
            defaultValue={values.commitments ?? ""}
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          {line("communitySignatory", t("agreements.field.community_signatory"), 40)}
          {line("communityRole", t("agreements.field.community_role"), 40)}
          {line("unitSignatory", t("agreements.field.unit_signatory"), 40)}
          {line("unitRole", t("agreements.field.unit_role"), 40)}
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("agreements.save")}
        </button>
      </Form>
    </section>
  );
}
