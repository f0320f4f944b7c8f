import type { MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../components/issues/pagination";
import { listNotifications, markNotificationsRead } from "../domain/notifications/centre.server";
import { formatDateTime } from "../infra/time";
import { MarkNotificationsSchema, NOTIFICATION_INTENTS, NotificationsQuery } from "../schemas/issues";
import { pushNotificationCounts } from "../web/notification-push.server";
import { parseSearchParams } from "../web/params.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { safeRedirect } from "../web/safe-redirect";
import { requireUser } from "../web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "figures", "issues", "units", "volunteering", "enrol"] };

export const meta: MetaFunction = () => [{ title: "通知 Notifications · 议事 Yishi" }];

export const loader = defineLoader(async ({ request, context }) => {
  const user = await requireUser(request);
  const { page } = parseSearchParams(request, NotificationsQuery);
  return { page, ...(await listNotifications(context.db, user.id, page)) };
});

export const action = defineAction(
  async ({ request, context, form }) => {
    const user = await requireUser(request);
    const link = await markNotificationsRead(context.db, context.clock, user.id, parseForm(MarkNotificationsSchema, form));
    await pushNotificationCounts(context, [user.id]);
    return redirect(safeRedirect(link, "/notifications"));
  },
  { intents: NOTIFICATION_INTENTS },
);

export default function NotificationsPage() {
  const { notifications, unread, page, pages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("issues");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1>{t("notifications.title")}</h1>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read_all" className="btn-secondary">
              {t("notifications.mark_all_read")}
            </button>
          </Form>
        ) : null}
      </div>
      <p className="text-ink-muted">{t("notifications.unread", { count: unread })}</p>
      {notifications.length === 0 ? (
        <p className="card text-ink-muted">{t("notifications.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {notifications.map((n) => {
            const values = {
              ...n.data,
              due: typeof n.data.dueAt === "string" ? formatDateTime(n.data.dueAt, i18n.language) : "",
              change: n.data.change ? t(`notifications.changes.${n.data.change}`, { defaultValue: String(n.data.change) }) : "",
            };
            const text = t(
              [
                `common:notifications.types.${n.type}`,
                `notifications.types.${n.type}`,
                `units:notifications.types.${n.type}`,
                `figures:notifications.types.${n.type}`,
                `volunteering:notifications.types.${n.type}`,
                `enrol:notifications.types.${n.type}`,
                "notifications.types.fallback",
              ],
              values,
            );
            return (
              <li key={n.id} className={`card ${n.readAt ? "" : "border-brand-600 bg-brand-50"}`}>
                <Form method="post" className="flex flex-wrap items-start justify-between gap-2">
                  <input type="hidden" name="id" value={n.id} />
                  <div>
                    <p className={n.readAt ? "" : "font-semibold"}>
                      {n.readAt ? null : <span className="sr-only">{t("notifications.new")} </span>}
                      {text}
                    </p>
                    <p className="text-sm text-ink-muted">
                      <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, i18n.language)}</time>
                    </p>
                  </div>
                  <button type="submit" name="intent" value="read" className="btn-secondary">
                    {t("notifications.open")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pages={pages} hrefFor={(p) => `?page=${p}`} />
    </div>
  );
}
