import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { JointSeriesForm } from "../components/units/joint-series-form";
import { seriesFormChoices, seriesPage, updateSeries } from "../domain/joint-meetings/series.server";
import { forbidden } from "../domain/errors";
import { JointSeriesSchema, SeriesIdParams, seriesFormInput } from "../schemas/joint-meetings";
import { failureFor } from "../web/forms";
import { pushNotificationCounts } from "../web/notification-push.server";
import { parseParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["units", "meetings", "issues"] };

export const meta: MetaFunction = () => [{ title: "修改联席会议 Edit joint-meeting series · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, params, context }) => {
  const { seriesId } = parseParams(params, SeriesIdParams);
  const user = await requireUser(request);
  const page = await seriesPage(context.db, context.clock, user, seriesId);
  if (!page.mayManage) throw forbidden("units:jointMeetings.errors.forbidden");
  const choices = await seriesFormChoices(context.db, user, page.series.communityId);
  return { series: page.series, seats: page.seats, choices };
});

export const action = defineAction(async ({ request, params, context, form }) => {
  const { seriesId } = parseParams(params, SeriesIdParams);
  const user = await requireUser(request);
  const page = await seriesPage(context.db, context.clock, user, seriesId);
  // Refused before the form is read: someone who may not plan meetings learns nothing from its errors.
  if (!page.mayManage) throw forbidden("units:jointMeetings.errors.forbidden");
  const input = parseForm(JointSeriesSchema, seriesFormInput(form));
  const { notified } = await updateSeries(context.db, context.clock, user, seriesId, input);
  await pushNotificationCounts(context, notified);
  return redirect(`/joint-meetings/${seriesId}`);
});

export default function EditJointSeriesPage() {
  const { series, seats, choices } = useLoaderData<typeof loader>();
  const failure = failureFor(useActionData<typeof action>());
  const { t } = useTranslation("units");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1>{t("jointMeetings.edit")}</h1>
      <JointSeriesForm
        choices={choices}
        failure={failure}
        submitLabel={t("jointMeetings.save")}
        initial={{
          ...series,
          seats: seats.map((s) => ({ unitId: s.unitId, delegateId: s.delegateId, substituteId: s.substituteId })),
        }}
      />
    </div>
  );
}
