import type { Page, Response } from "@playwright/test";
import { expect } from "@playwright/test";

/** Signs in through the real sign-in page, for tests where signing in is part of the story. */
export async function signIn(page: Page, person: { username: string; password: string }) {
  await page.goto("/login");
  await page.locator("#username").fill(person.username);
  await page.locator("#password").fill(person.password);
  await page.locator('form[method="post"] button[type="submit"]').last().click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** True when nothing sticks out sideways (the page needs no horizontal scrolling). */
export async function hasNoHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function sectionLinks(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator("header nav a")
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  return hrefs.filter((href) => href.startsWith("/") && !href.startsWith("/login"));
}

/**
 * Walks what a person reaches from the header: the home page, every section linked there, and one level
 * deeper the first detail page of each kind (an issue, a meeting, a decision, a unit…) each of those pages
 * links to. Calls `visit` once per page, right after it loaded; `visit` must not navigate away.
 */
export async function forEachPageReachableFromHeader(
  page: Page,
  visit: (path: string, response: Response | null) => Promise<void>,
): Promise<string[]> {
  if (!page.url().startsWith("http")) await page.goto("/");
  const sections = [...new Set(["/", ...(await sectionLinks(page))])];
  const pages = [...sections];
  for (let i = 0; i < pages.length; i++) {
    const response = await page.goto(pages[i]);
    await visit(pages[i], response);
    if (i >= sections.length) continue;
    const details = await page.locator("main a[href^='/']").evaluateAll((links) => {
      const firstOfEachKind = new Map<string, string>();
      for (const a of links) {
        const href = (a as HTMLAnchorElement).getAttribute("href") ?? "";
        const kind = /\/(issues|meetings|decisions|units)\/[^/?]+$/.exec(href)?.[1];
        if (kind && !firstOfEachKind.has(kind)) firstOfEachKind.set(kind, href);
      }
      return [...firstOfEachKind.values()];
    });
    for (const detail of details) if (!pages.includes(detail)) pages.push(detail);
  }
  return pages;
}
