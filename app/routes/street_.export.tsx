import { forbidden, invalid } from "../domain/errors";
import { streetDashboard } from "../domain/figures/figures.server";
import { localized } from "../i18n/config";
import { translatorFor } from "../i18n/i18next.server";
import { FiguresExportQuery } from "../schemas/figures";
import { dashboardQuery } from "../web/dashboard-query.server";
import { figureSheet, monthSheet, sheetResponse, unitSheet } from "../web/figures-export.server";
import { parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** A table of the street dashboard as CSV or XLSX, for the period and sort on the page. */
export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  if (!user.streetAdminOfId) throw forbidden("figures:dashboard.no_street");
  const { table, format } = parseSearchParams(request, FiguresExportQuery.passthrough());
  const { period, sort } = dashboardQuery(request, context.clock.now());
  const { language, t } = await translatorFor(request, "figures");
  const data = await streetDashboard(context.db, context.clock, user, user.streetAdminOfId, period, sort, language);
  const sheet =
    table === "communities"
      ? figureSheet(t("dashboard.community"), data.communities, t, (row) => row.meetings)
      : table === "months"
        ? monthSheet(data.trend, t)
        : table === "units"
          ? unitSheet(data.units, t, language)
          : null;
  if (!sheet) throw invalid("figures:errors.export_invalid");
  const title = table === "months" ? "trend" : table;
  return sheetResponse(
    sheet,
    format,
    { readable: `${localized(language, data.street.nameZh, data.street.nameEn)}-${t(`dashboard.${title}`)}`, ascii: `street-${table}` },
    context.clock.now(),
  );
});
