import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UnitFields } from "../components/enrol/unit-fields";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { addRepresentative, removeRepresentative, setUnitArchived, unitToEdit, updateUnit } from "../domain/enrolment/units-admin.server";
import { localized } from "../i18n/config";
import { UNIT_ADMIN_INTENTS, UnitFieldsSchema, UnitRepresentativeRemoveSchema, UnitRepresentativeSchema } from "../schemas/enrol";
import { recordId } from "../schemas/params";
import { failureFor } from "../web/forms";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol", "issues", "people"] };

export const meta: MetaFunction = () => [{ title: "编辑共建单位 Edit unit · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const user = await requireUser(request);
  return unitToEdit(context.db, user, param(params, "unitId", recordId));
});

export const action = defineAction(
  async ({ request, params, context, form, intent }) => {
    const user = await requireUser(request);
    const unitId = param(params, "unitId", recordId);
    const { db, clock } = context;
    if (intent === "save") await updateUnit(db, clock, user, unitId, parseForm(UnitFieldsSchema, form));
    else if (intent === "add-rep") await addRepresentative(db, clock, user, unitId, parseForm(UnitRepresentativeSchema, form).userId);
    else if (intent === "remove-rep")
      await removeRepresentative(db, clock, user, unitId, parseForm(UnitRepresentativeRemoveSchema, form).membershipId);
    else await setUnitArchived(db, clock, user, unitId, intent === "archive");
    return { ok: true as const, intent };
  },
  { intents: UNIT_ADMIN_INTENTS },
);

export default function EditUnitPage() {
  const { unit, reps, areas, candidates } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("enrol");
  const lang = i18n.language;
  const busy = useNavigation().state === "submitting";
  const saveFailure = failureFor(answer, "save");
  const repFailure = failureFor(answer, "add-rep");
  const done = answer && "ok" in answer ? answer.intent : null;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/admin/units" className="font-medium text-brand-700 underline underline-offset-2">
          {t("units.back")}
        </Link>
      </p>
      <h1 className="flex flex-wrap items-center gap-2">
        {localized(lang, unit.nameZh, unit.nameEn)}
        {unit.archivedAt ? <span className="badge bg-stone-200 text-ink">{t("units.archived")}</span> : null}
      </h1>
      {done ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t(`units.done.${done}`)}
        </p>
      ) : null}

      <section className="card space-y-4" aria-labelledby="reps-heading">
        <h2 id="reps-heading">{t("units.reps")}</h2>
        {reps.length === 0 ? <p className="text-ink-muted">{t("units.no_reps")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {reps.map((rep) => (
            <li key={rep.membershipId} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="font-medium">{rep.name}</span>
              <Form method="post">
                <input type="hidden" name="intent" value="remove-rep" />
                <input type="hidden" name="membershipId" value={rep.membershipId} />
                <button type="submit" className="btn-secondary" disabled={busy}>
                  {t("units.remove_rep", { name: rep.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {!unit.archivedAt && unit.communityId ? (
          <Form method="post" className="space-y-3 rounded-lg bg-stone-50 p-3" noValidate>
            <input type="hidden" name="intent" value="add-rep" />
            <FormError message={repFailure?.formError} />
            <Field id="userId" label={t("units.add_rep")} error={repFailure?.fieldErrors.userId}>
              <select
                id="userId"
                name="userId"
                defaultValue={repFailure?.values.userId ?? ""}
                aria-invalid={repFailure?.fieldErrors.userId ? true : undefined}
                aria-describedby={describedBy("userId", repFailure?.fieldErrors.userId)}
                className="field-input"
              >
                <option value="">{t("units.choose_person")}</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("units.add")}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card space-y-4" aria-labelledby="fields-heading">
        <h2 id="fields-heading">{t("units.details")}</h2>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="save" />
          <FormError message={saveFailure?.formError} />
          <UnitFields stored={unit} typed={saveFailure?.values} errors={saveFailure?.fieldErrors} areas={areas} />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("units.save")}
          </button>
        </Form>
      </section>

      <section className="card space-y-3" aria-labelledby="archive-heading">
        <h2 id="archive-heading">{unit.archivedAt ? t("units.restore_title") : t("units.archive_title")}</h2>
        <p>{unit.archivedAt ? t("units.restore_intro") : t("units.archive_intro")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={unit.archivedAt ? "restore" : "archive"} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {unit.archivedAt ? t("units.restore") : t("units.archive")}
          </button>
        </Form>
      </section>
    </div>
  );
}
