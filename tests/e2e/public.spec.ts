import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll } from "./helpers";
import type { CommunityWorld } from "./world";
import { communityWorld } from "./world";

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

test("a visitor without an account finds a community's issues, meetings and decisions", async ({ page }) => {
  const { slug, nameZh } = world.community;
  await page.goto("/");
  await page.getByRole("link", { name: nameZh }).first().click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/issues`));

  await page.getByRole("navigation", { name: "栏目" }).getByRole("link", { name: "社区公开" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(nameZh);
  await expect(page.getByRole("heading", { name: "决议公示" })).toBeVisible();
  // The community holds several meetings; take whichever council meeting is listed first.
  const meeting = page.getByRole("region", { name: "议事会" }).getByRole("link").first();
  await expect(meeting).toBeVisible();
  const title = (await meeting.textContent())?.trim() ?? "";
  expect(title.length).toBeGreaterThan(0);
  expect(await hasNoHorizontalScroll(page)).toBe(true);

  await meeting.click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/meetings/`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
});

test("the community page reads in English too, on a phone", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`/c/${world.secondCommunity.slug}`);
  await expect(page.getByRole("heading", { name: "Decisions on public notice" })).toBeVisible();
  await expect(page.getByText("Median days to resolve")).toBeVisible();
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  await context.close();
});
