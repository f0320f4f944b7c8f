import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { categoriesPage, changeCategories } from "../domain/issues/categories.server";
import { localized } from "../i18n/config";
import { CATEGORY_INTENTS, CategoryIntentSchema } from "../schemas/issues";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor, firstError } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["figures", "issues"] };

export const meta: MetaFunction = () => [{ title: "事项分类 Issue categories · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return { community, categories: await categoriesPage(context.db, user, community) };
});

export const action = defineAction(
  async ({ request, context, form }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    await changeCategories(context.db, context.clock, user, community, parseForm(CategoryIntentSchema, form));
    return redirect("/issues/categories");
  },
  { intents: CATEGORY_INTENTS },
);

export default function CategoriesPage() {
  const { community, categories } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("issues");
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const addFailure = failureFor(failure, "add");
  // The rows' forms are short: their refusal is shown once, above the list.
  const rowFailure = addFailure ? undefined : failureFor(failure);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1>{t("categories.title")}</h1>
        <p className="mt-1 text-ink-muted">
          {t("categories.lead", { community: localized(i18n.language, community.nameZh, community.nameEn) })}
        </p>
        <Link to="/triage" className="mt-2 inline-block underline underline-offset-2">
          {t("categories.back")}
        </Link>
      </div>
      <FormError message={firstError(rowFailure)} />
      <ol className="space-y-3">
        {categories.map((category, index) => (
          <li key={category.id} className={`card ${category.archived ? "bg-stone-100" : ""}`}>
            <Form
              method="post"
              className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
              aria-label={t("categories.edit", { name: category.nameZh })}
            >
              <input type="hidden" name="categoryId" value={category.id} />
              <Field id={`zh-${category.id}`} label={t("categories.name_zh")}>
                <input id={`zh-${category.id}`} name="nameZh" defaultValue={category.nameZh} maxLength={30} className="field-input" />
              </Field>
              <Field id={`en-${category.id}`} label={t("categories.name_en")}>
                <input
                  id={`en-${category.id}`}
                  name="nameEn"
                  defaultValue={category.nameEn}
                  maxLength={60}
                  className="field-input"
                  lang="en"
                />
              </Field>
              <button type="submit" name="intent" value="rename" className="btn-secondary" disabled={busy}>
                {t("categories.save")}
              </button>
            </Form>
            <div className="mt-3 flex flex-wrap items-center gap-2">
              <span className="text-sm text-ink-muted">
                {t("categories.issue_count", { count: category.issues })}
                {category.archived ? ` · ${t("categories.archived")}` : ""}
              </span>
              <Form method="post" className="ml-auto flex flex-wrap gap-2">
                <input type="hidden" name="categoryId" value={category.id} />
                <button
                  type="submit"
                  name="intent"
                  value="up"
                  className="btn-secondary"
                  disabled={busy || index === 0}
                  aria-label={t("categories.move_up", { name: category.nameZh })}
                >
                  ↑
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="down"
                  className="btn-secondary"
                  disabled={busy || index === categories.length - 1}
                  aria-label={t("categories.move_down", { name: category.nameZh })}
                >
                  ↓
                </button>
                <button
                  type="submit"
                  name="intent"
                  value={category.archived ? "restore" : "archive"}
                  className="btn-secondary"
                  disabled={busy}
                >
                  {category.archived ? t("categories.restore") : t("categories.archive")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ol>
      <section className="card" aria-labelledby="add-category">
        <h2 id="add-category">{t("categories.add")}</h2>
        <Form method="post" className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <FormError message={addFailure?.formError} />
          <Field id="new-zh" label={t("categories.name_zh")} error={addFailure?.fieldErrors.nameZh}>
            <input id="new-zh" name="nameZh" maxLength={30} className="field-input" defaultValue={addFailure?.values.nameZh ?? ""} />
          </Field>
          <Field id="new-en" label={t("categories.name_en")} error={addFailure?.fieldErrors.nameEn}>
            <input
              id="new-en"
              name="nameEn"
              maxLength={60}
              className="field-input"
              lang="en"
              defaultValue={addFailure?.values.nameEn ?? ""}
            />
          </Field>
          <button type="submit" name="intent" value="add" className="btn-primary" disabled={busy}>
            {t("categories.add")}
          </button>
        </Form>
      </section>
    </div>
  );
}
