import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { translationBackend } from "./i18n/client";
import { namespacesFor } from "./i18n/route-namespaces";
import { DEFAULT_LANGUAGE, i18nOptions } from "./i18n/config";

declare global {
  interface Window {
    __remixRouteModules: Record<string, { handle?: unknown } | undefined>;
  }
}

async function hydrate() {
  // The server already chose the language; the <html lang> it rendered is the source of truth. Only that
  // language's namespaces for this page are fetched before hydrating; a later page's are fetched as it
  // loads (navigations are transitions, so the current page stays until they arrive).
  await i18next
    .use(translationBackend)
    .use(initReactI18next)
    .init({
      ...i18nOptions,
      lng: document.documentElement.lang || DEFAULT_LANGUAGE,
      fallbackLng: false,
      ns: namespacesFor(window.__remixRouteModules),
      partialBundledLanguages: true,
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
