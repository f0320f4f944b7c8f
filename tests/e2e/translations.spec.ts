import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { forEachPageReachableFromHeader, signIn } from "./helpers";

/**
 * i18next shows the key itself when a translation is missing. Walk every page a role can reach from the
 * header, in both languages, and look for text that is nothing but a key ("issues:triage.title", "errors.x").
 */
async function rawKeysOn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const keyLike = /^[a-z][a-z0-9_]*(:[a-z0-9_.]+|(\.[a-z0-9_]+)+)$/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      if (keyLike.test(text)) found.push(text);
    }
    for (const el of Array.from(document.querySelectorAll("[aria-label],[title],[placeholder]"))) {
      for (const attr of ["aria-label", "title", "placeholder"]) {
        const value = el.getAttribute(attr)?.trim();
        if (value && keyLike.test(value)) found.push(`${attr}=${value}`);
      }
    }
    return found;
  });
}

for (const language of ["zh-CN", "en"] as const) {
  test(`no untranslated keys on any page a person can reach (${language})`, async ({ browser }) => {
    test.setTimeout(180_000);
    for (const username of [null, "staff", "resident", "unitrep", "dept", "host", "expert"]) {
      const context = await browser.newContext({ locale: language, extraHTTPHeaders: { "Accept-Language": language } });
      const page = await context.newPage();
      if (username) await signIn(page, username);
      else await page.goto("/");
      await forEachPageReachableFromHeader(page, async (path, response) => {
        expect(response?.status(), `${username ?? "anonymous"} ${path}`).toBeLessThan(400);
        await expect(page.locator("html")).toHaveAttribute("lang", language);
        expect(await rawKeysOn(page), `${username ?? "anonymous"} ${path} (${language})`).toEqual([]);
      });
      await context.close();
    }
  });
}
