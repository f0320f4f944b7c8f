import { personalDataRows } from "../components/enrol/personal-data-rows";
import { toCsv } from "../domain/issues/csv";
import { myPersonalData } from "../domain/enrolment/personal-data.server";
import { translatorFor } from "../i18n/i18next.server";
import { chinaDateString } from "../infra/time";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** "Download my data" as a table (UTF-8 with BOM, so Excel shows Chinese): one line per thing kept. */
export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  const data = await myPersonalData(context.db, user);
  const { language, t } = await translatorFor(request, "enrol");
  const csv = toCsv([t("data.section"), t("data.item"), t("data.value")], personalDataRows(data, t, language));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="yishi-my-data-${chinaDateString(context.clock.now())}.csv"`,
      "Cache-Control": "no-store, private",
    },
  });
});
