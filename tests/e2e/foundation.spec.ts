import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll, signIn } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { communityWorld, personIn } from "./world";

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

test("staff sign in in Chinese, switch to English, and English stays after a reload", async ({ page }) => {
  await signIn(page, world.people.staff);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "社区工作台" })).toBeVisible();
  await expect(page.getByText("待分拣").first()).toBeVisible();

  await page.getByRole("button", { name: "切换语言为English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Community desk" })).toBeVisible();
  await expect(page.getByText("Awaiting triage").first()).toBeVisible();

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Community desk" })).toBeVisible();
  // No Chinese interface text is left on the English page (names from the data may be Chinese).
  await expect(page.getByRole("button", { name: "中文" })).toBeVisible();
  await expect(page.getByText("社区工作台")).toHaveCount(0);
});

test("a wrong password shows a translated error and keeps the username", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#username").fill(world.people.staff.username);
  await page.locator("#password").fill("not-the-password");
  await page.locator('form[method="post"] button[type="submit"]').last().click();
  await expect(page.getByRole("alert")).toHaveText("用户名或密码不正确。");
  await expect(page.locator("#username")).toHaveValue(world.people.staff.username);
});

test("each role lands on a home page that fits it", async ({ browser }) => {
  const expectations = [
    ["admin", "社区工作台"],
    ["grid", "本网格办理中的议题"],
    ["resident", "我提出的议题"],
    ["dept", "本单位事项"],
    ["unitrep", "本单位事项"],
    ["expert", "智库专家"],
    ["host", "近期议事会"],
  ] as const;
  for (const [role, heading] of expectations) {
    const { context, page } = await personIn(browser, world.people[role]);
    await page.goto("/");
    await expect(page.getByText(heading).first()).toBeVisible();
    await context.close();
  }
});

test("on a 360 px phone the home page needs no horizontal scrolling", async ({ browser }) => {
  const { context, page } = await personIn(browser, world.people.staff, { phone: true });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "社区工作台" })).toBeVisible();
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  await keepScreenshot(page, "phone-staff-zh", { fullPage: true });

  await page.goto("/");
  await page.getByRole("button", { name: "切换语言为English" }).click();
  await expect(page.getByRole("heading", { name: "Community desk" })).toBeVisible();
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  await keepScreenshot(page, "phone-staff-en", { fullPage: true });

  await page.goto("/logout");
  await context.close();
});

test("anonymous visitors see the public front page and the communities", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "幸福议事厅" })).toBeVisible();
  await expect(page.getByText(world.community.nameZh).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
});

test("a reader can switch to larger text and it is remembered", async ({ page }) => {
  await page.goto("/");
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "large");
  await page.reload();
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(after).toBeGreaterThan(before);
  expect(await hasNoHorizontalScroll(page)).toBe(true);
});
