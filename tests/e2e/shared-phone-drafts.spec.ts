import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import type { CommunityWorld } from "./world";
import { communityWorld } from "./world";

/** Two people of one community sharing a phone; each signs in through the sign-in page, as they would. */
let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

/** Keys in this browser's storage that hold someone's unsent text. */
function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(window.localStorage).filter((k) => k.startsWith("yishi:issue-draft:") || k.startsWith("yishi:minutes-backup:")),
  );
}

async function typeDraft(page: Page, title: string) {
  await page.goto("/issues/new");
  await page.locator('input[name="title"]').fill(title);
  await page.locator('textarea[name="description"]').fill("三号楼楼道堆放杂物，占用消防通道，已多次提醒。");
  await expect.poll(() => draftKeys(page)).toHaveLength(1);
}

test("after the grid worker signs out, a resident on the same phone sees none of their draft", async ({ page }) => {
  await signIn(page, world.people.grid);
  await typeDraft(page, "网格员未提交的草稿");

  await page.locator("summary", { hasText: "账户菜单" }).click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("heading", { name: "已退出登录" })).toBeVisible();
  await expect.poll(() => draftKeys(page)).toEqual([]);

  await signIn(page, world.people.resident);
  await page.goto("/issues/new");
  await expect(page.locator('input[name="title"]')).toHaveValue("");
  await expect(page.getByText("已恢复您上次没有提交的草稿。")).toHaveCount(0);
});

test("a draft stays with its author even when the session simply ran out, and comes back to them", async ({ page, context }) => {
  await signIn(page, world.people.grid);
  await typeDraft(page, "会话过期前的草稿");

  // No sign-out: the cookie just goes (expired, cleared), and someone else signs in on this browser.
  await context.clearCookies();
  await signIn(page, world.people.resident);
  await page.goto("/issues/new");
  await expect(page.locator('input[name="title"]')).toHaveValue("");
  await expect(page.getByText("已恢复您上次没有提交的草稿。")).toHaveCount(0);

  await context.clearCookies();
  await signIn(page, world.people.grid);
  await page.goto("/issues/new");
  await expect(page.locator('input[name="title"]')).toHaveValue("会话过期前的草稿");
  await expect(page.getByText("已恢复您上次没有提交的草稿。")).toBeVisible();
});
