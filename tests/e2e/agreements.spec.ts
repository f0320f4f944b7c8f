import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { PHONE, communityWorld, personIn } from "./world";

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** A calendar date in China, `days` from today. */
function chinaDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

test("staff record a cooperation agreement on a phone and see it on the unit page", async ({ browser }) => {
  const { context, page } = await personIn(browser, world.people.staff, { context: PHONE });
  const title = `校社共建协议 ${Date.now()}`;
  await page.goto(`/units/${world.units.property.id}/agreements`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("杭州北山物业服务有限公司的共建协议");
  // A term that ends before it starts is refused next to the field, and what was typed stays.
  await page.getByLabel("协议名称").fill(title);
  await page.getByLabel("开始日期").fill(chinaDay(0));
  await page.getByLabel("结束日期").fill(chinaDay(-1));
  await page.getByLabel("共建承诺（每行一条）").fill("周末错时开放操场\n共建青少年志愿服务队");
  await page.getByLabel("社区方签约人姓名").fill("陈晓燕");
  await page.getByLabel("社区方签约人职务").fill("社区党委书记");
  await page.getByLabel("单位方签约人姓名").fill("李校长");
  await page.getByLabel("单位方签约人职务").fill("校长");
  await page.getByRole("button", { name: "登记协议" }).click();
  await expect(page.getByText("结束日期不能早于开始日期。")).toBeVisible();
  await expect(page.getByLabel("协议名称")).toHaveValue(title);
  await page.getByLabel("结束日期").fill(chinaDay(200));
  await page.getByRole("button", { name: "登记协议" }).click();
  const listed = page.locator("li", { has: page.getByRole("heading", { name: title }) });
  await expect(listed.getByText("履行中")).toBeVisible();
  await expect(listed.getByText("李校长（校长）")).toBeVisible();
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  expect(await seriousViolations(page, "agreements page")).toEqual([]);
  await keepScreenshot(page, "zh-phone-agreements", { fullPage: true });

  await page.goto(`/units/${world.units.property.id}`);
  const section = page.getByRole("region", { name: "共建协议" });
  await expect(section.getByRole("heading", { name: title })).toBeVisible();
  await expect(section.getByText("周末错时开放操场")).toBeVisible();
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  await keepScreenshot(page, "zh-phone-unit-page", { fullPage: true });
  await context.close();

  // An anonymous reader in English sees the term and commitments, not the signatories.
  const { context: anonymous, page: reader } = await personIn(browser, null, { locale: "en", context: DESKTOP });
  await reader.goto(`/units/${world.units.property.id}`);
  const public_ = reader.getByRole("region", { name: "Cooperation agreements" });
  await expect(public_.getByRole("heading", { name: title })).toBeVisible();
  await expect(public_.getByText("In force")).toBeVisible();
  await expect(public_.getByText("李校长")).toHaveCount(0);
  expect(await seriousViolations(reader, "unit page with agreements")).toEqual([]);
  await keepScreenshot(reader, "en-desktop-unit-page", { fullPage: true });
  await anonymous.close();
});
