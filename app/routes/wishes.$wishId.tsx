import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "../components/issues/form-bits";
import { WishStatusBadge } from "../components/volunteering/wish-bits";
import { photoUrl, thumbnailUrl } from "../domain/uploads/photo-urls";
import { MAX_PHOTOS_PER_FULFILMENT } from "../domain/wishes/rules";
import { claimWish, confirmWish, fulfilWish, releaseWish, reviewWish, wishPage } from "../domain/wishes/wishes.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { WISH_INTENTS, WishIdParams, WishIntentSchema } from "../schemas/volunteering";
import { failureFor, firstError } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { parseParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { getCurrentUser, requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "volunteering"] };

export const meta: MetaFunction = () => [{ title: "微心愿 Small wish · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { wishId } = parseParams(params, WishIdParams);
  return wishPage(context.db, await getCurrentUser(request), wishId);
});

export const action = defineAction(
  async ({ request, params, context, form, files }) => {
    const { wishId } = parseParams(params, WishIdParams);
    const user = await requireUser(request);
    const input = parseForm(WishIntentSchema, form);
    const { db, clock } = context;
    let notified: string[];
    switch (input.intent) {
      case "approve":
        ({ notified } = await reviewWish(db, clock, user, wishId, { approve: true }));
        break;
      case "decline":
        ({ notified } = await reviewWish(db, clock, user, wishId, { approve: false, reason: input.reason }));
        break;
      case "claim":
        ({ notified } = await claimWish(db, clock, user, wishId, input.unitId ?? null));
        break;
      case "release":
        ({ notified } = await releaseWish(db, clock, user, wishId));
        break;
      case "fulfil":
        ({ notified } = await fulfilWish(
          db,
          clock,
          context.storage,
          user,
          wishId,
          input,
          files.filter((file) => file.field === "photos"),
        ));
        break;
      case "confirm":
        ({ notified } = await confirmWish(db, clock, user, wishId, input));
        break;
    }
    await pushNotificationCounts(context, notified);
    return redirect(`/wishes/${wishId}`);
  },
  { multipart: true, intents: WISH_INTENTS },
);

