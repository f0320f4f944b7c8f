import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RowAction } from "../components/volunteering/row-action";
import { Field, FormError } from "../components/issues/form-bits";
import { DutyStatusBadge } from "../components/volunteering/wish-bits";
import { claimPost, confirmDutyHours, postPage, signInDuty, signOutDuty, withdrawDuty } from "../domain/volunteering/duties.server";
import { hoursOf } from "../domain/volunteering/rules";
import { localized } from "../i18n/config";
import { formatDateTime, formatNumber } from "../infra/time";
import { CheckInQuery, POST_INTENTS, PostIdParams, PostIntentSchema } from "../schemas/volunteering";
import { failureFor, firstError } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { parseParams, parseSearchParams } from "../web/params.server";
import { publicOrigin } from "../web/public-url.server";
import { qrCodeSvg } from "../web/qr-code.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "volunteering"] };

export const meta: MetaFunction = () => [{ title: "志愿岗位 Volunteer post · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { postId } = parseParams(params, PostIdParams);
  const user = await requireUser(request);
  const page = await postPage(context.db, user, postId);
  const { code } = parseSearchParams(request, CheckInQuery);
  // The poster at the place carries this page's address with its code: scanning it is the volunteer's sign-in.
  const qrSvg = page.checkInCode ? await qrCodeSvg(`${publicOrigin(request)}/volunteering/posts/${postId}?code=${page.checkInCode}`) : null;
  return { ...page, scannedCode: code ?? null, qrSvg };
});

export const action = defineAction(
  async ({ request, params, context, form }) => {
    const { postId } = parseParams(params, PostIdParams);
    const user = await requireUser(request);
    const input = parseForm(PostIntentSchema, form);
    const { db, clock } = context;
    let notified: string[] = [];
    switch (input.intent) {
      case "claim":
        await claimPost(db, clock, user, postId);
        break;
      case "withdraw":
        await withdrawDuty(db, clock, user, input.dutyId);
        break;
      case "sign_in":
        await signInDuty(db, clock, user, input.dutyId, input.code ?? null);
        break;
      case "sign_out":
        ({ notified } = await signOutDuty(db, clock, user, input.dutyId));
        break;
      case "confirm_hours":
        ({ notified } = await confirmDutyHours(db, clock, user, input.dutyId, { minutes: input.hours }));
        break;
      case "reject_duty":
        ({ notified } = await confirmDutyHours(db, clock, user, input.dutyId, { reject: true }));
        break;
    }
    await pushNotificationCounts(context, notified);
    return redirect(`/volunteering/posts/${postId}`);
  },
  { intents: POST_INTENTS },
);

