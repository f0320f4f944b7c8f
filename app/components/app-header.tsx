import { Form, Link, NavLink, useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../i18n/config";
import { useUnreadNotifications } from "../realtime/use-unread-notifications";
import { activeNavLink } from "../web/navigation";
import { useRootData } from "../web/root-data";

/** Site header: brand, community switcher, language switch and account menu. Works without JavaScript. */
export function AppHeader() {
  const data = useRootData();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const activeLink = activeNavLink(data?.nav ?? [], location.pathname);
  const unread = useUnreadNotifications(data?.unreadNotifications ?? 0, !!data?.user);
  // The account menu closes when its link has taken the person to another page (the header stays mounted).
  const accountMenu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (accountMenu.current) accountMenu.current.open = false;
  }, [location.pathname]);
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav aria-label={t("shell.main_navigation")} className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="mr-auto flex items-center gap-2 text-xl font-bold text-brand-700">
          <span aria-hidden="true" className="grid h-9 w-9 place-items-center rounded-lg bg-brand-600 text-white">
            议
          </span>
          <span>{t("shell.app_name")}</span>
        </Link>
        {data?.user && data.communities.length > 0 ? (
          <CommunitySwitcher
            communities={data.communities}
            currentId={data.currentCommunityId}
            language={i18n.language}
            redirectTo={here}
          />
        ) : null}
        <TextSizeSwitch redirectTo={here} large={data?.textSize === "large"} />
        <LanguageSwitch redirectTo={here} />
        {data?.user ? (
          <details className="relative" ref={accountMenu}>
            {/* The name spoken starts with the name shown (WCAG 2.5.3): voice users say what they see. */}
            <summary className="btn-secondary cursor-pointer list-none">
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 fill-current">
                <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm0 2c-4 0-7 2-7 4.5V18h14v-1.5C17 14 14 12 10 12Z" />
              </svg>
              <span className="max-w-[8rem] truncate">{data.user.displayName}</span>
              <span className="sr-only">{t("shell.account_menu")}</span>
            </summary>
            {/* On a phone the open menu takes its place in the header's flow (wrapping onto a line of its own if need
                be) rather than floating off the edge of the screen from wherever the button happens to sit. */}
            <div className="z-20 mt-2 w-56 rounded-lg border border-stone-200 bg-white p-3 shadow-lg sm:absolute sm:right-0">
              <p className="text-sm text-ink-muted">{t("shell.signed_in_as", { username: data.user.username })}</p>
              <Link to="/account" className="btn-secondary mt-3 w-full">
                {t("nav.account")}
              </Link>
              <Link to="/account/data" className="mt-3 block font-medium text-brand-700 underline underline-offset-2">
                {t("nav.my_data")}
              </Link>
              <Form method="post" action="/logout" className="mt-3">
                <button type="submit" className="btn-secondary w-full">
                  {t("shell.sign_out")}
                </button>
              </Form>
            </div>
          </details>
        ) : (
          <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="btn-primary">
            {t("shell.sign_in")}
          </Link>
        )}
      </nav>
      {data?.nav && data.nav.length > 0 ? (
        <nav aria-label={t("shell.sections")} className="border-t border-stone-100">
          <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1 gap-y-1 px-2 py-1">
            {data.nav.map((link) => {
              // One highlighted item: the most specific link for this address (activeNavLink).
              const isActive = link.to === activeLink;
              return (
                <li key={link.to}>
                  <Link
                    to={link.to}
                    aria-current={isActive ? "page" : undefined}
                    className={`inline-flex min-h-[44px] items-center rounded-lg px-3 font-medium hover:bg-stone-100 ${isActive ? "text-brand-700 underline underline-offset-4" : "text-ink"}`}
                  >
                    {t(link.label)}
                  </Link>
                </li>
              );
            })}
            {data.user ? (
              <li className="ml-auto">
                {/* No aria-label: the link is named by its visible words and count, plus "unread" for screen readers. */}
                <NavLink
                  to="/notifications"
                  className="inline-flex min-h-[44px] items-center gap-1 rounded-lg px-3 font-medium hover:bg-stone-100"
                >
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 fill-current">
                    <path d="M10 2a5 5 0 0 0-5 5v3l-1.5 3h13L15 10V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 18Z" />
                  </svg>
                  <span>{t("nav.notifications")}</span>
                  {unread > 0 ? (
                    <>
                      <span className="badge bg-brand-600 text-white">{unread}</span>
                      <span className="sr-only">{t("nav.unread")}</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

function TextSizeSwitch({ redirectTo, large }: { redirectTo: string; large: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/set-text-size" reloadDocument>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button
        type="submit"
        name="size"
        value={large ? "normal" : "large"}
        className="btn-secondary"
        aria-pressed={large}
        title={t("shell.larger_text")}
      >
        <span aria-hidden="true">A</span>
        <span aria-hidden="true" className="text-lg">
          A
        </span>
        <span className="sr-only">{t("shell.larger_text")}</span>
      </button>
    </Form>
  );
}

function LanguageSwitch({ redirectTo }: { redirectTo: string }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/set-language" reloadDocument>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button
        type="submit"
        name="language"
        value={other}
        lang={other}
        className="btn-secondary"
        aria-label={t("shell.switch_language_to", { language: other === "en" ? "English" : "简体中文" })}
      >
        {other === "en" ? "English" : "中文"}
      </button>
    </Form>
  );
}

function CommunitySwitcher(props: {
  communities: { id: string; slug: string; nameZh: string; nameEn: string }[];
  currentId: string | null;
  language: string;
  redirectTo: string;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const current = props.communities.find((c) => c.id === props.currentId);
  if (props.communities.length === 1 && current) {
    return <span className="font-medium">{localized(props.language, current.nameZh, current.nameEn)}</span>;
  }
  return (
    <Form method="post" action="/set-community" className="flex items-center gap-2">
      <input type="hidden" name="redirectTo" value={props.redirectTo} />
      <label htmlFor="community-switcher" className="sr-only">
        {t("shell.community")}
      </label>
      <select
        id="community-switcher"
        name="community"
        defaultValue={current?.slug}
        className="field-input w-auto py-1"
        onChange={(event) => submit(event.currentTarget.form)}
      >
        {props.communities.map((c) => (
          <option key={c.id} value={c.slug}>
            {localized(props.language, c.nameZh, c.nameEn)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="btn-secondary">
          {t("shell.switch")}
        </button>
      </noscript>
    </Form>
  );
}
