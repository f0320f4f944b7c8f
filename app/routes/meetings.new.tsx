import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { communitiesOf } from "../domain/communities/community-list.server";
import { newMeetingPage, planningCommunity } from "../domain/meetings/new-meeting-page.server";
import { createMeeting } from "../domain/meetings/planning.server";
import { QUORUM_RULES } from "../domain/voting/tally";
import { localized } from "../i18n/config";
import { MEETING_FORMS, MeetingCreateSchema } from "../schemas/meetings";
import { currentCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["meetings"] };

export const meta: MetaFunction = () => [{ title: "新建议事会 New meeting · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  return newMeetingPage(context.db, user, await currentCommunity(request, await communitiesOf(context.db, user)));
});

export const action = defineAction(async ({ request, context, form }) => {
  const user = await requireUser(request);
  // Refused before the form is read: someone who may not plan meetings learns nothing from its errors.
  const community = planningCommunity(user, await currentCommunity(request, await communitiesOf(context.db, user)));
  const input = parseForm(MeetingCreateSchema, form);
  const meeting = await createMeeting(context.db, context.clock, user, { ...input, communityId: community.id });
  return redirect(`/meetings/${meeting.id}`);
});

export default function NewMeetingPage() {
  const { community, hosts, defaultHostId } = useLoaderData<typeof loader>();
  const failure = failureFor(useActionData<typeof action>());
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("meetings");
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const field = (name: string) => ({
    id: name,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const error = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1>{t("plan.title")}</h1>
      <p className="text-ink-muted">{localized(i18n.language, community.nameZh, community.nameEn)}</p>
      <Form method="post" className="card space-y-5" noValidate>
        {failure?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {failure.formError}
          </p>
        ) : null}
        <div>
          <label htmlFor="title" className="field-label">
            {t("plan.meetingTitle")}
          </label>
          <input {...field("title")} className="field-input" required maxLength={120} defaultValue={values.title ?? ""} />
          {error("title")}
        </div>
        <fieldset>
          <legend className="field-label">{t("plan.form")}</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {MEETING_FORMS.map((form) => (
              <label key={form} className="flex min-h-[44px] items-center gap-2 rounded-lg border border-stone-300 px-3 py-2">
                <input
                  type="radio"
                  name="form"
                  value={form}
                  defaultChecked={(values.form ?? "roundtable") === form}
                  className="h-5 w-5 accent-brand-600"
                />
                <span>
                  {t(`forms.${form}`)}
                  <span className="block text-sm text-ink-muted">{t(`formHints.${form}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {error("form")}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="startsAt" className="field-label">
              {t("plan.startsAt")}
            </label>
            <input {...field("startsAt")} type="datetime-local" className="field-input" required defaultValue={values.startsAt ?? ""} />
            {error("startsAt")}
          </div>
          <div>
            <label htmlFor="place" className="field-label">
              {t("plan.place")}
            </label>
            <input {...field("place")} className="field-input" required maxLength={120} defaultValue={values.place ?? ""} />
            {error("place")}
          </div>
          <div>
            <label htmlFor="hostId" className="field-label">
              {t("plan.host")}
            </label>
            <select {...field("hostId")} className="field-input" defaultValue={values.hostId ?? defaultHostId}>
              {hosts.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
            {error("hostId")}
          </div>
          <div>
            <label htmlFor="quorumRule" className="field-label">
              {t("plan.quorumRule")}
            </label>
            <select {...field("quorumRule")} className="field-input" defaultValue={values.quorumRule ?? "more_than_half"}>
              {QUORUM_RULES.map((rule) => (
                <option key={rule} value={rule}>
                  {t(`quorumRules.${rule}`)}
                </option>
              ))}
            </select>
            {error("quorumRule")}
          </div>
          <div>
            <label htmlFor="speakerMinutes" className="field-label">
              {t("plan.speakerMinutes")}
            </label>
            <input
              {...field("speakerMinutes")}
              type="number"
              min={1}
              max={30}
              className="field-input"
              defaultValue={values.speakerMinutes ?? "3"}
            />
            {error("speakerMinutes")}
          </div>
        </div>
        <label className="flex min-h-[44px] items-center gap-2">
          <input
            type="checkbox"
            name="addStandingRoll"
            defaultChecked={values.addStandingRoll !== undefined ? values.addStandingRoll === "on" : true}
            className="h-5 w-5 accent-brand-600"
          />
          {t("plan.addStandingRoll")}
        </label>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state !== "idle"}>
          {t("plan.create")}
        </button>
      </Form>
    </div>
  );
}
