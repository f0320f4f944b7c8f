import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { MAX_PHOTOS_PER_MILESTONE } from "../domain/projects/limits";
import { changeProject, projectPage } from "../domain/projects/projects.server";
import { photoUrl, thumbnailUrl } from "../domain/uploads/photo-urls";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { PROJECT_INTENTS, ProjectIdParams, ProjectIntentSchema } from "../schemas/units";
import { failureFor, firstError } from "../web/forms";
import { parseParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["units"] };

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [{ title: "共建项目 Joint project · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { projectId } = parseParams(params, ProjectIdParams);
  return projectPage(context.db, await getCurrentUser(request), projectId);
});

export const action = defineAction(
  async ({ request, params, context, form, files }) => {
    const { projectId } = parseParams(params, ProjectIdParams);
    const user = await requireUser(request);
    const photos = files.filter((file) => file.field === "photos");
    await changeProject(context.db, context.clock, user, projectId, parseForm(ProjectIntentSchema, form), {
      storage: context.storage,
      photos,
    });
    return redirect(`/projects/${projectId}`);
  },
  { multipart: true, intents: PROJECT_INTENTS },
);

export default function ProjectPage() {
  const { project, canUpdate } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const busy = useNavigation().state !== "idle";
  const active = project.status === "active";
  const milestoneFailure = failureFor(answer, "add_milestone");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <p className="text-sm text-ink-muted">
          <Link to={`/c/${project.community.slug}/needs`} className="underline underline-offset-2">
            {t("community_lists.title")} · {localized(lang, project.community.nameZh, project.community.nameEn)}
          </Link>
        </p>
        <h1>{localized(lang, project.titleZh, project.titleEn)}</h1>
        <p className="mt-1 text-ink-muted">
          {t("project.kind")} · {t(`project.status.${project.status}`)} ·{" "}
          {t("project.started", { date: formatDateTime(project.createdAt, lang, false) })}
        </p>
        {project.description ? <p className="mt-2 whitespace-pre-line">{project.description}</p> : null}
      </div>
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("project.progress")}</h2>
        <div
          className="mt-2 h-4 w-full overflow-hidden rounded-full bg-stone-200"
          role="progressbar"
          aria-valuenow={project.progress}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t("project.progress")}
        >
          <div className="h-full bg-brand-600" style={{ width: `${project.progress}%` }} />
        </div>
        <p className="mt-1 font-semibold">{t("project.progress_value", { percent: project.progress })}</p>
        <p className="mt-2">
          {t("project.owners")}:{" "}
          {project.units.map((unit, index) => (
            <span key={unit.id}>
              {index > 0 ? "、" : ""}
              <Link to={`/units/${unit.id}`} className="text-brand-700 underline underline-offset-2">
                {localized(lang, unit.nameZh, unit.nameEn)}
              </Link>
            </span>
          ))}
        </p>
        {project.need ? (
          <p className="mt-1 text-ink-muted">
            {t("project.from_need")}:{" "}
            <Link to={`/needs/${project.need.id}`} className="underline underline-offset-2">
              {localized(lang, project.need.titleZh, project.need.titleEn)}
            </Link>
          </p>
        ) : null}
        {canUpdate && active ? (
          <div className="mt-3 flex flex-wrap items-end gap-3">
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <Field id="progress" label={t("project.set_progress")} error={failureFor(answer, "progress")?.fieldErrors.progress}>
                <input
                  id="progress"
                  name="progress"
                  type="number"
                  min={0}
                  max={100}
                  inputMode="numeric"
                  className="field-input w-28"
                  defaultValue={project.progress}
                />
              </Field>
              <button type="submit" name="intent" value="progress" className="btn-secondary" disabled={busy}>
                {t("project.save_progress")}
              </button>
            </Form>
            <Form method="post">
              <button type="submit" name="intent" value="complete_project" className="btn-primary" disabled={busy}>
                {t("project.complete")}
              </button>
            </Form>
          </div>
        ) : null}
        <FormError message={failureFor(answer, "complete_project")?.formError ?? failureFor(answer, "progress")?.formError} />
      </section>
      <section className="card" aria-labelledby="milestones-heading">
        <h2 id="milestones-heading">{t("project.milestones")}</h2>
        {project.milestones.length === 0 ? <p className="mt-2 text-ink-muted">{t("project.no_milestones")}</p> : null}
        <ol className="mt-2 space-y-3">
          {project.milestones.map((milestone) => {
            const failure = failureFor(answer, "complete_milestone", { milestoneId: milestone.id });
            return (
              <li
                key={milestone.id}
                className={`rounded-lg border p-3 ${milestone.doneAt ? "border-green-300 bg-green-50" : "border-stone-200"}`}
              >
                <p className="font-semibold">
                  {milestone.doneAt ? "✓ " : ""}
                  {milestone.title}
                </p>
                <p className="text-sm text-ink-muted">
                  {milestone.doneAt
                    ? t("project.done_on", { date: formatDateTime(milestone.doneAt, lang, false) })
                    : milestone.dueAt
                      ? t("project.due_on", { date: formatDateTime(milestone.dueAt, lang, false) })
                      : t("project.no_due")}
                </p>
                {milestone.evidence ? (
                  <p className="mt-1 whitespace-pre-line">
                    {t("project.evidence")}: {milestone.evidence}
                  </p>
                ) : null}
                {milestone.photos.length > 0 ? (
                  <ul className="mt-2 flex flex-wrap gap-2" aria-label={t("project.photos", { milestone: milestone.title })}>
                    {milestone.photos.map((photo, index) => (
                      <li key={photo.storageKey}>
                        <a href={photoUrl(photo.storageKey)}>
                          <img
                            src={thumbnailUrl(photo.storageKey)}
                            alt={t("project.photo_alt", { milestone: milestone.title, n: index + 1 })}
                            className="h-24 w-24 rounded-lg object-cover"
                            loading="lazy"
                          />
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {canUpdate && active && !milestone.doneAt ? (
                  <Form method="post" encType="multipart/form-data" className="mt-2 space-y-2">
                    <FormError message={failure?.formError} />
                    <input type="hidden" name="milestoneId" value={milestone.id} />
                    <Field id={`evidence-${milestone.id}`} label={t("project.evidence_label")} error={failure?.fieldErrors.evidence}>
                      <textarea
                        id={`evidence-${milestone.id}`}
                        name="evidence"
                        rows={2}
                        maxLength={500}
                        className="field-input"
                        defaultValue={failure?.values.evidence ?? ""}
                      />
                    </Field>
                    <Field
                      id={`photos-${milestone.id}`}
                      label={t("project.photos_label")}
                      hint={t("project.photos_hint", { max: MAX_PHOTOS_PER_MILESTONE })}
                    >
                      <input
                        id={`photos-${milestone.id}`}
                        name="photos"
                        type="file"
                        accept="image/jpeg,image/png,image/webp,image/gif"
                        multiple
                        className="field-input"
                        aria-describedby={`photos-${milestone.id}-hint`}
                      />
                    </Field>
                    <button type="submit" name="intent" value="complete_milestone" className="btn-secondary" disabled={busy}>
                      {t("project.mark_done")}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ol>
        {canUpdate && active ? (
          <Form
            method="post"
            className="mt-4 grid grid-cols-1 gap-3 border-t border-stone-200 pt-4 sm:grid-cols-[1fr_auto_auto] sm:items-end"
          >
            <FormError message={firstError(milestoneFailure)} />
            <Field id="milestone-title" label={t("project.milestone_title")} error={milestoneFailure?.fieldErrors.title}>
              <input
                id="milestone-title"
                name="title"
                maxLength={80}
                className="field-input"
                defaultValue={milestoneFailure?.values.title ?? ""}
              />
            </Field>
            <Field id="milestone-due" label={t("project.milestone_due")} error={milestoneFailure?.fieldErrors.dueOn}>
              <input
                id="milestone-due"
                name="dueOn"
                type="date"
                className="field-input"
                defaultValue={milestoneFailure?.values.dueOn ?? ""}
              />
            </Field>
            <button type="submit" name="intent" value="add_milestone" className="btn-primary" disabled={busy}>
              {t("project.add_milestone")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
