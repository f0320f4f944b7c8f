import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { createCategories, createCommunity, createUser, unique } from "../helpers/fixtures";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import type { E2EPerson } from "./world";
import { e2eDb, personIn } from "./world";

const OUT = path.resolve("test-results/assisted");

/** 张阿姨 lives in grid 1 and has no phone; 李网格 is her grid worker; 陈晓燕 is the office. */
async function assistWorld() {
  const db = e2eDb();
  const tag = unique();
  const { community, grid } = await createCommunity(db, { nameZh: `松木场社区 ${tag}`, nameEn: `Songmuchang ${tag}` });
  await db.grid.update({ where: { id: grid.id }, data: { nameZh: "松木场第一网格", nameEn: "Songmuchang Grid 1" } });
  await createCategories(db, community.id);
  const as = async (role: "grid_worker" | "community_staff" | "resident", displayName: string, gridId?: string): Promise<E2EPerson> => {
    const made = await createUser(db, { communityId: community.id, role, displayName, gridId });
    return { id: made.user.id, username: made.username, password: made.password, displayName };
  };
  const aunt = await as("resident", "张阿姨", grid.id);
  await db.residentRecord.create({
    data: {
      communityId: community.id,
      userId: aunt.id,
      gridId: grid.id,
      building: "3",
      entrance: "2",
      room: "301",
      householdKey: `k-${tag}`,
    },
  });
  return { community, aunt, worker: await as("grid_worker", "李网格", grid.id), staff: await as("community_staff", "陈晓燕") };
}

test("a grid worker raises an issue for 张阿姨 on a 360 px phone with her consent; the page says so in both languages", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  fs.mkdirSync(OUT, { recursive: true });
  const world = await assistWorld();

  const worker = await personIn(browser, world.worker, { phone: true });
  await worker.page.goto("/");
  await worker.page.getByRole("link", { name: "代办", exact: true }).click();
  await expect(worker.page.getByRole("heading", { level: 1, name: "代办" })).toBeVisible();
  await worker.page.getByLabel("姓名", { exact: true }).fill("张");
  await worker.page.getByRole("button", { name: "搜索" }).click();
  await worker.page.getByRole("link", { name: "为张阿姨代办" }).click();
  await expect(worker.page.getByRole("heading", { name: "正在为张阿姨代办" })).toBeVisible();
  await expect(worker.page.getByText("3幢2单元301室").first()).toBeVisible();

  const form = worker.page.getByRole("region", { name: "代为提交事项" });
  await form.getByLabel("标题", { exact: true }).fill("3号楼楼道灯坏了");
  await form.getByLabel("具体描述", { exact: true }).fill("3号楼2单元楼道灯不亮，老人晚上下楼看不见台阶。");
  await form.getByLabel("分类", { exact: true }).selectOption({ label: "物业管理" });
  // Without the consent box: refused next to it, and what was typed stays.
  await form.getByRole("button", { name: "代居民提交事项" }).click();
  await expect(worker.page.locator("#raise-consent-error")).toHaveText("请勾选，确认居民已经同意。");
  await expect(worker.page.getByRole("region", { name: "代为提交事项" }).getByLabel("标题", { exact: true })).toHaveValue(
    "3号楼楼道灯坏了",
  );
  expect(await hasNoHorizontalScroll(worker.page)).toBe(true);
  expect(await seriousViolations(worker.page, "assist page (refused)")).toEqual([]);
  await worker.page.screenshot({ path: `${OUT}/assist-phone-zh.png`, fullPage: true });

  const again = worker.page.getByRole("region", { name: "代为提交事项" });
  await again.getByRole("checkbox").check();
  await again.getByLabel("电话", { exact: true }).check();
  await again.getByRole("button", { name: "代居民提交事项" }).click();
  await expect(worker.page.getByRole("heading", { level: 1 })).toContainText("3号楼楼道灯坏了");
  await expect(worker.page.getByTestId("assisted-line")).toHaveText("由网格员李网格代张阿姨提交 · 居民电话同意");
  expect(await hasNoHorizontalScroll(worker.page)).toBe(true);
  expect(await seriousViolations(worker.page, "issue raised for a resident")).toEqual([]);
  await worker.page.screenshot({ path: `${OUT}/issue-phone-zh.png`, fullPage: true });
  const issueUrl = new URL(worker.page.url()).pathname;

  // The same page in English, on the phone.
  const english = await personIn(browser, world.worker, { locale: "en", phone: true });
  await english.page.goto(issueUrl);
  await expect(english.page.getByTestId("assisted-line")).toHaveText("Raised by grid worker 李网格 for 张阿姨 · consent given by phone");
  expect(await hasNoHorizontalScroll(english.page)).toBe(true);
  await english.page.screenshot({ path: `${OUT}/issue-phone-en.png`, fullPage: true });

  // A visitor learns only that a grid worker raised it for a resident.
  const visitor = await personIn(browser, null, { phone: true });
  await visitor.page.goto(issueUrl);
  await expect(visitor.page.getByTestId("assisted-line")).toHaveText("由网格员代居民提交");
  await expect(visitor.page.getByText("张阿姨")).toHaveCount(0);

  // 张阿姨 (or whoever reads her account for her) finds a notice; the office's audit trail notes the consent.
  expect(await e2eDb().notification.count({ where: { userId: world.aunt.id, type: "assisted_issue_raised" } })).toBe(1);
  const staff = await personIn(browser, world.staff);
  await staff.page.goto("/audit");
  await expect(staff.page.getByText("代居民提交事项（电话同意）")).toBeVisible();
  // One highlighted header item on the verification page (it used to light up "people" too).
  await staff.page.goto("/people/verify");
  await expect(staff.page.getByRole("navigation", { name: "栏目" }).locator('[aria-current="page"]')).toHaveCount(1);
});

