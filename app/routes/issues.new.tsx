import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { DRAFT_FIELDS, draftStorageKey } from "../components/issues/raise-draft";
import { SimilarIssues } from "../components/issues/similar-issues";
import { issuePath } from "../domain/issues/links";
import type { SimilarIssue } from "../domain/issues/raise-page.server";
import { raiseIssuePage } from "../domain/issues/raise-page.server";
import { raiseIssue } from "../domain/issues/raise.server";
import { pushNotificationCounts, pushTriageChanged } from "../web/notification-push.server";
import { URGENCIES } from "../domain/issues/statuses";
import { MAX_IMAGE_BYTES, MAX_PHOTOS_PER_ISSUE } from "../domain/uploads/images";
import { localized } from "../i18n/config";
import { RaiseIssueSchema, SimilarIssuesQuery } from "../schemas/issues";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { parseSearchParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "figures", "issues"] };

export const meta: MetaFunction = () => [{ title: "提交事项 Raise an issue · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  // Without JavaScript, "check for similar issues" reloads this page with the title in the address.
  const typed = parseSearchParams(request, SimilarIssuesQuery);
  return { community, ...(await raiseIssuePage(context.db, user, community, typed)) };
});

export const action = defineAction(
  async ({ request, context, form, files }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    const input = parseForm(RaiseIssueSchema, form);
    const photos = files.filter((f) => f.field === "photos");
    const issue = await raiseIssue(context.db, context.clock, context.storage, user, community, input, photos);
    await pushNotificationCounts(context, issue.notified);
    pushTriageChanged(context, community.id, issue.staffIds);
    return redirect(`${issuePath(community.slug, issue.number)}?raised=1`);
  },
  { multipart: true },
);

type Draft = Partial<Record<(typeof DRAFT_FIELDS)[number], string>>;

