import { describeAuditAction, describeRecordType } from "../components/audit/describe";
import { auditExport } from "../domain/audit-trail/trail.server";
import { toCsv } from "../domain/issues/csv";
import { localized } from "../i18n/config";
import { translatorFor } from "../i18n/i18next.server";
import { chinaDateString, formatDateTime } from "../infra/time";
import { AuditQuerySchema } from "../schemas/admin";
import { requireMemberCommunity } from "../web/community.server";
import { parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";

/** The audit trail as filtered on its page, as CSV (UTF-8 with BOM, so Excel shows Chinese correctly). */
export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const { page: _page, ...filters } = parseSearchParams(request, AuditQuerySchema);
  const rows = await auditExport(context.db, user, community, filters);
  const { language: lang, t } = await translatorFor(request, "admin");
  const csv = toCsv(
    ["time", "person", "username", "action", "type", "record", "community", "code"].map((c) => t(`audit.csv.${c}`)),
    rows.map((row) => [
      formatDateTime(row.at, lang),
      row.actor ? row.actor.name : row.system ? t("audit.system") : t("audit.former_person"),
      row.actor?.username ?? "",
      describeAuditAction(t, row),
      describeRecordType(t, row.entityType),
      row.entityId,
      row.community ? localized(lang, row.community.nameZh, row.community.nameEn) : "",
      row.action,
    ]),
  );
  const stamp = chinaDateString(context.clock.now());
  const filename = `${community.slug}-audit-${stamp}.csv`;
  const readableName = `${localized(lang, community.nameZh, community.nameEn)}-${t("audit.csv.file")}-${stamp}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(readableName)}`,
      "Cache-Control": "no-store",
    },
  });
});
