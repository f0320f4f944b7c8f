import type { Page, Response } from "@playwright/test";
import { expect } from "@playwright/test";

export const DEMO_PASSWORD = "yishi-demo";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
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
 * deeper the first detail page (an issue, a meeting, a unit…) each of those pages links to. Calls `visit`
 * once per page, right after it loaded; `visit` must not navigate away.
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
    const detail = await page
      .locator("main a[href^='/']")
      .evaluateAll((links) =>
        links
          .map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? "")
          .find((href) => /\/(issues|meetings|decisions|units)\/[^/?]+$/.test(href)),
      );
    if (detail && !pages.includes(detail)) pages.push(detail);
  }
  return pages;
}
