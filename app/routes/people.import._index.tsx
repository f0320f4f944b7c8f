import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { invalid } from "../domain/errors";
import { requirePermission } from "../domain/permissions";
import { startRollImport } from "../domain/people/roll-import.server";
import { MAX_ROLL_ROWS } from "../domain/people/limits";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { defineAction, defineLoader } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["people"] };

export const meta: MetaFunction = () => [{ title: "导入居民名册 Import the resident roll · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  requirePermission(user, "manage:people", { communityId: community.id, streetId: community.streetId });
  return null;
});

export const action = defineAction(
  async ({ request, context, files }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    const file = files.find((f) => f.field === "roll");
    if (!file || file.bytes.length === 0) throw invalid("people:errors.roll_missing_file");
    const { id } = await startRollImport(context.db, context.clock, user, community, { filename: file.filename, bytes: file.bytes });
    return redirect(`/people/import/${id}`);
  },
  { multipart: true },
);

export default function ImportRollPage() {
  const { t } = useTranslation("people");
  const failure = failureFor(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to="/people" className="text-brand-700 underline underline-offset-2">
          {t("roll.back")}
        </Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <section className="card" aria-labelledby="columns-heading">
        <h2 id="columns-heading">{t("import.columns_title")}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("import.column.name")}</li>
          <li>{t("import.column.phone")}</li>
          <li>{t("import.column.address")}</li>
          <li>{t("import.column.grid")}</li>
          <li>{t("import.column.representative")}</li>
        </ul>
        <p className="mt-2 text-sm text-ink-muted">{t("import.limits", { max: MAX_ROLL_ROWS })}</p>
      </section>
      <Form method="post" encType="multipart/form-data" className="card space-y-4" noValidate>
        {failure?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {failure.formError}
          </p>
        ) : null}
        <div>
          <label htmlFor="roll" className="field-label">
            {t("import.file")}
          </label>
          <input
            id="roll"
            name="roll"
            type="file"
            required
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="field-input"
          />
        </div>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {busy ? t("import.reading") : t("import.preview")}
        </button>
      </Form>
    </div>
  );
}
