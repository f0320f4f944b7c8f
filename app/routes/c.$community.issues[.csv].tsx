import { toCsv } from "../domain/issues/csv";
import { issueExport } from "../domain/issues/list-page.server";
import { translatorFor } from "../i18n/i18next.server";
import { localized } from "../i18n/config";
import { chinaDateString, formatDateTime } from "../infra/time";
import { parseListQuery } from "../schemas/issues";
import { slug } from "../schemas/params";
import { param } from "../web/params.server";
import { defineLoader } from "../web/route.server";
import { requireUser } from "../web/session.server";

/** Staff download the filtered list as CSV (UTF-8 with BOM, so Excel shows Chinese correctly). */
export const loader = defineLoader(async ({ request, params, context }) => {
  const user = await requireUser(request);
  const filters = parseListQuery(new URL(request.url).searchParams);
  const { community, rows, now } = await issueExport(context.db, context.clock, user, param(params, "community", slug), filters);
  const { language: lang, t } = await translatorFor(request, "issues");
  const header = [
    "number",
    "title",
    "status",
    "category",
    "grid",
    "address",
    "urgency",
    "raised_at",
    "resolved_at",
    "escalated_to",
    "units",
    "overdue",
    "me_too",
  ].map((c) => t(`csv.${c}`));
  const csv = toCsv(
    header,
    rows.map((row) => [
      row.number,
      row.title,
      t(`common:issue_status.${row.status}`),
      localized(lang, row.category.nameZh, row.category.nameEn),
      row.grid ? `${row.grid.code} ${localized(lang, row.grid.nameZh, row.grid.nameEn)}` : "",
      row.address,
      t(`urgency.${row.urgency}`),
      formatDateTime(row.createdAt, lang),
      row.resolvedAt ? formatDateTime(row.resolvedAt, lang) : "",
      row.escalatedTo ? localized(lang, row.escalatedTo.nameZh, row.escalatedTo.nameEn) : "",
      [...new Set(row.actionItems.map((item) => localized(lang, item.unit.nameZh, item.unit.nameEn)))].join("；"),
      row.flags.includes("overdue") ? t("csv.yes") : "",
      row.meTooCount,
    ]),
  );
  // The date residents and staff live by (China time), and the file named in the reader's language.
  const stamp = chinaDateString(now);
  const filename = `${community.slug}-issues-${stamp}.csv`;
  const readableName = `${localized(lang, community.nameZh, community.nameEn)}-${t("figures:csv.issues_file")}-${stamp}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(readableName)}`,
      "Cache-Control": "no-store",
    },
  });
});
