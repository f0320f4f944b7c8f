import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { AgreementList } from "../components/units/agreement-list";
import { ListEntryFields } from "../components/units/list-entry-fields";
import { Scorecard } from "../components/units/scorecard";
import { changeFromUnitPage } from "../domain/units/lists.server";
import { unitPage } from "../domain/units/unit-page.server";
import { localized } from "../i18n/config";
import { UNIT_LIST_INTENTS, UnitIdParams, UnitListIntentSchema } from "../schemas/units";
import { failureFor, firstError } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { parseParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";
import { publicPageHeaders } from "../web/public-page";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["issues", "units", "volunteering"] };

/** Anyone may read it: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [{ title: "共建单位 Unit · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { unitId } = parseParams(params, UnitIdParams);
  return unitPage(context.db, context.clock, await getCurrentUser(request), unitId);
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const { unitId } = parseParams(params, UnitIdParams);
    const user = await requireUser(request);
    const notified = await changeFromUnitPage(context.db, context.clock, user, unitId, parseForm(UnitListIntentSchema, form));
    await pushNotificationCounts(context, notified);
    return redirect(`/units/${unitId}`);
  },
  { intents: UNIT_LIST_INTENTS },
);

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function UnitPage() {
  const page = useLoaderData<typeof loader>();
  const {
    unit,
    resources,
    needs,
    projects,
    score,
    volunteering,
    representatives,
    pendingMatches,
    openNeeds,
    canEdit,
    speaksForUnit,
    agreements,
    canManageAgreements,
  } = page;
  const { t, i18n } = useTranslation(["units", "issues"]);
  const lang = i18n.language;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <p className="text-sm text-ink-muted">
          <Link to="/units" className="underline underline-offset-2">
            {t("issues:units.title")}
          </Link>
        </p>
        <h1>{localized(lang, unit.nameZh, unit.nameEn)}</h1>
        <p className="mt-1 text-ink-muted">
          {t(`issues:units.sector.${unit.sectorGroup}`)} · {t(`issues:units.kind.${unit.kind}`)}
          {unit.area ? ` · ${localized(lang, unit.area.nameZh, unit.area.nameEn)}` : ""}
          {unit.community ? ` · ${localized(lang, unit.community.nameZh, unit.community.nameEn)}` : ""}
        </p>
        {unit.contactName ? (
          <p className="mt-1">
            {t("unit.contact")}: {unit.contactName}
            {unit.contactPhone ? (
              <>
                {" · "}
                <a href={`tel:${unit.contactPhone}`} className="underline underline-offset-2">
                  {unit.contactPhone}
                </a>
              </>
            ) : null}
          </p>
        ) : null}
        {representatives.length > 0 ? (
          <p className="mt-1">
            {t("unit.representatives")}:{" "}
            {representatives.map((r) => `${r.name}（${localized(lang, r.community.nameZh, r.community.nameEn)}）`).join("、")}
          </p>
        ) : null}
      </div>

      {speaksForUnit && pendingMatches.length > 0 ? <PendingRequests matches={pendingMatches} /> : null}

      <Scorecard score={score} volunteering={volunteering} />

      <UnitList list="resource" items={resources} canEdit={canEdit} />
      <UnitList list="need" items={needs} canEdit={canEdit} />

      <section className="card" aria-labelledby="projects-heading">
        <h2 id="projects-heading">{t("unit.projects")}</h2>
        {projects.length === 0 ? <p className="mt-2 text-ink-muted">{t("unit.no_projects")}</p> : null}
        <ul className="mt-2 space-y-2">
          {projects.map((project) => (
            <li key={project.id}>
              <Link to={`/projects/${project.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                {localized(lang, project.titleZh, project.titleEn)}
              </Link>{" "}
              <span className="text-ink-muted">
                · {localized(lang, project.community.nameZh, project.community.nameEn)} · {t(`project.status.${project.status}`)} ·{" "}
                {t("project.progress_value", { percent: project.progress })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">{t("agreements.title")}</h2>
        <AgreementList agreements={agreements} />
        {canManageAgreements ? (
          <p className="mt-3">
            <Link to={`/units/${unit.id}/agreements`} className="font-semibold text-brand-700 underline underline-offset-2">
              {t("agreements.manage")}
            </Link>
          </p>
        ) : null}
      </section>

      {speaksForUnit && openNeeds.length > 0 ? <OfferForNeeds needs={openNeeds} /> : null}
    </div>
  );
}

function PendingRequests({ matches }: { matches: Loaded["pendingMatches"] }) {
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card border-amber-300 bg-amber-50" aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t("unit.requests")}</h2>
      <ul className="mt-2 space-y-4">
        {matches.map((match) => {
          const failure = failureFor(answer, undefined, { matchId: match.id });
          return (
            <li key={match.id} className="rounded-lg border border-stone-200 bg-white p-3">
              <p className="font-semibold">
                <Link to={`/needs/${match.need.id}`} className="text-brand-700 underline underline-offset-2">
                  {localized(lang, match.need.titleZh, match.need.titleEn)}
                </Link>
              </p>
              <p className="text-sm text-ink-muted">
                {localized(lang, match.need.community.nameZh, match.need.community.nameEn)} ·{" "}
                {match.direction === "request" ? t("match.direction.request") : t("match.waiting_for_staff")}
              </p>
              {match.note ? <p className="mt-1 whitespace-pre-line">{match.note}</p> : null}
              {match.direction === "request" ? (
                <div className="mt-3 space-y-3">
                  <FormError message={firstError(failure)} />
                  <Form method="post">
                    <input type="hidden" name="matchId" value={match.id} />
                    <button type="submit" name="intent" value="accept" className="btn-primary" disabled={busy}>
                      {t("match.accept")}
                    </button>
                  </Form>
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="matchId" value={match.id} />
                    <Field id={`decline-${match.id}`} label={t("match.decline_reason")} error={failure?.fieldErrors.reason}>
                      <textarea
                        id={`decline-${match.id}`}
                        name="reason"
                        rows={2}
                        maxLength={300}
                        className="field-input"
                        defaultValue={failure?.values.reason ?? ""}
                      />
                    </Field>
                    <button type="submit" name="intent" value="decline" className="btn-secondary" disabled={busy}>
                      {t("match.decline")}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function OfferForNeeds({ needs }: { needs: Loaded["openNeeds"] }) {
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card" aria-labelledby="offer-heading">
      <h2 id="offer-heading">{t("unit.open_needs")}</h2>
      <p className="mt-1 text-ink-muted">{t("unit.open_needs_lead")}</p>
      <ul className="mt-2 divide-y divide-stone-200">
        {needs.map((need) => {
          const failure = failureFor(answer, "offer", { needId: need.id });
          return (
            <li key={need.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div>
                <Link to={`/needs/${need.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {localized(lang, need.titleZh, need.titleEn)}
                </Link>
                <p className="text-sm text-ink-muted">
                  {t(`category.${need.category}`)} · {localized(lang, need.community.nameZh, need.community.nameEn)}
                </p>
                <FormError message={firstError(failure)} />
              </div>
              <Form method="post">
                <input type="hidden" name="needId" value={need.id} />
                <button type="submit" name="intent" value="offer" className="btn-secondary" disabled={busy}>
                  {t("match.offer")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function UnitList({ list, items, canEdit }: { list: "resource" | "need"; items: Loaded["resources"]; canEdit: boolean }) {
  const { t, i18n } = useTranslation("units");
  const lang = i18n.language;
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const addFailure = failureFor(answer, "add_item", { list });
  return (
    <section className="card" aria-labelledby={`${list}-heading`}>
      <h2 id={`${list}-heading`}>{t(`lists.${list}.title`)}</h2>
      {items.length === 0 ? <p className="mt-2 text-ink-muted">{t(`lists.${list}.empty`)}</p> : null}
      <ul className="mt-2 divide-y divide-stone-200">
        {items.map((item) => {
          const failure = failureFor(answer, undefined, { itemId: item.id });
          return (
            <li key={item.id} className="py-3" id={`item-${item.id}`}>
              <p className="font-semibold">{localized(lang, item.titleZh, item.titleEn)}</p>
              <p className="text-sm text-ink-muted">
                {[t(`category.${item.category}`), item.quantity, item.availability].filter(Boolean).join(" · ")}
              </p>
              {item.description ? <p className="mt-1 whitespace-pre-line">{item.description}</p> : null}
              {canEdit ? (
                <details className="mt-2" open={!!failure}>
                  <summary className="cursor-pointer text-brand-700 underline underline-offset-2">
                    {t("lists.edit", { title: item.titleZh })}
                  </summary>
                  <FormError message={failure?.formError} />
                  <Form method="post" className="mt-2 space-y-3" aria-label={t("lists.edit", { title: item.titleZh })}>
                    <input type="hidden" name="itemId" value={item.id} />
                    <ListEntryFields
                      prefix={`item-${item.id}`}
                      entry={item}
                      failure={failure?.intent === "update_item" ? failure : undefined}
                    />
                    <div className="flex flex-wrap gap-2">
                      <button type="submit" name="intent" value="update_item" className="btn-primary" disabled={busy}>
                        {t("lists.save")}
                      </button>
                      <button type="submit" name="intent" value="remove_item" className="btn-secondary" disabled={busy}>
                        {t("lists.remove")}
                      </button>
                    </div>
                  </Form>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canEdit ? (
        <details className="mt-3 rounded-lg border border-stone-200 p-3" open={!!addFailure}>
          <summary className="cursor-pointer font-semibold text-brand-700">{t(`lists.${list}.add`)}</summary>
          <Form method="post" className="mt-3 space-y-3" aria-label={t(`lists.${list}.add`)}>
            <FormError message={addFailure?.formError} />
            <input type="hidden" name="list" value={list} />
            <ListEntryFields prefix={`new-${list}`} failure={addFailure} withAvailability={list === "resource"} />
            <button type="submit" name="intent" value="add_item" className="btn-primary" disabled={busy}>
              {t(`lists.${list}.add`)}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
