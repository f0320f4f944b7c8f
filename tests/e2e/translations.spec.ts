import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { forEachPageReachableFromHeader } from "./helpers";
import type { CommunityWorld } from "./world";
import { communityWorld, signInAs } from "./world";

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

/** One community with a person in every role and something on every page (tests/e2e/world.ts). */
let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

for (const language of ["zh-CN", "en"] as const) {
  test(`no untranslated keys on any page a person can reach (${language})`, async ({ browser }) => {
    test.setTimeout(180_000);
    for (const username of [null, "staff", "resident", "unitrep", "dept", "host", "expert"] as const) {
      const context = await browser.newContext({ locale: language, extraHTTPHeaders: { "Accept-Language": language } });
      if (username) await signInAs(context, world.people[username]);
      const page = await context.newPage();
      await page.goto("/");
      await forEachPageReachableFromHeader(page, async (path, response) => {
        expect(response?.status(), `${username ?? "anonymous"} ${path}`).toBeLessThan(400);
        await expect(page.locator("html")).toHaveAttribute("lang", language);
        expect(await rawKeysOn(page), `${username ?? "anonymous"} ${path} (${language})`).toEqual([]);
      });
      await context.close();
    }
  });
}
