import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { PHONE, communityWorld } from "./world";

let world: CommunityWorld;
const DESKTOP = { viewport: { width: 1280, height: 900 } };

test.beforeAll(async () => {
  world = await communityWorld();
});

test("anyone reads what the open data holds and downloads a community's issues, on a phone and on a desktop", async ({ browser }) => {
  for (const [locale, device, heading, label] of [
    ["zh-CN", PHONE, "开放数据", "事项（CSV 格式）"],
    ["en", DESKTOP, "Open data", "Issues (CSV)"],
  ] as const) {
    const context = await browser.newContext({ locale, ...device });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: heading }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    expect(await seriousViolations(page, `open data (${locale})`)).toEqual([]);
    await keepScreenshot(page, `open-data-${locale}-${device === PHONE ? "phone" : "desktop"}`, { fullPage: true });

    const link = page.locator(`a[href="/open-data/c/${world.community.slug}/issues.csv"]`);
    await expect(link).toHaveText(label);
    const response = await page.request.get(`/open-data/c/${world.community.slug}/issues.csv`);
    expect(response.status()).toBe(200);
    const text = (await response.text()).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toBe(
      "community,number,title,category,category_zh,category_en,grid,grid_zh,grid_en,status,urgency,raised_at,responded_at,resolved_at,closed_at,me_too_count,rating_average",
    );
    await context.close();
  }
});
