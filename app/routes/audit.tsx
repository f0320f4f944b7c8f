import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describeAuditAction, describeRecordType } from "../components/audit/describe";
import { auditTrail } from "../domain/audit-trail/trail.server";
import { localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { AuditQuerySchema } from "../schemas/admin";
import { requireMemberCommunity } from "../web/community.server";
import { parseSearchParams } from "../web/params.server";
import { defineLoader } from "../web/route.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "admin", "people"] };

export const meta: MetaFunction = () => [{ title: "操作记录 Audit trail · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const { page, ...filters } = parseSearchParams(request, AuditQuerySchema);
  const trail = await auditTrail(context.db, user, community, filters, page);
  return { community, trail, filters };
});

export default function AuditPage() {
  const { community, trail, filters } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("admin");
  const lang = i18n.language;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, String(value));
    return params.toString();
  };
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1>{t("audit.title")}</h1>
          <p className="mt-1 text-ink-muted">
            {trail.street
              ? t("audit.intro_street")
              : t("audit.intro_community", { community: localized(lang, community.nameZh, community.nameEn) })}
          </p>
        </div>
        <a href={`/audit.csv?${query({})}`} className="btn-secondary" download>
          {t("audit.download")}
        </a>
      </div>

      <Form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("audit.filters")}>
        {filters.subject ? <input type="hidden" name="subject" value={filters.subject} /> : null}
        <div>
          <label htmlFor="actor" className="field-label">
            {t("audit.person")}
          </label>
          <select id="actor" name="actor" defaultValue={filters.actor ?? ""} className="field-input">
            <option value="">{t("audit.everyone")}</option>
            {trail.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {a.username}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="type" className="field-label">
            {t("audit.type")}
          </label>
          <select id="type" name="type" defaultValue={filters.type ?? ""} className="field-input">
            <option value="">{t("audit.all_types")}</option>
            {trail.types.map((type) => (
              <option key={type} value={type}>
                {describeRecordType(t, type)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="field-label">
            {t("audit.from")}
          </label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className="field-input" />
        </div>
        <div>
          <label htmlFor="to" className="field-label">
            {t("audit.to")}
          </label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className="field-input" />
        </div>
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn-primary">
            {t("audit.apply")}
          </button>
          {filtered ? (
            <Link to="/audit" className="btn-secondary">
              {t("audit.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p role="status">{t("audit.count", { count: trail.total })}</p>
      {trail.rows.length === 0 ? <p className="text-ink-muted">{t("audit.empty")}</p> : null}
      <ol className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {trail.rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-start justify-between gap-3 p-3" data-testid="audit-row">
            <div className="min-w-0">
              <p>
                <span className="font-semibold">
                  {row.actor ? row.actor.name : row.system ? t("audit.system") : t("audit.former_person")}
                </span>{" "}
                {describeAuditAction(t, row)}
              </p>
              <p className="text-sm text-ink-muted">
                <time dateTime={new Date(row.at).toISOString()}>{formatDateTime(row.at, lang)}</time> ·{" "}
                {describeRecordType(t, row.entityType)}
                {trail.street && row.community ? ` · ${localized(lang, row.community.nameZh, row.community.nameEn)}` : ""}
              </p>
            </div>
            {row.link ? (
              <Link to={row.link} className="btn-secondary">
                {t("audit.open_record")}
                <span className="sr-only">
                  {" "}
                  {describeRecordType(t, row.entityType)} · {formatDateTime(row.at, lang)}
                </span>
              </Link>
            ) : null}
          </li>
        ))}
      </ol>
      {trail.pages > 1 ? (
        <nav aria-label={t("audit.pages")} className="flex flex-wrap items-center gap-3">
          {trail.page > 1 ? (
            <Link to={`?${query({ page: String(trail.page - 1) })}`} className="btn-secondary">
              {t("audit.previous")}
            </Link>
          ) : null}
          <span>{t("audit.page_of", { page: trail.page, pages: trail.pages })}</span>
          {trail.page < trail.pages ? (
            <Link to={`?${query({ page: String(trail.page + 1) })}`} className="btn-secondary">
              {t("audit.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
