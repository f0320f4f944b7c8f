import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { failureFor } from "../components/issues/intent-form";
import { systemClock } from "../infra/clock";
import { addCategory, listCategories, moveCategory, renameCategory, setCategoryArchived } from "../domain/issues/categories.server";
import { can } from "../domain/permissions";
import { i18nServer } from "../i18n/i18next.server";
import { localized } from "../i18n/config";
import { CategoryIntentSchema } from "../schemas/issues";
import { getDb } from "../infra/db.server";
import { parseForm } from "../web/legacy-forms";
import { intentFailure } from "../web/legacy-intent.server";
import { requireMemberCommunity } from "../web/community.server";
import { readFormData } from "../web/params.server";

export const meta: MetaFunction = () => [{ title: "事项分类 Issue categories · 议事 Yishi" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, community } = await requireMemberCommunity(request, context.db);
  if (!can(user, "manage:community", { communityId: community.id, streetId: community.streetId })) throw data(null, { status: 403 });
  const categories = await listCategories(getDb(), community.id);
  return { community, categories: categories.map((c) => ({ ...c, archived: c.archivedAt !== null, issues: c._count.issues })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const t = await i18nServer.getFixedT(request);
  const formData = await readFormData(request);
  const parsed = parseForm(CategoryIntentSchema, formData);
  const intent = String(formData.get("intent") ?? "");
  if (!parsed.ok) return intentFailure(intent, t, { fieldErrors: parsed.fieldErrors, values: parsed.values });
  const db = getDb();
  const command = parsed.data;
  try {
    switch (command.intent) {
      case "add":
        await addCategory(db, systemClock, user, community, { nameZh: command.nameZh, nameEn: command.nameEn });
        break;
      case "rename":
        await renameCategory(db, systemClock, user, community, command.categoryId, { nameZh: command.nameZh, nameEn: command.nameEn });
        break;
      case "archive":
      case "restore":
        await setCategoryArchived(db, systemClock, user, community, command.categoryId, command.intent === "archive");
        break;
      case "up":
      case "down":
        await moveCategory(db, systemClock, user, community, command.categoryId, command.intent);
        break;
    }
    return redirect("/issues/categories");
  } catch (error) {
    const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    return intentFailure(intent, t, { values, error });
  }
}

export default function CategoriesPage() {
  const { community, categories } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, i18n } = useTranslation("issues");
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const addFailure = failureFor(failure, "add");
  const otherFailure = failure && !failure.ok && failure.intent !== "add" ? failure : undefined;
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
      <FormError message={otherFailure?.formError ?? (otherFailure && Object.values(otherFailure.fieldErrors)[0])} />
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
