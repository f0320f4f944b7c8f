import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RowAction } from "../components/volunteering/row-action";
import { Field, FormError } from "../components/issues/form-bits";
import { DutyStatusBadge } from "../components/volunteering/wish-bits";
import { confirmDutyHours, createPost, volunteeringPage } from "../domain/volunteering/duties.server";
import { decideRegistration, registerAsVolunteer } from "../domain/volunteering/registrations.server";
import { POST_KINDS, REGISTRATION_KINDS, hoursOf } from "../domain/volunteering/rules";
import { localized } from "../i18n/config";
import { formatDateTime, formatNumber } from "../infra/time";
import { VOLUNTEERING_INTENTS, VolunteeringIntentSchema } from "../schemas/volunteering";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor, firstError } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "volunteering"] };

export const meta: MetaFunction = () => [{ title: "志愿服务 Volunteering · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  return volunteeringPage(context.db, context.clock, user, community);
});

export const action = defineAction(
  async ({ request, context, form }) => {
    const { user, community } = await requireMemberCommunity(request, context.db);
    const input = parseForm(VolunteeringIntentSchema, form);
    const { db, clock } = context;
    let notified: string[] = [];
    switch (input.intent) {
      case "register":
        ({ notified } = await registerAsVolunteer(db, clock, user, community, input));
        break;
      case "confirm_registration":
        ({ notified } = await decideRegistration(db, clock, user, input.registrationId, { confirm: true }));
        break;
      case "decline_registration":
        ({ notified } = await decideRegistration(db, clock, user, input.registrationId, { confirm: false, reason: input.reason }));
        break;
      case "create_post": {
        const post = await createPost(db, clock, user, community, input);
        return redirect(`/volunteering/posts/${post.id}`);
      }
      case "confirm_hours":
        ({ notified } = await confirmDutyHours(db, clock, user, input.dutyId, {}));
        break;
    }
    await pushNotificationCounts(context, notified);
    return redirect("/volunteering");
  },
  { intents: VOLUNTEERING_INTENTS },
);

function Hours({ minutes }: { minutes: number }) {
  const { t, i18n } = useTranslation("volunteering");
  return <>{t("hours_value", { hours: formatNumber(hoursOf(minutes), i18n.language) })}</>;
}

