import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, describedBy } from "../components/issues/form-bits";
import { WishStatusBadge } from "../components/volunteering/wish-bits";
import { WISH_CATEGORIES } from "../domain/wishes/rules";
import { postWish, wishWallPage } from "../domain/wishes/wishes.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { slug } from "../schemas/params";
import { WishSchema } from "../schemas/volunteering";
import { failureFor } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { param } from "../web/params.server";
import { publicPageHeaders } from "../web/public-page";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "volunteering"] };

/** Anyone may read the wall: shared caches may keep it briefly for anonymous readers (web/public-page.ts). */
export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [{ title: "微心愿 Small wishes · 议事 Yishi" }];

/** The wish wall: public; residents, grid workers and staff post wishes; staff review them. */
export const loader = defineLoader(async ({ request, params, context }) =>
  wishWallPage(context.db, context.clock, await getCurrentUser(request), param(params, "community", slug)),
);

export const action = defineAction(async ({ request, params, context, form }) => {
  const user = await requireUser(request);
  const { community } = await wishWallPage(context.db, context.clock, user, param(params, "community", slug));
  const input = parseForm(WishSchema, form);
  const { id, notified } = await postWish(context.db, context.clock, user, community, input);
  await pushNotificationCounts(context, notified);
  return redirect(`/wishes/${id}`);
});

export default function WishWallPage() {
  const { community, wall, queue, mine, canPost, onBehalf, canReview, unclaimedDays } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failure = failureFor(answer);
  const { t, i18n } = useTranslation("volunteering");
  const lang = i18n.language;
  const busy = useNavigation().state !== "idle";
  const typed = failure?.values ?? {};
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1>{t("wishes.title")}</h1>
        <p className="mt-1 text-ink-muted">{t("wishes.lead", { community: localized(lang, community.nameZh, community.nameEn) })}</p>
      </div>

      {canReview && queue.length > 0 ? (
        <section className="card border-amber-300 bg-amber-50" aria-labelledby="queue-heading">
          <h2 id="queue-heading">{t("wishes.queue")}</h2>
          <ul className="mt-2 divide-y divide-amber-200">
            {queue.map((wish) => (
              <li key={wish.id} className="py-2">
                <Link to={`/wishes/${wish.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {wish.title}
                </Link>{" "}
                <WishStatusBadge status={wish.status} />
                {wish.staleSince ? (
                  <span className="badge ms-1 bg-red-100 text-red-900">{t("wishes.unclaimed_flag", { days: unclaimedDays })}</span>
                ) : null}
                <p className="text-sm text-ink-muted">
                  {wish.publicName} · {t("wishes.building", { building: wish.building })} ·{" "}
                  {t("wishes.waiting_days", { count: wish.waitingDays })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="wall-heading">
        <h2 id="wall-heading">{t("wishes.wall")}</h2>
        {wall.length === 0 ? <p className="card mt-2 text-ink-muted">{t("wishes.wall_empty")}</p> : null}
        <ul className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
          {wall.map((wish) => (
            <li key={wish.id} className="card">
              <p className="flex flex-wrap items-center gap-2">
                <WishStatusBadge status={wish.status} />
                <span className="text-sm text-ink-muted">{t(`wish_category.${wish.category}`)}</span>
              </p>
              <h3 className="mt-1 text-lg font-semibold">
                <Link to={`/wishes/${wish.id}`} className="text-brand-700 underline underline-offset-2">
                  {wish.title}
                </Link>
              </h3>
              <p className="text-ink-muted">
                {wish.publicName} · {t("wishes.building", { building: wish.building })}
                {wish.valueCap ? ` · ${t("wishes.value_cap_value", { amount: wish.valueCap })}` : ""}
              </p>
              {wish.claimedUnit ? (
                <p className="mt-1 text-sm">
                  {t("wishes.claimed_by_unit", { unit: localized(lang, wish.claimedUnit.nameZh, wish.claimedUnit.nameEn) })}
                </p>
              ) : null}
              {wish.thanks ? <p className="mt-1 text-sm italic">“{wish.thanks}”</p> : null}
            </li>
          ))}
        </ul>
      </section>

      {mine.length > 0 ? (
        <section className="card" aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t("wishes.mine")}</h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {mine.map((wish) => (
              <li key={wish.id} className="py-2">
                <Link to={`/wishes/${wish.id}`} className="font-semibold text-brand-700 underline underline-offset-2">
                  {wish.title}
                </Link>{" "}
                <WishStatusBadge status={wish.status} />
                <span className="ms-2 text-sm text-ink-muted">{formatDateTime(wish.createdAt, lang, false)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canPost ? (
        <section className="card" aria-labelledby="post-heading">
          <h2 id="post-heading">{onBehalf ? t("wishes.post_on_behalf") : t("wishes.post")}</h2>
          <p className="mt-1 text-ink-muted">{t("wishes.post_lead")}</p>
          <Form method="post" className="mt-3 space-y-3">
            <FormError message={failure?.formError} />
            <Field id="wish-title" label={t("wishes.field.title")} error={failure?.fieldErrors.title}>
              <input id="wish-title" name="title" required maxLength={40} className="field-input" defaultValue={typed.title} />
            </Field>
            <Field id="wish-category" label={t("wishes.field.category")} error={failure?.fieldErrors.category}>
              <select id="wish-category" name="category" className="field-input" defaultValue={typed.category ?? "item"}>
                {WISH_CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {t(`wish_category.${category}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="wish-description" label={t("wishes.field.description")} error={failure?.fieldErrors.description}>
              <textarea
                id="wish-description"
                name="description"
                rows={3}
                maxLength={300}
                className="field-input"
                defaultValue={typed.description}
              />
            </Field>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <Field
                id="wish-public-name"
                label={t("wishes.field.public_name")}
                hint={t("wishes.field.public_name_hint")}
                error={failure?.fieldErrors.publicName}
              >
                <input
                  id="wish-public-name"
                  name="publicName"
                  required
                  maxLength={8}
                  className="field-input"
                  defaultValue={typed.publicName}
                  aria-describedby={describedBy("wish-public-name", failure?.fieldErrors.publicName, "hint")}
                />
              </Field>
              <Field
                id="wish-building"
                label={t("wishes.field.building")}
                hint={t("wishes.field.building_hint")}
                error={failure?.fieldErrors.building}
              >
                <input
                  id="wish-building"
                  name="building"
                  required
                  maxLength={10}
                  inputMode="numeric"
                  className="field-input"
                  defaultValue={typed.building}
                  aria-describedby={describedBy("wish-building", failure?.fieldErrors.building, "hint")}
                />
              </Field>
              <Field
                id="wish-value-cap"
                label={t("wishes.field.value_cap")}
                hint={t("wishes.field.value_cap_hint")}
                error={failure?.fieldErrors.valueCap}
              >
                <input
                  id="wish-value-cap"
                  name="valueCap"
                  inputMode="numeric"
                  maxLength={5}
                  className="field-input"
                  defaultValue={typed.valueCap}
                  aria-describedby={describedBy("wish-value-cap", failure?.fieldErrors.valueCap, "hint")}
                />
              </Field>
            </div>
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("wishes.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