test("staff keep grids and areas on /admin/grids, on a phone and on a desktop", async ({ browser }) => {
  test.setTimeout(90_000);
  fs.mkdirSync(OUT, { recursive: true });
  const world = await assistWorld();
  const staff = await personIn(browser, world.staff, { phone: true });
  await staff.page.goto("/");
  await staff.page.getByRole("link", { name: "网格与片区", exact: true }).click();
  await expect(staff.page.getByRole("heading", { level: 1, name: "网格与片区" })).toBeVisible();
  const grid = staff.page.locator("form").filter({ has: staff.page.getByRole("heading", { name: /松木场第一网格/ }) });
  await expect(grid).toContainText("网格员：李网格");
  await grid.getByLabel("户数").fill("-1");
  await grid.getByRole("button", { name: "保存网格" }).click();
  await expect(staff.page.getByText("户数请填 0 到 100000 之间的整数。")).toBeVisible();
  await staff.page.locator("form").filter({ hasText: "保存网格" }).first().getByLabel("户数").fill("436");
  await staff.page.locator("form").filter({ hasText: "保存网格" }).first().getByRole("button", { name: "保存网格" }).click();
  await expect(staff.page.getByRole("status")).toHaveText("网格已保存。");
  await staff.page.getByLabel("片区名称（中文）").last().fill("北山片区");
  await staff.page.getByLabel("片区名称（英文）").last().fill("Beishan area");
  await staff.page.getByRole("button", { name: "新增片区" }).click();
  await expect(staff.page.getByRole("status")).toHaveText("已新增片区。");
  expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
  expect(await seriousViolations(staff.page, "grids page")).toEqual([]);
  await staff.page.screenshot({ path: `${OUT}/grids-phone-zh.png`, fullPage: true });
  const desktop = await personIn(browser, world.staff, { locale: "en", context: { viewport: { width: 1280, height: 900 } } });
  await desktop.page.goto("/admin/grids");
  await expect(desktop.page.getByRole("heading", { level: 1, name: "Grids and areas" })).toBeVisible();
  await expect(desktop.page.getByLabel("Households").first()).toHaveValue("436");
  await desktop.page.screenshot({ path: `${OUT}/grids-desktop-en.png`, fullPage: true });
});