export default function WishPage() {
  const { community, wish, photos, can } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("volunteering");
  const lang = i18n.language;
  // Chinese text takes the full-width colon, with no space after it.
  const colon = lang === "en" ? ": " : "：";
  const busy = useNavigation().state !== "idle";
  const declineFailure = failureFor(answer, "decline");
  const fulfilFailure = failureFor(answer, "fulfil");
  const confirmFailure = failureFor(answer, "confirm");
  const otherError = firstError(failureFor(answer, "approve") ?? failureFor(answer, "claim") ?? failureFor(answer, "release"));
  const claimedBy = wish.claimedUnit
    ? localized(lang, wish.claimedUnit.nameZh, wish.claimedUnit.nameEn)
    : (wish.claimerName ?? (wish.claimedAt ? t("wish.a_volunteer") : null));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm text-ink-muted">
          <Link to={`/c/${community.slug}/wishes`} className="underline underline-offset-2">
            {t("wishes.title")} · {localized(lang, community.nameZh, community.nameEn)}
          </Link>
        </p>
        <h1>{wish.title}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-ink-muted">
          <WishStatusBadge status={wish.status} />
          <span>{t(`wish_category.${wish.category}`)}</span>
          <span>
            {wish.publicName} · {t("wishes.building", { building: wish.building })}
          </span>
          {wish.valueCap ? <span>{t("wishes.value_cap_value", { amount: wish.valueCap })}</span> : null}
        </p>
        {wish.staleSince ? <p className="mt-2 rounded-lg bg-red-50 p-2 text-red-900">{t("wish.stale_notice")}</p> : null}
        {wish.description ? <p className="mt-3 whitespace-pre-line">{wish.description}</p> : null}
      </div>

      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("wish.progress")}</h2>
        <ol className="mt-2 space-y-1">
          <li>{t("wish.step_posted", { date: formatDateTime(wish.createdAt, lang) })}</li>
          {wish.claimedAt && claimedBy ? (
            <li>{t("wish.step_claimed", { who: claimedBy, date: formatDateTime(wish.claimedAt, lang) })}</li>
          ) : null}
          {wish.fulfilledAt ? <li>{t("wish.step_fulfilled", { date: formatDateTime(wish.fulfilledAt, lang) })}</li> : null}
          {wish.confirmedAt ? <li>{t("wish.step_confirmed", { date: formatDateTime(wish.confirmedAt, lang) })}</li> : null}
        </ol>
        {wish.declineReason ? (
          <p className="mt-2">
            {t("wish.declined_because")}
            {colon}
            {wish.declineReason}
          </p>
        ) : null}
        {wish.fulfilmentNote ? <p className="mt-2 whitespace-pre-line">{wish.fulfilmentNote}</p> : null}
        {wish.thanks ? (
          <blockquote className="mt-3 border-s-4 border-green-400 ps-3 italic">
            {t("wish.thanks_from", { name: wish.publicName })}
            {colon}
            {wish.thanks}
          </blockquote>
        ) : null}
        {photos.length > 0 ? (
          <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("wish.photos")}>
            {photos.map((photo, index) => (
              <li key={photo.storageKey}>
                <a href={photoUrl(photo.storageKey)}>
                  <img
                    src={thumbnailUrl(photo.storageKey)}
                    alt={t("wish.photo_alt", { n: index + 1 })}
                    className="h-28 w-28 rounded-lg object-cover"
                    loading="lazy"
                  />
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <FormError message={otherError} />

      {can.review ? (
        <section className="card" aria-labelledby="review-heading">
          <h2 id="review-heading">{t("wish.review")}</h2>
          <Form method="post" className="mt-2">
            <button type="submit" name="intent" value="approve" className="btn-primary" disabled={busy}>
              {t("wish.approve")}
            </button>
          </Form>
          <Form method="post" className="mt-4 space-y-2">
            <FormError message={declineFailure?.formError} />
            <Field id="decline-reason" label={t("wish.decline_reason")} error={declineFailure?.fieldErrors.reason}>
              <textarea
                id="decline-reason"
                name="reason"
                rows={2}
                maxLength={200}
                className="field-input"
                defaultValue={declineFailure?.values.reason}
              />
            </Field>
            <button type="submit" name="intent" value="decline" className="btn-secondary" disabled={busy}>
              {t("wish.decline")}
            </button>
          </Form>
        </section>
      ) : null}

      {can.claimAsVolunteer || can.claimForUnits.length > 0 ? (
        <section className="card" aria-labelledby="claim-heading">
          <h2 id="claim-heading">{t("wish.claim_heading")}</h2>
          <p className="mt-1 text-ink-muted">{t("wish.claim_lead")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {can.claimAsVolunteer ? (
              <Form method="post">
                <button type="submit" name="intent" value="claim" className="btn-primary" disabled={busy}>
                  {t("wish.claim_myself")}
                </button>
              </Form>
            ) : null}
            {can.claimForUnits.map((unit) => (
              <Form method="post" key={unit.id}>
                <input type="hidden" name="unitId" value={unit.id} />
                <button type="submit" name="intent" value="claim" className="btn-secondary" disabled={busy}>
                  {t("wish.claim_for_unit", { unit: localized(lang, unit.nameZh, unit.nameEn) })}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : can.needsRegistration ? (
        <p className="card">
          {t("wish.register_to_claim")}{" "}
          <Link to="/volunteering" className="font-semibold text-brand-700 underline underline-offset-2">
            {t("volunteering.title")}
          </Link>
        </p>
      ) : null}

      {can.fulfil ? (
        <section className="card" aria-labelledby="fulfil-heading">
          <h2 id="fulfil-heading">{t("wish.fulfil_heading")}</h2>
          <Form method="post" encType="multipart/form-data" className="mt-2 space-y-3">
            <FormError message={firstError(fulfilFailure)} />
            <Field id="fulfil-photos" label={t("wish.photo_label")} hint={t("wish.photo_hint", { max: MAX_PHOTOS_PER_FULFILMENT })}>
              <input
                id="fulfil-photos"
                name="photos"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif"
                multiple
                required
                className="field-input"
                aria-describedby="fulfil-photos-hint"
              />
            </Field>
            <Field id="fulfil-note" label={t("wish.fulfil_note")}>
              <textarea
                id="fulfil-note"
                name="note"
                rows={2}
                maxLength={300}
                className="field-input"
                defaultValue={fulfilFailure?.values.note}
              />
            </Field>
            <button type="submit" name="intent" value="fulfil" className="btn-primary" disabled={busy}>
              {t("wish.fulfil")}
            </button>
          </Form>
          <Form method="post" className="mt-3">
            <button type="submit" name="intent" value="release" className="btn-secondary" disabled={busy}>
              {t("wish.release")}
            </button>
          </Form>
        </section>
      ) : can.release ? (
        <Form method="post">
          <button type="submit" name="intent" value="release" className="btn-secondary" disabled={busy}>
            {t("wish.release")}
          </button>
        </Form>
      ) : null}

      {can.confirm ? (
        <section className="card" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">{t("wish.confirm_heading")}</h2>
          <Form method="post" className="mt-2 space-y-3">
            <FormError message={firstError(confirmFailure)} />
            <Field id="confirm-thanks" label={t("wish.thanks_label")}>
              <textarea
                id="confirm-thanks"
                name="thanks"
                rows={2}
                maxLength={200}
                className="field-input"
                defaultValue={confirmFailure?.values.thanks}
              />
            </Field>
            <button type="submit" name="intent" value="confirm" className="btn-primary" disabled={busy}>
              {t("wish.confirm")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
