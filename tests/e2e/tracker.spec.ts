import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { PHONE, communityWorld, personIn } from "./world";

// A real 2×2 PNG, as a phone camera would send (content matters, not the name). Its checksums are valid:
// photos are decoded and re-encoded now, and a damaged file is refused.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAFElEQVQImWP4z8DAAMIM/////w8AH+4F+0HwQUsAAAAASUVORK5CYII=",
  "base64",
);

/** The communities' calendar date (China Standard Time) `days` from now, for date inputs. */
function dateIn(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The community the tracker's stories happen in: its people, units, categories and earlier issues. */
let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

async function submitIntent(page: Page, formLabel: string) {
  await page.locator(`form[aria-label="${formLabel}"] button[type="submit"]`).click();
}

test("zh-CN: grid worker raises an issue on a phone, a department reports for duty, a unit does the work, the reporter confirms it fixed", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `松木场3幢楼道灯全坏了 ${Date.now() % 100000}`;

  // ── 网格员 on a 360 px phone raises the issue with a photo ──
  const grid = await personIn(browser, world.people.grid, { phone: true });
  await grid.page.goto("/");
  await grid.page.getByRole("link", { name: "我要提事" }).first().click();
  await expect(grid.page.getByRole("heading", { name: "提交事项" })).toBeVisible();
  await grid.page.locator("#title").fill(title);
  await grid.page.locator("#description").fill("3幢一到六楼楼道灯都不亮，老人晚上上下楼很危险。");
  await grid.page.locator("#categoryId").selectOption({ label: "公共安全" });
  await expect(grid.page.locator("#gridId")).toHaveValue(/.+/);
  await grid.page.locator("#address").fill("松木场小区3幢");
  await grid.page.getByLabel("紧急").check();
  await grid.page.locator("#photos").setInputFiles({ name: "楼道.png", mimeType: "image/png", buffer: PNG });
  expect(await hasNoHorizontalScroll(grid.page)).toBe(true);
  await keepScreenshot(grid.page, "phone-raise-zh", { fullPage: true });
  // Staff have the triage list open before the issue exists: it arrives there without a reload.
  const staff = await personIn(browser, world.people.staff);
  const staffSocket = staff.page.waitForEvent("websocket");
  await staff.page.goto("/triage");
  // socket.io's "connected" packet: from here on the page hears about new issues.
  await (await staffSocket).waitForEvent("framereceived", { predicate: (frame) => String(frame.payload).startsWith("40") });
  await grid.page.getByRole("button", { name: "提交事项" }).click();
  await expect(grid.page.getByText("事项已提交，编号")).toBeVisible();
  const issueUrl = new URL(grid.page.url());
  issueUrl.search = "";
  const issuePath = issueUrl.pathname;
  await expect(grid.page.getByRole("heading", { name: title })).toBeVisible();
  await expect(grid.page.getByRole("img", { name: "照片 1" })).toBeVisible();
  expect(await hasNoHorizontalScroll(grid.page)).toBe(true);

  // ── 社区工作人员 is told of the new issue and escalates it to the district housing bureau (吹哨) ──
  await expect(staff.page.getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await staff.page.getByRole("link", { name: new RegExp(title) }).click();
  // Only "issues" is highlighted in the menu on an issue's page, not "community" as well.
  await expect(staff.page.locator('a[aria-current="page"]')).toHaveText(["议题公开"]);
  await staff.page.goto("/notifications");
  await expect(staff.page.getByText(`新事项待分拣：`).first()).toBeVisible();
  await staff.page.goto(issuePath);
  await expect(staff.page.getByText("提事人（仅社区工作人员可见）")).toBeVisible();
  await staff.page.getByText("吹哨给职能部门", { exact: true }).first().click();
  await staff.page.locator("#escalate-unit").selectOption({ label: "西湖区住建局" });
  await staff.page.locator("#escalate-due").fill(dateIn(3));
  await staff.page.locator("#escalate-note").fill("请住建局协调楼道照明改造。");
  await submitIntent(staff.page, "吹哨给职能部门");
  await expect(staff.page.getByText("等待部门报到")).toBeVisible();
  await expect(staff.page.getByText("待部门报到").first()).toBeVisible();

  // ── 职能部门 reports for duty (报到) ──
  const dept = await personIn(browser, world.people.dept);
  await dept.page.goto("/notifications");
  await expect(dept.page.getByText(`吹哨给本部门：`).first()).toBeVisible();
  await dept.page.goto("/unit");
  await dept.page.getByRole("link", { name: new RegExp(title) }).click();
  await submitIntent(dept.page, "报到（签收）");
  await expect(dept.page.getByText(/部门已于 .* 报到/)).toBeVisible();

  // ── staff give the property company an action item ──
  await staff.page.goto(issuePath);
  await staff.page.getByText("添加任务", { exact: true }).first().click();
  await staff.page.locator("#item-unit").selectOption({ label: "杭州北山物业服务有限公司" });
  await staff.page.locator("#item-description").fill("更换3幢全部楼道灯并加装声控开关");
  await staff.page.locator("#item-due").fill(dateIn(7));
  await submitIntent(staff.page, "添加任务");
  await expect(staff.page.getByText("更换3幢全部楼道灯并加装声控开关").first()).toBeVisible();
  await expect(staff.page.locator("header").getByText("办理中")).toBeVisible();

  // ── 共建单位代表 finds it under "our action items", posts 50 % with a photo, then marks it done ──
  const unit = await personIn(browser, world.people.unitrep);
  await unit.page.goto("/unit");
  await unit.page.getByRole("link", { name: new RegExp(title) }).click();
  await unit.page.locator('textarea[id^="progress-text-"]').fill("已更换一到三楼的灯。");
  await unit.page.locator('input[id^="progress-percent-"]').fill("50");
  await unit.page.locator('input[id^="progress-photos-"]').setInputFiles({ name: "进展.png", mimeType: "image/png", buffer: PNG });
  await submitIntent(unit.page, "报告进展");
  await expect(unit.page.getByText("进度 50%").first()).toBeVisible();
  await expect(unit.page.getByText("已更换一到三楼的灯。").first()).toBeVisible();
  // The form is empty again after it was accepted: a second tap cannot post the same update twice.
  await expect(unit.page.locator('textarea[id^="progress-text-"]')).toHaveValue("");
  await expect(unit.page.locator('input[id^="progress-photos-"]')).toHaveValue("");
  await unit.page.getByRole("button", { name: "标记为完成" }).click();
  await expect(unit.page.locator("header").getByText("待验收")).toBeVisible();

  // ── the reporter is asked and confirms it is fixed ──
  await grid.page.goto("/notifications");
  await expect(grid.page.getByText(/请评价：.*解决了吗/).first()).toBeVisible();
  await grid.page.goto(issuePath);
  await expect(grid.page.getByRole("heading", { name: "这个问题解决了吗？" })).toBeVisible();
  await grid.page.getByLabel("5 很满意", { exact: true }).check();
  expect(await hasNoHorizontalScroll(grid.page)).toBe(true);
  await keepScreenshot(grid.page, "phone-acceptance-zh", { fullPage: true });
  await grid.page.getByRole("button", { name: "提交评价" }).click();
  await expect(grid.page.getByText("已解决").first()).toBeVisible();

  // ── anyone, signed out: resolved on the public list, with its timeline, without the reporter's name ──
  const visitor = await browser.newContext({ locale: "zh-CN" });
  const publicPage = await visitor.newPage();
  await publicPage.goto(`/c/${world.community.slug}/issues?status=resolved`);
  await publicPage.getByRole("link", { name: new RegExp(title) }).click();
  await expect(publicPage.getByText("已解决").first()).toBeVisible();
  const timeline = publicPage.locator("#timeline");
  for (const step of [
    "事项已提交",
    "吹哨给 西湖区住建局",
    "部门已报到",
    "新任务交给 杭州北山物业服务有限公司",
    "报告进展：50%",
    "已完成任务",
    "居民确认已解决，平均评分 5 分（1 人评价）",
  ]) {
    await expect(timeline.getByText(step).first()).toBeVisible();
  }
  const html = await publicPage.content();
  expect(html).not.toContain(world.people.grid.displayName);
  expect(html).not.toContain("136-5710-0004");
  await expect(publicPage.getByText("提事人（仅社区工作人员可见）")).toHaveCount(0);
  await keepScreenshot(publicPage, "desktop-public-issue-zh", { fullPage: true });

  for (const c of [grid.context, staff.context, dept.context, unit.context, visitor]) await c.close();
});

test("English: a resident raises an issue, the work is done, the resident says it is not fixed and it reopens", async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Broken bench by the east gate ${Date.now() % 100000}`;

  const resident = await personIn(browser, world.people.resident, { locale: "en", phone: true });
  await resident.page.goto("/issues/new");
  await expect(resident.page.getByRole("heading", { name: "Raise an issue" })).toBeVisible();
  await resident.page.locator("#title").fill(title);
  await resident.page.locator("#description").fill("Two slats are missing; children could get hurt.");
  await resident.page.locator("#categoryId").selectOption({ label: "Older people and children" });
  // The draft survives a reload (or a lost connection) before it is sent.
  await resident.page.reload();
  await expect(resident.page.getByText("Your unsent draft was restored.")).toBeVisible();
  await expect(resident.page.locator("#title")).toHaveValue(title);
  await expect(resident.page.locator("#description")).toHaveValue("Two slats are missing; children could get hurt.");
  await resident.page.getByRole("button", { name: "Submit issue" }).click();
  await expect(resident.page.getByText(/Issue #\d+ was submitted/)).toBeVisible();
  const issuePath = new URL(resident.page.url()).pathname;

  const staff = await personIn(browser, world.people.staff, { locale: "en" });
  await staff.page.goto(issuePath);
  await staff.page.getByText("Accept", { exact: true }).first().click();
  await submitIntent(staff.page, "Accept");
  await expect(staff.page.getByText("Accepted").first()).toBeVisible();
  await staff.page.getByText("Add an action item", { exact: true }).first().click();
  await staff.page.locator("#item-unit").selectOption({ label: "Hangzhou Beishan Property Services Co., Ltd." });
  await staff.page.locator("#item-description").fill("Replace the missing slats");
  await staff.page.locator("#item-due").fill(dateIn(5));
  await submitIntent(staff.page, "Add an action item");
  await expect(staff.page.getByText("In progress").first()).toBeVisible();

  const unit = await personIn(browser, world.people.unitrep, { locale: "en" });
  await unit.page.goto(issuePath);
  await unit.page.getByRole("button", { name: "Claim" }).click();
  await expect(unit.page.getByText("claimed an action item").first()).toBeVisible();
  await unit.page.getByRole("button", { name: "Mark as done" }).click();
  await expect(unit.page.getByText("Awaiting acceptance").first()).toBeVisible();

  await resident.page.goto(issuePath);
  await expect(resident.page.getByRole("heading", { name: "Is it fixed?" })).toBeVisible();
  await resident.page.getByLabel("2 Dissatisfied, not fixed", { exact: true }).check();
  await resident.page.getByRole("button", { name: "Send answer" }).click();
  // A reason is required to reopen: the translated error appears and the choice is kept.
  await expect(resident.page.getByText("Please give a reason.")).toBeVisible();
  await expect(resident.page.getByLabel("2 Dissatisfied, not fixed", { exact: true })).toBeChecked();
  await resident.page.locator("#acceptance-reason").fill("One slat is still loose.");
  await resident.page.getByRole("button", { name: "Send answer" }).click();
  await expect(resident.page.getByText("Reopened").first()).toBeVisible();
  await expect(resident.page.locator("#timeline").getByText("Residents said it is not fixed; reopened")).toBeVisible();
  await expect(resident.page.locator("#timeline").getByText("One slat is still loose.")).toBeVisible();
  expect(await hasNoHorizontalScroll(resident.page)).toBe(true);
  await keepScreenshot(resident.page, "phone-reopened-en", { fullPage: true });

  // Staff see it back in the triage inbox.
  await staff.page.goto("/triage");
  await expect(staff.page.getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await keepScreenshot(staff.page, "desktop-triage-en", { fullPage: true });

  for (const c of [resident.context, staff.context, unit.context]) await c.close();
});

test("the public list filters, searches and pages without signing in, on a phone", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN", ...PHONE });
  const page = await context.newPage();
  await page.goto(`/c/${world.community.slug}/issues`);
  await expect(page.getByRole("heading", { name: /事项公开/ })).toBeVisible();
  await expect(page.getByText("解决用时中位数（天）")).toBeVisible();
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  await keepScreenshot(page, "phone-public-list-zh", { fullPage: true });
  await page.locator("#q").fill("危旧房");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page.getByRole("link", { name: /天目山路79号危旧房/ })).toBeVisible();
  await page.goto(`/c/${world.community.slug}/issues?overdue=1`);
  await expect(page.getByRole("link", { name: /天目山路79号危旧房/ })).toBeVisible();
  await expect(page.getByText("已逾期").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "导出 CSV" })).toHaveCount(0);
  await context.close();
});
