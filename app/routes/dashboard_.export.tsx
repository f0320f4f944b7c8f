import { requireCommunityBySlug } from "../domain/communities/community-list.server";
import { invalid } from "../domain/errors";
import { communityDashboard } from "../domain/figures/figures.server";
import { localized } from "../i18n/config";
import { translatorFor } from "../i18n/i18next.server";
import { FiguresExportQuery } from "../schemas/figures";
import { requireMemberCommunity } from "../web/community.server";
import { dashboardQuery } from "../web/dashboard-query.server";
import { figureSheet, monthSheet, sheetResponse, unitSheet } from "../web/figures-export.server";
import { parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** A table of a community's dashboard (or one grid's) as CSV or XLSX, for the period and sort on the page. */
export const loader = defineLoader(async ({ request, context }) => {
  const { table, format } = parseSearchParams(request, FiguresExportQuery.passthrough());
  const { filters, period, sort } = dashboardQuery(request, context.clock.now());
  const { user, community } = filters.c
    ? { user: await requireUser(request), community: await requireCommunityBySlug(context.db, filters.c) }
    : await requireMemberCommunity(request, context.db);
  const { language, t } = await translatorFor(request, "figures");
  const data = await communityDashboard(context.db, context.clock, user, community, period, { gridCode: filters.grid, sort, language });
  const sheet =
    table === "grids"
      ? figureSheet(t("dashboard.grid"), data.grids, t)
      : table === "categories"
        ? figureSheet(t("dashboard.category"), data.categories, t)
        : table === "months"
          ? monthSheet(data.trend, t)
          : table === "units"
            ? unitSheet(data.units, t, language)
            : null;
  if (!sheet) throw invalid("figures:errors.export_invalid");
  const place = data.grid
    ? `${localized(language, community.nameZh, community.nameEn)}-${localized(language, data.grid.nameZh, data.grid.nameEn)}`
    : localized(language, community.nameZh, community.nameEn);
  const title = table === "months" ? "trend" : table;
  return sheetResponse(
    sheet,
    format,
    { readable: `${place}-${t(`dashboard.${title}`)}`, ascii: `${community.slug}-${table}` },
    context.clock.now(),
  );
});