export default function PostPage() {
  const { community, post, checkInCode, office, registered, myDuty, duties, scannedCode, qrSvg } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation("volunteering");
  const lang = i18n.language;
  // Chinese text takes the full-width colon, with no space after it.
  const colon = lang === "en" ? ": " : "：";
  const busy = useNavigation().state !== "idle";
  const hours = (minutes: number) => t("hours_value", { hours: formatNumber(hoursOf(minutes), lang) });
  const full = post.taken >= post.slots;
  const myError = firstError(
    failureFor(answer, "claim") ?? failureFor(answer, "sign_in") ?? failureFor(answer, "sign_out") ?? failureFor(answer, "withdraw"),
  );
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <p className="text-sm text-ink-muted">
          <Link to="/volunteering" className="underline underline-offset-2">
            {t("volunteering.title")} · {localized(lang, community.nameZh, community.nameEn)}
          </Link>
        </p>
        <h1>{localized(lang, post.titleZh, post.titleEn)}</h1>
        <p className="mt-1 text-ink-muted">
          {t(`post_kind.${post.kind}`)} · {post.place}
        </p>
        <p className="mt-1">
          {formatDateTime(post.startsAt, lang, true, true)} – {formatDateTime(post.endsAt, lang)}
        </p>
        <p className="mt-1">{full ? t("posts.full") : t("posts.slots_left", { count: post.slots - post.taken, total: post.slots })}</p>
        {post.description ? <p className="mt-2 whitespace-pre-line">{post.description}</p> : null}
      </div>

      <section className="card" aria-labelledby="my-duty-heading">
        <h2 id="my-duty-heading">{t("duties.my_duty")}</h2>
        <FormError message={myError} />
        {!myDuty || myDuty.status === "withdrawn" || myDuty.status === "rejected" ? (
          registered ? (
            <Form method="post" className="mt-2">
              <button type="submit" name="intent" value="claim" className="btn-primary" disabled={busy || full}>
                {t("duties.claim")}
              </button>
            </Form>
          ) : (
            <p className="mt-2">
              {t("wish.register_to_claim")}{" "}
              <Link to="/volunteering" className="font-semibold text-brand-700 underline underline-offset-2">
                {t("registration.title")}
              </Link>
            </p>
          )
        ) : (
          <div className="mt-2 space-y-2">
            <p>
              <DutyStatusBadge status={myDuty.status} />
              {myDuty.status === "confirmed" && myDuty.minutes ? <span className="ms-2">{hours(myDuty.minutes)}</span> : null}
            </p>
            {myDuty.status === "claimed" ? (
              <>
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="dutyId" value={myDuty.id} />
                  <Field id="check-in-code" label={t("duties.code_label")} hint={t("duties.code_hint")}>
                    <input
                      id="check-in-code"
                      name="code"
                      maxLength={12}
                      autoComplete="off"
                      className="field-input font-mono uppercase"
                      defaultValue={scannedCode ?? ""}
                      aria-describedby="check-in-code-hint"
                    />
                  </Field>
                  <button type="submit" name="intent" value="sign_in" className="btn-primary" disabled={busy}>
                    {t("duties.sign_in")}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="dutyId" value={myDuty.id} />
                  <button type="submit" name="intent" value="withdraw" className="btn-secondary" disabled={busy}>
                    {t("duties.withdraw")}
                  </button>
                </Form>
              </>
            ) : null}
            {myDuty.status === "signed_in" ? (
              <Form method="post">
                <input type="hidden" name="dutyId" value={myDuty.id} />
                <p className="mb-2">
                  {t("duties.signed_in_at", { time: myDuty.signedInAt ? formatDateTime(myDuty.signedInAt, lang) : "" })}
                </p>
                <button type="submit" name="intent" value="sign_out" className="btn-primary" disabled={busy}>
                  {t("duties.sign_out")}
                </button>
              </Form>
            ) : null}
            {myDuty.status === "signed_out" ? <p className="text-ink-muted">{t("duties.waiting_confirmation")}</p> : null}
          </div>
        )}
      </section>

      {office ? (
        <section className="card" aria-labelledby="roster-heading">
          <h2 id="roster-heading">{t("duties.roster")}</h2>
          <FormError message={firstError(failureFor(answer, "confirm_hours") ?? failureFor(answer, "reject_duty"))} />
          {duties.length === 0 ? <p className="mt-2 text-ink-muted">{t("duties.nobody_yet")}</p> : null}
          <ul className="mt-2 divide-y divide-stone-200">
            {duties.map((d) => (
              <li key={d.id} className="py-3">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">{d.name}</span>
                  <DutyStatusBadge status={d.status} />
                  {d.status === "confirmed" && d.minutes !== null ? <span>{hours(d.minutes)}</span> : null}
                </p>
                {d.signedInAt ? (
                  <p className="text-sm text-ink-muted">
                    {formatDateTime(d.signedInAt, lang)}
                    {d.signedOutAt ? ` – ${formatDateTime(d.signedOutAt, lang)}` : ""}
                  </p>
                ) : null}
                <div className="mt-2 flex flex-wrap items-end gap-2">
                  {d.status === "claimed" ? (
                    <RowAction
                      field="dutyId"
                      id={d.id}
                      intent="sign_in"
                      label={t("duties.sign_in_for_short")}
                      ariaLabel={t("duties.sign_in_for", { name: d.name })}
                      busy={busy}
                    />
                  ) : null}
                  {d.status === "signed_in" ? (
                    <RowAction
                      field="dutyId"
                      id={d.id}
                      intent="sign_out"
                      label={t("duties.sign_out_for_short")}
                      ariaLabel={t("duties.sign_out_for", { name: d.name })}
                      busy={busy}
                    />
                  ) : null}
                  {d.status === "signed_out" ? (
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="dutyId" value={d.id} />
                      <Field id={`hours-${d.id}`} label={t("hours.hours_label")}>
                        <input
                          id={`hours-${d.id}`}
                          name="hours"
                          inputMode="decimal"
                          maxLength={5}
                          className="field-input w-28"
                          defaultValue={d.proposedMinutes !== null ? String(hoursOf(d.proposedMinutes)) : ""}
                        />
                      </Field>
                      <button
                        type="submit"
                        name="intent"
                        value="confirm_hours"
                        className="btn-primary"
                        disabled={busy}
                        aria-label={t("hours.confirm_person", { name: d.name })}
                      >
                        {t("hours.confirm")}
                      </button>
                    </Form>
                  ) : null}
                  {d.status === "claimed" || d.status === "signed_in" || d.status === "signed_out" ? (
                    <RowAction
                      field="dutyId"
                      id={d.id}
                      intent="reject_duty"
                      label={t("duties.reject")}
                      ariaLabel={t("duties.reject_for", { name: d.name })}
                      busy={busy}
                    />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {office && qrSvg && checkInCode ? (
        <section className="card" aria-labelledby="qr-heading">
          <h2 id="qr-heading">{t("duties.qr_title")}</h2>
          <p className="mt-1 text-ink-muted">{t("duties.qr_lead")}</p>
          <div className="mt-2 flex flex-wrap items-center gap-4">
            <div className="h-40 w-40" role="img" aria-label={t("duties.qr_alt")} dangerouslySetInnerHTML={{ __html: qrSvg }} />
            <p className="text-2xl">
              {t("duties.code_label")}
              {colon}
              <span className="font-mono font-bold tracking-widest">{checkInCode}</span>
            </p>
          </div>
        </section>
      ) : null}
    </div>
  );
}
