import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import type { AgreementView } from "../components/units/agreement-list";
import { AgreementList } from "../components/units/agreement-list";
import { agreementsPage, linkCommitment, recordAgreement, updateAgreement } from "../domain/units/agreements.server";
import { localized } from "../i18n/config";
import { AGREEMENT_INTENTS, AgreementCreateSchema, AgreementLinkSchema, AgreementUpdateSchema } from "../schemas/agreements";
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
    if (form.get("intent") === "update") {
      const command = parseForm(AgreementUpdateSchema, form);
      await updateAgreement(context.db, context.clock, user, unitId, command);
      return redirect(`/units/${unitId}/agreements#agreement-${command.agreementId}`);
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
        <AgreementList
          agreements={agreements}
          projects={canManage ? projects : undefined}
          edit={canManage ? (agreement) => <EditAgreement agreement={agreement} /> : undefined}
        />
      </section>
    </div>
  );
}

/** Title, term and signatories (and, for a new agreement, its commitments), keeping what was typed on refusal. */
function AgreementFields({
  prefix,
  values,
  errors,
  withCommitments,
}: {
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  withCommitments: boolean;
}) {
  const { t } = useTranslation("units");
  const line = (name: string, label: string, max: number) => (
    <Field id={`${prefix}-${name}`} label={label} error={errors[name]}>
      <input id={`${prefix}-${name}`} name={name} maxLength={max} required className="field-input" defaultValue={values[name] ?? ""} />
    </Field>
  );
  return (
    <>
      {line("title", t("agreements.field.title"), 100)}
      <div className="grid gap-3 sm:grid-cols-2">
        {(["startsOn", "endsOn"] as const).map((name) => (
          <Field
            key={name}
            id={`${prefix}-${name}`}
            label={t(`agreements.field.${name === "startsOn" ? "starts_on" : "ends_on"}`)}
            error={errors[name]}
          >
            <input id={`${prefix}-${name}`} name={name} type="date" required className="field-input" defaultValue={values[name] ?? ""} />
          </Field>
        ))}
      </div>
      {withCommitments ? (
        <Field id={`${prefix}-commitments`} label={t("agreements.field.commitments")} error={errors.commitments}>
          <textarea
            id={`${prefix}-commitments`}
            name="commitments"
            rows={5}
            maxLength={5000}
            required
            className="field-input"
            defaultValue={values.commitments ?? ""}
          />
        </Field>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {line("communitySignatory", t("agreements.field.community_signatory"), 40)}
        {line("communityRole", t("agreements.field.community_role"), 40)}
        {line("unitSignatory", t("agreements.field.unit_signatory"), 40)}
        {line("unitRole", t("agreements.field.unit_role"), 40)}
      </div>
    </>
  );
}

function EditAgreement({ agreement }: { agreement: AgreementView }) {
  const { t } = useTranslation("units");
  const failure = failureFor(useActionData<typeof action>(), "update", { agreementId: agreement.id });
  const busy = useNavigation().state !== "idle";
  const label = t("agreements.edit", { title: agreement.title });
  const current: Record<string, string> = {
    title: agreement.title,
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn,
    communitySignatory: agreement.signatories?.community.name ?? "",
    communityRole: agreement.signatories?.community.role ?? "",
    unitSignatory: agreement.signatories?.unit.name ?? "",
    unitRole: agreement.signatories?.unit.role ?? "",
  };
  return (
    <details className="mt-2" open={!!failure}>
      <summary className="cursor-pointer text-brand-700 underline underline-offset-2">{label}</summary>
      <Form method="post" className="mt-2 space-y-3" aria-label={label}>
        <FormError message={failure?.formError} />
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="agreementId" value={agreement.id} />
        <AgreementFields
          prefix={`edit-${agreement.id}`}
          values={failure?.values ?? current}
          errors={failure?.fieldErrors ?? {}}
          withCommitments={false}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("agreements.save_changes")}
        </button>
      </Form>
    </details>
  );
}

function NewAgreement() {
  const { t } = useTranslation("units");
  const failure = failureFor(useActionData<typeof action>(), "create");
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card" aria-labelledby="new-agreement-heading">
      <h2 id="new-agreement-heading">{t("agreements.new")}</h2>
      <Form method="post" className="mt-3 space-y-3" aria-labelledby="new-agreement-heading">
        <FormError message={failure?.formError} />
        <input type="hidden" name="intent" value="create" />
        <AgreementFields prefix="agreement" values={failure?.values ?? {}} errors={failure?.fieldErrors ?? {}} withCommitments />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("agreements.save")}
        </button>
      </Form>
    </section>
  );
}