export default function VolunteeringPage() {
  const page = useLoaderData<typeof loader>();
  const {
    community,
    registration,
    units,
    posts,
    myDuties,
    myMinutes,
    office,
    canManagePosts,
    pendingRegistrations,
    toConfirm,
    totals,
    year,
  } = page;
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("volunteering");
  const lang = i18n.language;
  // Chinese text takes the full-width colon, with no space after it.
  const colon = lang === "en" ? ": " : "：";
  const busy = useNavigation().state !== "idle";
  const registerFailure = failureFor(answer, "register");
  const postFailure = failureFor(answer, "create_post");
  const unitName = (id: string | null) => {
    const unit = units.find((u) => u.id === id);
    return unit ? localized(lang, unit.nameZh, unit.nameEn) : null;
  };
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <div>
        <h1>{t("volunteering.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("volunteering.lead", { community: localized(lang, community.nameZh, community.nameEn) })}</p>
      </div>

      <section className={`card ${office ? "order-last" : ""}`} aria-labelledby="registration-heading" id="my-registration">
        <h2 id="registration-heading">{t("registration.title")}</h2>
        {registration && registration.status !== "declined" ? (
          <div className="mt-2">
            <p>
              <span
                className={`badge ${registration.status === "confirmed" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
              >
                {t(`registration.status.${registration.status}`)}
              </span>{" "}
              {t(`registration.kind.${registration.kind}`)}
              {registration.unitId ? ` · ${unitName(registration.unitId) ?? ""}` : ""} ·{" "}
              {t("wishes.building", { building: registration.building })}
            </p>
            {registration.status === "confirmed" ? (
              <p className="mt-2">
                {t("volunteering.my_hours", { year })}
                {colon}
                <strong>
                  <Hours minutes={myMinutes} />
                </strong>{" "}
                ·{" "}
                <Link to={`/volunteering/certificate?year=${year}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {t("certificate.link")}
                </Link>
              </p>
            ) : (
              <p className="mt-2 text-ink-muted">{t("registration.pending_help")}</p>
            )}
          </div>
        ) : (
          <Form method="post" className="mt-2 space-y-3">
            <p className="text-ink-muted">{t("registration.lead")}</p>
            {registration?.declineReason ? (
              <p className="rounded-lg bg-stone-100 p-2">
                {t("registration.declined_because")}
                {colon}
                {registration.declineReason}
              </p>
            ) : null}
            <FormError message={registerFailure?.formError} />
            <fieldset>
              <legend className="field-label">{t("registration.kind_label")}</legend>
              <div className="flex flex-wrap gap-4">
                {REGISTRATION_KINDS.map((kind) => (
                  <label key={kind} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="kind"
                      value={kind}
                      defaultChecked={(registerFailure?.values.kind ?? "party_member") === kind}
                    />
                    {t(`registration.kind.${kind}`)}
                  </label>
                ))}
              </div>
              {registerFailure?.fieldErrors.kind ? <p className="field-error">{registerFailure.fieldErrors.kind}</p> : null}
            </fieldset>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field
                id="reg-unit"
                label={t("registration.unit")}
                hint={t("registration.unit_hint")}
                error={registerFailure?.fieldErrors.unitId}
              >
                <select
                  id="reg-unit"
                  name="unitId"
                  className="field-input"
                  defaultValue={registerFailure?.values.unitId ?? ""}
                  aria-describedby="reg-unit-hint"
                >
                  <option value="">{t("registration.no_unit")}</option>
                  {units.map((unit) => (
                    <option key={unit.id} value={unit.id}>
                      {localized(lang, unit.nameZh, unit.nameEn)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id="reg-building"
                label={t("wishes.field.building")}
                hint={t("registration.building_hint")}
                error={registerFailure?.fieldErrors.building}
              >
                <input
                  id="reg-building"
                  name="building"
                  required
                  maxLength={10}
                  inputMode="numeric"
                  className="field-input"
                  defaultValue={registerFailure?.values.building}
                  aria-describedby="reg-building-hint"
                />
              </Field>
            </div>
            <Field id="reg-skills" label={t("registration.skills")} error={registerFailure?.fieldErrors.skills}>
              <input id="reg-skills" name="skills" maxLength={100} className="field-input" defaultValue={registerFailure?.values.skills} />
            </Field>
            <button type="submit" name="intent" value="register" className="btn-primary" disabled={busy}>
              {t("registration.submit")}
            </button>
          </Form>
        )}
      </section>

      {office && pendingRegistrations.length > 0 ? (
        <section className="card border-amber-300 bg-amber-50" aria-labelledby="pending-heading" id="registrations">
          <h2 id="pending-heading">{t("registration.pending_title")}</h2>
          <FormError message={firstError(failureFor(answer, "confirm_registration") ?? failureFor(answer, "decline_registration"))} />
          <ul className="mt-2 divide-y divide-amber-200">
            {pendingRegistrations.map((r) => (
              <li key={r.id} className="py-3">
                <p className="font-semibold">{r.name}</p>
                <p className="text-sm">
                  {t(`registration.kind.${r.kind}`)}
                  {r.unit ? ` · ${localized(lang, r.unit.nameZh, r.unit.nameEn)}` : ""} · {t("wishes.building", { building: r.building })}
                  {r.skills ? ` · ${r.skills}` : ""}
                </p>
                <div className="mt-2 flex flex-wrap items-end gap-2">
                  <RowAction
                    field="registrationId"
                    id={r.id}
                    intent="confirm_registration"
                    label={t("registration.confirm")}
                    ariaLabel={t("registration.confirm_person", { name: r.name })}
                    primary
                    busy={busy}
                  />
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="registrationId" value={r.id} />
                    <Field id={`decline-${r.id}`} label={t("registration.decline_reason")}>
                      <input id={`decline-${r.id}`} name="reason" required maxLength={200} className="field-input" />
                    </Field>
                    <button type="submit" name="intent" value="decline_registration" className="btn-secondary" disabled={busy}>
                      {t("registration.decline")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {office && toConfirm.length > 0 ? (
        <section className="card border-amber-300 bg-amber-50" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">{t("hours.to_confirm")}</h2>
          <FormError message={firstError(failureFor(answer, "confirm_hours"))} />
          <ul className="mt-2 divide-y divide-amber-200">
            {toConfirm.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div>
                  <p className="font-semibold">
                    {d.name} · {d.post ? localized(lang, d.post.titleZh, d.post.titleEn) : ""}
                  </p>
                  <p className="text-sm text-ink-muted">
                    {d.signedInAt ? formatDateTime(d.signedInAt, lang) : ""} – {d.signedOutAt ? formatDateTime(d.signedOutAt, lang) : ""} ·{" "}
                    <Hours minutes={d.proposedMinutes} />
                  </p>
                </div>
                <div className="flex gap-2">
                  <RowAction
                    field="dutyId"
                    id={d.id}
                    intent="confirm_hours"
                    label={t("hours.confirm")}
                    ariaLabel={t("hours.confirm_person", { name: d.name })}
                    primary
                    busy={busy}
                  />
                  {d.post ? (
                    <Link to={`/volunteering/posts/${d.postId}`} className="btn-secondary">
                      {t("hours.correct")}
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="posts-heading">
        <h2 id="posts-heading">{t("posts.title")}</h2>
        {posts.length === 0 ? <p className="card mt-2 text-ink-muted">{t("posts.empty")}</p> : null}
        <ul className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
          {posts.map((post) => (
            <li key={post.id} className="card">
              <p className="text-sm text-ink-muted">{t(`post_kind.${post.kind}`)}</p>
              <h3 className="text-lg font-semibold">
                <Link to={`/volunteering/posts/${post.id}`} className="text-brand-700 underline underline-offset-2">
                  {localized(lang, post.titleZh, post.titleEn)}
                </Link>
              </h3>
              <p>
                {formatDateTime(post.startsAt, lang, true, true)} · {post.place}
              </p>
              <p className="mt-1 flex flex-wrap items-center gap-2">
                <span className={post.taken >= post.slots ? "font-semibold text-red-800" : ""}>
                  {post.taken >= post.slots
                    ? t("posts.full")
                    : t("posts.slots_left", { count: post.slots - post.taken, total: post.slots })}
                </span>
                {post.myStatus ? <DutyStatusBadge status={post.myStatus} /> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>

      {myDuties.length > 0 ? (
        <section className="card" aria-labelledby="duties-heading">
          <h2 id="duties-heading">{t("duties.mine")}</h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {myDuties.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link to={`/volunteering/posts/${d.postId}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {d.post ? localized(lang, d.post.titleZh, d.post.titleEn) : ""}
                </Link>
                <DutyStatusBadge status={d.status} />
                {d.status === "confirmed" && d.minutes ? (
                  <span>
                    <Hours minutes={d.minutes} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {totals ? (
        <section className="card" aria-labelledby="totals-heading">
          <h2 id="totals-heading">{t("totals.title", { year })}</h2>
          <p className="mt-1">
            {t("totals.all")}
            {colon}
            <strong>
              <Hours minutes={totals.total} />
            </strong>
          </p>
          <div className="mt-3 grid grid-cols-1 gap-4 md:grid-cols-3">
            <div>
              <h3 className="font-semibold">{t("totals.by_person")}</h3>
              {totals.byPerson.length === 0 ? <p className="text-ink-muted">–</p> : null}
              <ol className="mt-1 space-y-1">
                {totals.byPerson.slice(0, 10).map((row) => (
                  <li key={row.id} className="flex justify-between gap-2">
                    <span>{row.name}</span>
                    <Hours minutes={row.minutes} />
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h3 className="font-semibold">{t("totals.by_unit")}</h3>
              {totals.byUnit.length === 0 ? <p className="text-ink-muted">–</p> : null}
              <ol className="mt-1 space-y-1">
                {totals.byUnit.slice(0, 10).map((row) => (
                  <li key={row.id} className="flex justify-between gap-2">
                    <span>{row.unit ? localized(lang, row.unit.nameZh, row.unit.nameEn) : ""}</span>
                    <Hours minutes={row.minutes} />
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h3 className="font-semibold">{t("totals.by_post")}</h3>
              {totals.byPost.length === 0 ? <p className="text-ink-muted">–</p> : null}
              <ol className="mt-1 space-y-1">
                {totals.byPost.slice(0, 10).map((row) => (
                  <li key={row.id} className="flex justify-between gap-2">
                    <span>{row.post ? localized(lang, row.post.titleZh, row.post.titleEn) : ""}</span>
                    <Hours minutes={row.minutes} />
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </section>
      ) : null}

      {canManagePosts ? (
        <section className="card" aria-labelledby="new-post-heading">
          <h2 id="new-post-heading">{t("posts.new")}</h2>
          <Form method="post" className="mt-2 space-y-3">
            <FormError message={postFailure?.formError} />
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field id="post-kind" label={t("posts.field.kind")} error={postFailure?.fieldErrors.kind}>
                <select id="post-kind" name="kind" className="field-input" defaultValue={postFailure?.values.kind ?? "publicity"}>
                  {POST_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`post_kind.${kind}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="post-slots" label={t("posts.field.slots")} error={postFailure?.fieldErrors.slots}>
                <input
                  id="post-slots"
                  name="slots"
                  type="number"
                  min={1}
                  max={200}
                  required
                  className="field-input"
                  defaultValue={postFailure?.values.slots ?? "4"}
                />
              </Field>
              <Field id="post-title-zh" label={t("posts.field.title_zh")} error={postFailure?.fieldErrors.titleZh}>
                <input
                  id="post-title-zh"
                  name="titleZh"
                  required
                  maxLength={40}
                  className="field-input"
                  defaultValue={postFailure?.values.titleZh}
                />
              </Field>
              <Field id="post-title-en" label={t("posts.field.title_en")} error={postFailure?.fieldErrors.titleEn}>
                <input
                  id="post-title-en"
                  name="titleEn"
                  maxLength={80}
                  className="field-input"
                  defaultValue={postFailure?.values.titleEn}
                />
              </Field>
              <Field id="post-place" label={t("posts.field.place")} error={postFailure?.fieldErrors.place}>
                <input
                  id="post-place"
                  name="place"
                  required
                  maxLength={60}
                  className="field-input"
                  defaultValue={postFailure?.values.place}
                />
              </Field>
              <div />
              <Field id="post-starts" label={t("posts.field.starts_at")} error={postFailure?.fieldErrors.startsAt}>
                <input
                  id="post-starts"
                  name="startsAt"
                  type="datetime-local"
                  required
                  className="field-input"
                  defaultValue={postFailure?.values.startsAt}
                />
              </Field>
              <Field id="post-ends" label={t("posts.field.ends_at")} error={postFailure?.fieldErrors.endsAt}>
                <input
                  id="post-ends"
                  name="endsAt"
                  type="datetime-local"
                  required
                  className="field-input"
                  defaultValue={postFailure?.values.endsAt}
                />
              </Field>
            </div>
            <Field id="post-description" label={t("posts.field.description")} error={postFailure?.fieldErrors.description}>
              <textarea
                id="post-description"
                name="description"
                rows={2}
                maxLength={300}
                className="field-input"
                defaultValue={postFailure?.values.description}
              />
            </Field>
            <button type="submit" name="intent" value="create_post" className="btn-primary" disabled={busy}>
              {t("posts.publish")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
