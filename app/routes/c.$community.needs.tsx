import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { ListEntryFields } from "../components/units/list-entry-fields";
import { addCommunityNeed, closeCommunityNeed, communityListsPage, needDraftFromIssue } from "../domain/matching/matching.server";
import { localized } from "../i18n/config";
import { positiveInteger, slug } from "../schemas/params";
import { COMMUNITY_NEED_INTENTS, CommunityNeedIntentSchema } from "../schemas/units";
import { failureFor, firstError } from "../web/forms";
import { param } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["units"] };

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [{ title: "需求清单与项目清单 Needs and projects · 议事 Yishi" }];

/**
 * The community's needs list and project list: public; staff add and close needs. `?fromIssue=<number>`
 * (the issue page's "turn into a need") opens the form prefilled from that issue, for staff only.
 */
export const loader = defineLoader(async ({ request, params, context }) => {
  const page = await communityListsPage(context.db, await getCurrentUser(request), param(params, "community", slug));
  const fromIssue = positiveInteger.safeParse(new URL(request.url).searchParams.get("fromIssue") ?? "");
  const draft = page.canEdit && fromIssue.success ? await needDraftFromIssue(context.db, page.community.id, fromIssue.data) : null;
  return { ...page, draft };
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const user = await requireUser(request);
    const { community } = await communityListsPage(context.db, user, param(params, "community", slug));
    const input = parseForm(CommunityNeedIntentSchema, form);
    if (input.intent === "add_need") {
      const need = await addCommunityNeed(context.db, context.clock, user, community, input);
      return redirect(`/needs/${need.id}`);
    }
    await closeCommunityNeed(context.db, context.clock, user, community, input.needId);
    return redirect(`/c/${community.slug}/needs`);
  },
  { intents: COMMUNITY_NEED_INTENTS },
);

export default function CommunityListsPage() {
  const { community, needs, projects, areas, canEdit, draft } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const busy = useNavigation().state !== "idle";
  const addFailure = failureFor(answer, "add_need");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1>{t("community_lists.title")}</h1>
        <p className="mt-1 text-ink-muted">
          {t("community_lists.lead", { community: localized(lang, community.nameZh, community.nameEn) })}
        </p>
      </div>
      <FormError message={firstError(failureFor(answer, "close_need"))} />
      <section className="card" aria-labelledby="needs-heading">
        <h2 id="needs-heading">{t("community_lists.needs")}</h2>
        {needs.length === 0 ? <p className="mt-2 text-ink-muted">{t("community_lists.no_needs")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {needs.map((need) => (
            <li key={need.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
              <div>
                <Link to={`/needs/${need.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {localized(lang, need.titleZh, need.titleEn)}
                </Link>
                <p className="text-sm text-ink-muted">
                  {t(`category.${need.category}`)}
                  {need.area ? ` · ${localized(lang, need.area.nameZh, need.area.nameEn)}` : ""} · {t(`need.status.${need.status}`)}
                  {canEdit && need.pending > 0 ? ` · ${t("community_lists.pending", { count: need.pending })}` : ""}
                </p>
              </div>
              {canEdit ? (
                <Form method="post">
                  <input type="hidden" name="needId" value={need.id} />
                  <button type="submit" name="intent" value="close_need" className="btn-secondary" disabled={busy}>
                    {t("community_lists.close")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <details className="mt-3 rounded-lg border border-stone-200 p-3" open={!!addFailure || !!draft}>
            <summary className="cursor-pointer font-semibold text-brand-700">{t("community_lists.add_need")}</summary>
            <Form method="post" className="mt-3 space-y-3" aria-label={t("community_lists.add_need")}>
              <FormError message={addFailure?.formError} />
              {draft ? (
                <p className="rounded-lg bg-amber-50 p-3 text-amber-900">
                  {t("community_lists.from_issue", { number: draft.number })}
                  {draft.alreadyNeedId ? (
                    <>
                      {" "}
                      <Link to={`/needs/${draft.alreadyNeedId}`} className="font-medium underline underline-offset-2">
                        {t("community_lists.issue_already_need")}
                      </Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              {draft ? <input type="hidden" name="issueId" value={addFailure?.values.issueId ?? draft.issueId} /> : null}
              <ListEntryFields
                prefix="need"
                failure={addFailure}
                withAvailability={false}
                entry={
                  draft
                    ? {
                        titleZh: draft.titleZh,
                        titleEn: "",
                        category: "service",
                        quantity: null,
                        availability: null,
                        description: draft.description,
                      }
                    : undefined
                }
              />
              <Field id="need-area" label={t("community_lists.area")} error={addFailure?.fieldErrors.areaId}>
                <select id="need-area" name="areaId" className="field-input" defaultValue={addFailure?.values.areaId ?? ""}>
                  <option value="">{t("community_lists.no_area")}</option>
                  {areas.map((area) => (
                    <option key={area.id} value={area.id}>
                      {localized(lang, area.nameZh, area.nameEn)}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="submit" name="intent" value="add_need" className="btn-primary" disabled={busy}>
                {t("community_lists.add_need")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>
      <section className="card" aria-labelledby="projects-heading">
        <h2 id="projects-heading">{t("community_lists.projects")}</h2>
        {projects.length === 0 ? <p className="mt-2 text-ink-muted">{t("community_lists.no_projects")}</p> : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {projects.map((project) => (
            <li key={project.id} className="py-3">
              <Link to={`/projects/${project.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                {localized(lang, project.titleZh, project.titleEn)}
              </Link>
              <p className="text-sm text-ink-muted">
                {t(`project.status.${project.status}`)} · {t("project.progress_value", { percent: project.progress })} ·{" "}
                {project.units.map((unit) => localized(lang, unit.nameZh, unit.nameEn)).join("、")}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
