import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { formatDateTime } from "../infra/time";
import { systemClock } from "../infra/clock";
import { toCsv } from "../domain/issues/csv";
import { exportRows, findCommunityBySlug } from "../domain/issues/queries.server";
import { can } from "../domain/permissions";
import { i18nServer } from "../i18n/i18next.server";
import { localized } from "../i18n/config";
import { parseListQuery } from "../schemas/issues";
import { getDb } from "../infra/db.server";
import { requireUser } from "../web/session.server";
import { param } from "../web/params.server";
import { slug } from "../schemas/params";

/** Staff download the filtered list as CSV (UTF-8 with BOM, so Excel shows Chinese correctly). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const community = await findCommunityBySlug(db, param(params, "community", slug));
  if (!community) throw data(null, { status: 404 });
  if (!can(user, "export:issues", { communityId: community.id, streetId: community.streetId })) throw data(null, { status: 403 });
  const lang = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, "issues");
  const now = systemClock.now();
  const rows = await exportRows(db, community, parseListQuery(new URL(request.url).searchParams), now);
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
  const stamp = now.toISOString().slice(0, 10);
  const filename = `${community.slug}-issues-${stamp}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${community.nameZh}-事项-${stamp}.csv`)}`,
      "Cache-Control": "no-store",
    },
  });
}
