import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useMatches, useRouteError } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { AppHeader } from "./components/app-header";
import { DEFAULT_LANGUAGE, localized } from "./i18n/config";
import { namespacesFor } from "./i18n/route-namespaces";
import { formatInstant } from "./infra/time";
import { i18nServer } from "./i18n/i18next.server";
import stylesheet from "./styles/app.css?url";
import { currentCommunity, viewerCommunities } from "./web/community.server";
import { enterRequestScope } from "./web/request-scope.server";
import { allCommunities } from "./domain/communities/community-list.server";
import { communitySlugInPath, navigationFor } from "./web/navigation";
import { textSizeOf } from "./web/text-size-cookie.server";
import { unreadCount } from "./domain/notifications/notify.server";
import { useNonce } from "./web/nonce";
import type { RootData } from "./web/root-data";
import type { RefusedPage } from "./web/route.server";
import { useRootData } from "./web/root-data";
import { getCurrentUser } from "./web/session.server";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["common", "meetings"] };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs): Promise<RootData> {
  const { db } = context;
  enterRequestScope(request, context);
  const [locale, user] = await Promise.all([i18nServer.getLocale(request), getCurrentUser(request)]);
  const communities = user ? await viewerCommunities(request, db, user) : await allCommunities(db);
  const community = user
    ? await currentCommunity(request, communities)
    : (communities.find((c) => c.slug === communitySlugInPath(new URL(request.url).pathname)) ?? null);
  return {
    locale,
    textSize: await textSizeOf(request),
    user: user ? { id: user.id, displayName: user.displayName, username: user.username } : null,
    communities,
    currentCommunityId: community?.id ?? null,
    nav: navigationFor(user, community),
    unreadNotifications: user ? await unreadCount(db, user.id) : 0,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? DEFAULT_LANGUAGE;
  const nonce = useNonce();
  const { i18n } = useTranslation();
  return (
    <html lang={locale} dir={i18n.dir(locale)} data-text-size={data?.textSize ?? "normal"} data-person={data?.user?.id}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-stone-50 text-ink antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRootData();
  useChangeLanguage(data?.locale ?? DEFAULT_LANGUAGE);
  const { t } = useTranslation();
  useRouteNamespaces();
  // Pages laid out for paper themselves (invitation letters, the volunteer certificate) carry their own
  // heading; the margin's lines would push each sheet's content onto another page.
  const printMargins = !useMatches().some((match) => (match.handle as { ownPrintLayout?: boolean } | undefined)?.ownPrintLayout);
  return (
    <>
      <a href="#main" className="skip-link">
        {t("shell.skip_to_content")}
      </a>
      <AppHeader />
      {printMargins ? <PrintMargin position="top" /> : null}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-6 focus:outline-none">
        <Outlet />
      </main>
      {printMargins ? <PrintMargin position="bottom" /> : null}
      <footer className="mx-auto flex w-full max-w-5xl flex-wrap justify-between gap-2 px-4 pb-8 pt-4 text-sm text-ink-muted">
        <span>{t("shell.footer")}</span>
        <Link to="/open-data" className="underline underline-offset-2">
          {t("shell.open_data")}
        </Link>
      </footer>
    </>
  );
}

/**
 * Loads every namespace the matched routes declare. After a client-side navigation the browser fetches only
 * what `useTranslation` asks for, and pages also read other namespaces through `ns:key` (an issue page's
 * clock is `figures:`), which showed raw keys. Asking here suspends the navigation's transition until they
 * have arrived, so the current page stays on screen meanwhile; on the server every namespace is bundled.
 */
function useRouteNamespaces() {
  const matches = useMatches();
  useTranslation(namespacesFor(Object.fromEntries(matches.map((match) => [match.id, { handle: match.handle }]))));
}

/**
 * What a printout carries in its margin (issue #14): the community's name and the day it was printed, China
 * time. Shown only in print (app.css); the date is set again just before printing, for a page left open.
 */
function PrintMargin({ position }: { position: "top" | "bottom" }) {
  const data = useRootData();
  const { t, i18n } = useTranslation();
  const [printedAt, setPrintedAt] = useState(() => new Date());
  useEffect(() => {
    const refresh = () => setPrintedAt(new Date());
    window.addEventListener("beforeprint", refresh);
    return () => window.removeEventListener("beforeprint", refresh);
  }, []);
  const community = data?.communities.find((c) => c.id === data.currentCommunityId);
  const name = community ? localized(i18n.language, community.nameZh, community.nameEn) : t("shell.app_name");
  return (
    <div
      className={`print-only mx-0 flex flex-wrap justify-between gap-x-4 border-stone-400 text-xs text-stone-700 ${position === "top" ? "mb-3 border-b pb-1" : "mt-3 border-t pt-1"}`}
      data-testid={`print-${position}`}
    >
      <span>{name}</span>
      <span>{t("shell.printed_on", { date: formatInstant(printedAt, i18n.language, "longDate") })}</span>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404
      ? "errors.page_not_found"
      : status === 403
        ? "errors.forbidden"
        : status === 400
          ? "errors.bad_request"
          : "errors.unexpected";
  if (!isRouteErrorResponse(error)) console.error(error);
  // A loader refused by the domain says why (defineLoader in web/route.server.ts).
  const refused = isRouteErrorResponse(error) ? (error.data as Partial<RefusedPage> | null) : null;
  const reason = refused && typeof refused.reason === "string" && refused.reason !== key ? t(refused.reason, refused.values ?? {}) : null;
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-6xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{t(key)}</h1>
      {reason ? <p className="mt-3 text-ink-muted">{reason}</p> : null}
      <a className="btn-primary mt-8 inline-flex" href="/">
        {t("shell.back_home")}
      </a>
    </main>
  );
}
