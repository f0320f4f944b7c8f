import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "../components/issues/form-bits";
import { createGrid, gridsToManage, saveArea, updateGrid } from "../domain/grids/grids-admin.server";
import { localized } from "../i18n/config";
import { GRIDS_INTENTS, GridsIntentSchema } from "../schemas/grids";
import { requireMemberCommunity } from "../web/community.server";
import type { FormFailure } from "../web/forms";
import { failureFor } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "admin"] };

export const meta: MetaFunction = () => [{ title: "网格与片区 Grids and areas · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return { community, ...(await gridsToManage(context.db, user, community)) };
});

export const action = defineAction(
  async ({ request, context, form }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    const input = parseForm(GridsIntentSchema, form);
    const { db, clock } = context;
    if (input.intent === "add_grid") await createGrid(db, clock, user, community, input);
    else if (input.intent === "update_grid") await updateGrid(db, clock, user, community, input.gridId, input);
    else if (input.intent === "add_area") await saveArea(db, clock, user, community, input);
    else await saveArea(db, clock, user, community, input);
    // Back to the page with a fresh form (what was added is in the list now) and a word of what happened.
    return redirect(`/admin/grids?saved=${input.intent}`);
  },
  { intents: GRIDS_INTENTS },
);

function TextField(props: { id: string; name: string; label: string; value: string; failure?: FormFailure; type?: string; max?: number }) {
  const error = props.failure?.fieldErrors[props.name];
  return (
    <div className="min-w-0">
      <label htmlFor={props.id} className="field-label">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.type === "number" ? "numeric" : undefined}
        maxLength={props.max}
        className="field-input"
        defaultValue={props.failure?.values[props.name] ?? props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
      />
      {error ? (
        <p id={`${props.id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default function GridsPage() {
  const { community, grids, workers, areas } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("admin");
  const lang = i18n.language;
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const saved = GRIDS_INTENTS.find((intent) => intent === params.get("saved")) ?? null;
  const addGrid = failureFor(result, "add_grid");
  const addArea = failureFor(result, "add_area");
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("grids.title")}</h1>
        <p className="mt-1 text-ink-muted">{localized(lang, community.nameZh, community.nameEn)}</p>
      </div>
      {saved ? (
        <p role="status" className="rounded-lg bg-green-50 p-3 font-medium text-green-900">
          {t(`grids.saved.${saved}`)}
        </p>
      ) : null}

      <section className="space-y-4" aria-labelledby="grids-heading">
        <h2 id="grids-heading">{t("grids.grids")}</h2>
        <p className="text-ink-muted">{t("grids.worker_hint")}</p>
        {grids.map((grid) => {
          const failure = failureFor(result, "update_grid", { gridId: grid.id });
          const id = `g-${grid.id}`;
          return (
            <Form key={grid.id} method="post" className="card space-y-3" noValidate aria-labelledby={`${id}-heading`}>
              <input type="hidden" name="intent" value="update_grid" />
              <input type="hidden" name="gridId" value={grid.id} />
              <h3 id={`${id}-heading`} className="text-lg">
                {grid.code} {localized(lang, grid.nameZh, grid.nameEn)}
              </h3>
              <p className="text-sm text-ink-muted">
                {grid.workers.length ? t("grids.workers_now", { names: grid.workers.map((w) => w.name).join("、") }) : t("grids.no_worker")}
              </p>
              <FormError message={failure?.formError} />
              <div className="grid gap-3 sm:grid-cols-3">
                <TextField id={`${id}-zh`} name="nameZh" label={t("grids.name_zh")} value={grid.nameZh} failure={failure} max={30} />
                <TextField id={`${id}-en`} name="nameEn" label={t("grids.name_en")} value={grid.nameEn} failure={failure} max={60} />
                <TextField
                  id={`${id}-households`}
                  name="households"
                  type="number"
                  label={t("grids.households")}
                  value={String(grid.households)}
                  failure={failure}
                />
              </div>
              <div>
                <label htmlFor={`${id}-worker`} className="field-label">
                  {t("grids.worker")}
                </label>
                <select id={`${id}-worker`} name="workerMembershipId" className="field-input" defaultValue="">
                  <option value="">{t("grids.worker_keep")}</option>
                  {workers
                    .filter((w) => w.gridId !== grid.id)
                    .map((w) => (
                      <option key={w.membershipId} value={w.membershipId}>
                        {w.name}
                      </option>
                    ))}
                </select>
              </div>
              <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                {t("grids.save")}
              </button>
            </Form>
          );
        })}
        <Form method="post" className="card space-y-3 bg-stone-50" noValidate aria-labelledby="add-grid-heading">
          <input type="hidden" name="intent" value="add_grid" />
          <h3 id="add-grid-heading" className="text-lg">
            {t("grids.add_grid")}
          </h3>
          <FormError message={addGrid?.formError} />
          <div className="grid gap-3 sm:grid-cols-4">
            <TextField id="new-code" name="code" label={t("grids.code")} value="" failure={addGrid} max={20} />
            <TextField id="new-zh" name="nameZh" label={t("grids.name_zh")} value="" failure={addGrid} max={30} />
            <TextField id="new-en" name="nameEn" label={t("grids.name_en")} value="" failure={addGrid} max={60} />
            <TextField id="new-households" name="households" type="number" label={t("grids.households")} value="0" failure={addGrid} />
          </div>
          <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
            {t("grids.add_grid")}
          </button>
        </Form>
      </section>

      <section className="space-y-4" aria-labelledby="areas-heading">
        <h2 id="areas-heading">{t("grids.areas")}</h2>
        <p className="text-ink-muted">{t("grids.areas_hint")}</p>
        {areas.map((area) => {
          const failure = failureFor(result, "rename_area", { areaId: area.id });
          const id = `a-${area.id}`;
          return (
            <Form key={area.id} method="post" className="card flex flex-wrap items-end gap-3" noValidate>
              <input type="hidden" name="intent" value="rename_area" />
              <input type="hidden" name="areaId" value={area.id} />
              <FormError message={failure?.formError} />
              <TextField id={`${id}-zh`} name="nameZh" label={t("grids.area_name_zh")} value={area.nameZh} failure={failure} max={30} />
              <TextField id={`${id}-en`} name="nameEn" label={t("grids.area_name_en")} value={area.nameEn} failure={failure} max={60} />
              <button
                type="submit"
                className="btn-secondary"
                disabled={busy}
                aria-label={t("grids.rename_area_named", { name: localized(lang, area.nameZh, area.nameEn) })}
              >
                {t("grids.rename_area")}
              </button>
            </Form>
          );
        })}
        <Form method="post" className="card flex flex-wrap items-end gap-3 bg-stone-50" noValidate>
          <input type="hidden" name="intent" value="add_area" />
          <FormError message={addArea?.formError} />
          <TextField id="area-new-zh" name="nameZh" label={t("grids.area_name_zh")} value="" failure={addArea} max={30} />
          <TextField id="area-new-en" name="nameEn" label={t("grids.area_name_en")} value="" failure={addArea} max={60} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("grids.add_area")}
          </button>
        </Form>
      </section>
    </div>
  );
}
