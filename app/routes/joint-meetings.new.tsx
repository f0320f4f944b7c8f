import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { JointSeriesForm } from "../components/units/joint-series-form";
import { createSeries, seriesFormChoices } from "../domain/joint-meetings/series.server";
import { localized } from "../i18n/config";
import { JointSeriesSchema, seriesFormInput } from "../schemas/joint-meetings";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["units", "meetings", "issues"] };

export const meta: MetaFunction = () => [{ title: "新建联席会议 New joint-meeting series · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const choices = await seriesFormChoices(context.db, user, community.id);
  return { community, choices, defaultHostId: user.id };
});

export const action = defineAction(async ({ request, context, form }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  // Refused before the form is read: someone who may not plan meetings learns nothing from its errors.
  await seriesFormChoices(context.db, user, community.id);
  const input = parseForm(JointSeriesSchema, seriesFormInput(form));
  const series = await createSeries(context.db, context.clock, user, community.id, input);
  await pushNotificationCounts(context, series.notified);
  return redirect(`/joint-meetings/${series.id}`);
});

export default function NewJointSeriesPage() {
  const { community, choices, defaultHostId } = useLoaderData<typeof loader>();
  const failure = failureFor(useActionData<typeof action>());
  const { t, i18n } = useTranslation("units");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1>{t("jointMeetings.new")}</h1>
      <p className="text-ink-muted">{localized(i18n.language, community.nameZh, community.nameEn)}</p>
      <p>{t("jointMeetings.intro")}</p>
      <JointSeriesForm
        choices={choices}
        failure={failure}
        submitLabel={t("jointMeetings.create")}
        initial={{
          title: "",
          theme: "",
          place: "",
          frequency: "quarterly",
          monthInPeriod: 1,
          dayRule: "nth_weekday",
          ordinal: 1,
          weekday: 4,
          dayOfMonth: 1,
          time: "14:30",
          ahead: 2,
          hostId: defaultHostId,
          quorumRule: "more_than_half",
          seats: choices.units.map((unit) => ({
            unitId: unit.unitId,
            delegateId: unit.reps[0]?.id ?? null,
            substituteId: unit.reps[1]?.id ?? null,
          })),
        }}
      />
    </div>
  );
}
