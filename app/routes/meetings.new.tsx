import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { systemClock } from "../infra/clock";
import { createMeeting } from "../domain/meetings/planning.server";
import { can } from "../domain/permissions";
import { QUORUM_RULES } from "../domain/voting/tally";
import { localized } from "../i18n/config";
import { i18nServer } from "../i18n/i18next.server";
import { MEETING_FORMS, MeetingCreateSchema } from "../schemas/meetings";
import { currentCommunity } from "../web/community.server";
import { communitiesOf } from "../domain/communities/community-list.server";
import { getDb } from "../infra/db.server";
import { parseForm } from "../web/legacy-forms";
import { domainErrorResponse } from "../web/http.server";
import { requireUser } from "../web/session.server";
import { readFormData } from "../web/params.server";

export const meta: MetaFunction = () => [{ title: "新建议事会 New meeting · 议事 Yishi" }];

async function context(request: Request) {
  const user = await requireUser(request);
  const db = getDb();
  const community = await currentCommunity(request, await communitiesOf(db, user));
  if (!community || !can(user, "manage:meeting", { communityId: community.id, streetId: community.streetId }))
    throw new Response(null, { status: 403 });
  return { user, db, community };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, community, user } = await context(request);
  const hosts = await db.membership.findMany({
    where: { communityId: community.id, role: { in: ["meeting_host", "community_staff"] } },
    select: { userId: true, role: true, user: { select: { displayName: true } } },
    orderBy: { role: "asc" },
  });
  const seen = new Set<string>();
  return {
    community,
    hosts: hosts
      .filter((h) => !seen.has(h.userId) && seen.add(h.userId))
      .map((h) => ({ id: h.userId, name: h.user.displayName, role: h.role })),
    defaultHostId: hosts.find((h) => h.role === "meeting_host")?.userId ?? user.id,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { db, community, user } = await context(request);
  const t = await i18nServer.getFixedT(request);
  const parsed = parseForm(MeetingCreateSchema, await readFormData(request));
  if (!parsed.ok) {
    return data(
      {
        ok: false as const,
        formError: null,
        fieldErrors: Object.fromEntries(Object.entries(parsed.fieldErrors).map(([k, v]) => [k, t(v)])),
        values: parsed.values,
      },
      { status: 400 },
    );
  }
  try {
    const meeting = await createMeeting(db, systemClock, user, { ...parsed.data, communityId: community.id });
    return redirect(`/meetings/${meeting.id}`);
  } catch (error) {
    return domainErrorResponse(error, t);
  }
}

export default function NewMeetingPage() {
  const { community, hosts, defaultHostId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("meetings");
  const values: Record<string, string> = result && !result.ok ? (result.values ?? {}) : {};
  const errors: Record<string, string> = result && !result.ok ? (result.fieldErrors ?? {}) : {};
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
        {result && !result.ok && result.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {result.formError}
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
