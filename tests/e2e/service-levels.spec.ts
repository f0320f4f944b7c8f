import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { communityWorld, personIn } from "./world";

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

test("staff set a category's time limit on a phone, and a new issue shows its clock", async ({ browser }) => {
  test.setTimeout(120_000);
  const staff = await personIn(browser, world.people.staff, { phone: true });
  await staff.page.goto("/triage");
  await staff.page.getByRole("link", { name: "办理时限" }).click();
  await expect(staff.page.getByRole("heading", { name: "办理时限", level: 1 })).toBeVisible();
  expect(await seriousViolations(staff.page, "/service-levels zh phone")).toEqual([]);

  const form = staff.page.getByRole("form", { name: "公共安全的办理时限" });
  await form.getByLabel("分拣答复").fill("1000");
  await form.getByLabel("办结").fill("3");
  await form.getByRole("button", { name: "保存时限" }).click();
  // Refused: the translated error, and what was typed is kept.
  await expect(staff.page.getByText("请填写 0 到 720 之间的整数").first()).toBeVisible();
  await expect(staff.page.getByRole("form", { name: "公共安全的办理时限" }).getByLabel("办结")).toHaveValue("3");
  await staff.page.getByRole("form", { name: "公共安全的办理时限" }).getByLabel("分拣答复").fill("2");
  await staff.page.getByRole("form", { name: "公共安全的办理时限" }).getByRole("button", { name: "保存时限" }).click();
  await expect(staff.page.getByText("请填写 0 到 720 之间的整数")).toHaveCount(0);
  await expect(staff.page.getByRole("form", { name: "公共安全的办理时限" }).getByText("尚未设定")).toHaveCount(0);
  await expect(staff.page.getByRole("form", { name: "公共安全的办理时限" }).getByLabel("分拣答复")).toHaveValue("2");
  expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
  await keepScreenshot(staff.page, "phone-service-levels-zh", { fullPage: true });

  const grid = await personIn(browser, world.people.grid);
  await grid.page.goto("/issues/new");
  await grid.page.locator("#title").fill(`楼道消防栓漏水 ${Date.now() % 100000}`);
  await grid.page.locator("#description").fill("2幢一楼消防栓一直滴水。");
  await grid.page.locator("#categoryId").selectOption({ label: "公共安全" });
  await grid.page.getByRole("button", { name: "提交事项" }).click();
  await expect(grid.page.getByTestId("issue-clock")).toHaveText(/还剩 2 个工作日答复/);
  await keepScreenshot(grid.page, "desktop-issue-clock-zh");

  for (const c of [staff.context, grid.context]) await c.close();
});

test("English: the service-level page reads in English and passes axe on a desktop", async ({ browser }) => {
  const staff = await personIn(browser, world.people.staff, { locale: "en" });
  await staff.page.goto("/service-levels");
  await expect(staff.page.getByRole("heading", { name: "Service levels", level: 1 })).toBeVisible();
  await expect(staff.page.getByText("Changed levels apply to issues raised from now on").first()).toBeVisible();
  expect(await seriousViolations(staff.page, "/service-levels en")).toEqual([]);
  await keepScreenshot(staff.page, "desktop-service-levels-en", { fullPage: true });
  await staff.context.close();
});

test("the issue clock reads in Chinese when the issue page is reached by a link, not only when loaded afresh", async ({ browser }) => {
  const grid = await personIn(browser, world.people.grid);
  await grid.page.goto("/issues/new");
  const title = `楼道灯不亮 ${Date.now() % 100000}`;
  await grid.page.locator("#title").fill(title);
  await grid.page.locator("#description").fill("3幢二楼楼道灯一直不亮。");
  await grid.page.locator("#categoryId").selectOption({ label: "公共安全" });
  await grid.page.getByRole("button", { name: "提交事项" }).click();
  await expect(grid.page.getByTestId("issue-clock")).toBeVisible();
  // The home page's frame needs no `figures` translations; the issue page's clock does (`figures:clock.…`).
  await grid.page.goto("/");
  await grid.page
    .getByRole("link", { name: new RegExp(title) })
    .first()
    .click();
  await expect(grid.page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(grid.page.getByTestId("issue-clock")).toHaveText(/还剩 \d+ 个工作日答复/);
  await grid.context.close();
});
