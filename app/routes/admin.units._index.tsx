import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { UnitFields } from "../components/enrol/unit-fields";
import { FormError } from "../components/issues/form-bits";
import { createUnit, unitsToManage } from "../domain/enrolment/units-admin.server";
import { localized } from "../i18n/config";
import { UnitFieldsSchema } from "../schemas/enrol";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { parseSearchParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "enrol", "issues", "people"] };

export const meta: MetaFunction = () => [{ title: "管理共建单位 Manage units · 议事 Yishi" }];

const ListQuery = z.object({ archived: z.literal("1").optional().catch(undefined) });

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const { archived } = parseSearchParams(request, ListQuery);
  return { community, archived: archived === "1", ...(await unitsToManage(context.db, user, community, { archived: archived === "1" })) };
});

export const action = defineAction(async ({ request, context, form }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const unit = await createUnit(context.db, context.clock, user, community, parseForm(UnitFieldsSchema, form));
  return redirect(`/admin/units/${unit.id}`);
});

export default function ManageUnitsPage() {
  const { community, units, areas, archived } = useLoaderData<typeof loader>();
  const failure = failureFor(useActionData<typeof action>());
  const { t, i18n } = useTranslation("enrol");
  const lang = i18n.language;
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("units.title")}</h1>
        <p className="mt-1 text-ink-muted">{localized(lang, community.nameZh, community.nameEn)}</p>
      </div>
      <p>
        <Link
          to={params.get("archived") ? "/admin/units" : "/admin/units?archived=1"}
          className="font-medium text-brand-700 underline underline-offset-2"
        >
          {archived ? t("units.hide_archived") : t("units.show_archived")}
        </Link>
      </p>
      {units.length === 0 ? <p className="card text-ink-muted">{t("units.empty")}</p> : null}
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {units.map((unit) => (
          <li key={unit.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <div>
              <Link to={`/admin/units/${unit.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                {localized(lang, unit.nameZh, unit.nameEn)}
              </Link>
              {unit.archivedAt ? <span className="badge ml-2 bg-stone-200 text-ink">{t("units.archived")}</span> : null}
              <p className="text-sm text-ink-muted">
                {[
                  t(`issues:units.kind.${unit.kind}`),
                  t(`issues:units.sector.${unit.sectorGroup}`),
                  unit.area ? localized(lang, unit.area.nameZh, unit.area.nameEn) : null,
                  t("units.rep_count", { count: unit._count.members }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <section className="card space-y-4" aria-labelledby="new-unit">
        <h2 id="new-unit">{t("units.new")}</h2>
        <Form method="post" className="space-y-4" noValidate>
          <FormError message={failure?.formError} />
          <UnitFields typed={failure?.values} errors={failure?.fieldErrors} areas={areas} />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("units.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