export default function RaiseIssuePage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("issues");
  const lang = i18n.language;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction?.startsWith("/issues/new") === true;
  const formRef = useRef<HTMLFormElement>(null);
  const similarFetcher = useFetcher<{ similar: SimilarIssue[] }>();
  const [restored, setRestored] = useState(false);
  const [photoCount, setPhotoCount] = useState(0);
  // Said before sending: a photo over the limit stops the upload parser, which cannot hand the text back.
  const [oversized, setOversized] = useState<string | null>(null);
  const failure = failureFor(result);
  const values = failure?.values ?? {};
  const fieldErrors = failure?.fieldErrors ?? {};
  const similar = similarFetcher.data?.similar ?? page.similar;

  // Restore a draft kept in this browser (after a reload or a lost connection), unless the server sent values back.
  useEffect(() => {
    const form = formRef.current;
    // A refusal that could not carry the typed text back (a photo over the size limit) restores the draft instead.
    if (!form || (failure && Object.keys(failure.values).length > 0)) return;
    let draft: Draft = {};
    try {
      draft = JSON.parse(window.localStorage.getItem(draftStorageKey()) ?? "{}") as Draft;
    } catch {
      draft = {};
    }
    let any = false;
    for (const name of DRAFT_FIELDS) {
      const value = draft[name];
      const field = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
      if (value && field && !field.value) {
        field.value = value;
        any = true;
      } else if (value && field && name === "urgency") {
        field.value = value;
      }
    }
    if (any) setRestored(true);
    // Run once, on the first render in the browser.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const saveDraft = () => {
    const form = formRef.current;
    if (!form) return;
    const draft: Draft = {};
    for (const name of DRAFT_FIELDS) {
      const field = form.elements.namedItem(name) as HTMLInputElement | null;
      if (field?.value) draft[name] = field.value;
    }
    window.localStorage.setItem(draftStorageKey(), JSON.stringify(draft));
  };

  const timer = useRef<ReturnType<typeof setTimeout>>();
  const lookForSimilar = () => {
    const form = formRef.current;
    if (!form) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const title = (form.elements.namedItem("title") as HTMLInputElement).value;
      const gridId = (form.elements.namedItem("gridId") as HTMLSelectElement).value;
      const categoryId = (form.elements.namedItem("categoryId") as HTMLSelectElement).value;
      if (title.trim().length < 2) return;
      similarFetcher.load(`/issues/similar?${new URLSearchParams({ title, gridId, categoryId }).toString()}`);
    }, 400);
  };

  const v = (name: string, fallback = "") => values[name] ?? fallback;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1>{t("raise.title")}</h1>
        <p className="mt-1 text-ink-muted">
          {t("raise.lead", { community: localized(lang, page.community.nameZh, page.community.nameEn) })}
        </p>
      </div>
      {restored ? (
        <p role="status" className="flex flex-wrap items-center gap-2 rounded-lg bg-blue-50 p-3 text-blue-900">
          {t("raise.draft_restored")}
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              window.localStorage.removeItem(draftStorageKey());
              formRef.current?.reset();
              setRestored(false);
            }}
          >
            {t("raise.discard_draft")}
          </button>
        </p>
      ) : null}

      <Form
        method="post"
        encType="multipart/form-data"
        className="card space-y-5"
        ref={formRef}
        onInput={() => {
          saveDraft();
        }}
        onChange={(event) => {
          saveDraft();
          const target = event.target as HTMLInputElement;
          if (target.name === "photos") {
            setPhotoCount(target.files?.length ?? 0);
            setOversized([...(target.files ?? [])].find((file) => file.size > MAX_IMAGE_BYTES)?.name ?? null);
          }
          if (["title", "gridId", "categoryId"].includes(target.name)) lookForSimilar();
        }}
        noValidate
      >
        <FormError message={failure?.formError} />
        <Field id="title" label={t("raise.issue_title")} error={fieldErrors.title} hint={t("raise.title_hint")}>
          <input
            id="title"
            name="title"
            required
            maxLength={80}
            className="field-input"
            defaultValue={v("title", page.prefill.title)}
            aria-invalid={fieldErrors.title ? true : undefined}
            aria-describedby={describedBy("title", fieldErrors.title, t("raise.title_hint"))}
            onInput={lookForSimilar}
          />
        </Field>

        <SimilarIssues similar={similar} slug={page.community.slug} />

        <Field id="description" label={t("raise.description")} error={fieldErrors.description}>
          <textarea
            id="description"
            name="description"
            required
            rows={5}
            maxLength={2000}
            className="field-input"
            defaultValue={v("description")}
            aria-invalid={fieldErrors.description ? true : undefined}
            aria-describedby={describedBy("description", fieldErrors.description)}
          />
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field id="categoryId" label={t("raise.category")} error={fieldErrors.categoryId}>
            <select
              id="categoryId"
              name="categoryId"
              className="field-input"
              defaultValue={v("categoryId")}
              aria-invalid={fieldErrors.categoryId ? true : undefined}
              aria-describedby={describedBy("categoryId", fieldErrors.categoryId)}
            >
              <option value="">{t("triage.choose")}</option>
              {page.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {localized(lang, c.nameZh, c.nameEn)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="gridId" label={t("raise.grid")} error={fieldErrors.gridId}>
            <select id="gridId" name="gridId" className="field-input" defaultValue={v("gridId", page.prefill.gridId || page.myGrid)}>
              <option value="">{t("raise.grid_unknown")}</option>
              {page.grids.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.code} {localized(lang, g.nameZh, g.nameEn)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="address" label={t("raise.address")} error={fieldErrors.address}>
          <input
            id="address"
            name="address"
            maxLength={200}
            className="field-input"
            defaultValue={v("address")}
            autoComplete="street-address"
          />
        </Field>
        <fieldset>
          <legend className="field-label">{t("raise.urgency")}</legend>
          <div className="grid grid-cols-3 gap-2">
            {URGENCIES.map((u) => (
              <label key={u} className="flex min-h-[44px] items-center gap-1.5 whitespace-nowrap rounded-lg border border-stone-300 px-2">
                <input type="radio" name="urgency" value={u} defaultChecked={v("urgency", "normal") === u} className="h-5 w-5" />
                {t(`urgency.${u}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="photos" label={t("raise.photos")} hint={t("raise.photos_hint_max", { max: MAX_PHOTOS_PER_ISSUE })}>
          <input
            id="photos"
            name="photos"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            multiple
            className="field-input"
            aria-describedby="photos-hint"
          />
          {photoCount > MAX_PHOTOS_PER_ISSUE ? (
            <p className="field-error">{t("errors.too_many_photos", { max: MAX_PHOTOS_PER_ISSUE })}</p>
          ) : null}
          {oversized ? (
            <p className="field-error">{t("errors.upload_too_large", { name: oversized, mb: MAX_IMAGE_BYTES / (1024 * 1024) })}</p>
          ) : null}
          {failure?.formError ? <p className="mt-1 text-sm text-ink-muted">{t("raise.photos_again")}</p> : null}
        </Field>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {busy ? t("raise.submitting") : t("raise.submit")}
          </button>
          <noscript>
            <button type="submit" formMethod="get" formEncType="application/x-www-form-urlencoded" className="btn-secondary">
              {t("raise.check_similar")}
            </button>
          </noscript>
        </div>
      </Form>
    </div>
  );
}
