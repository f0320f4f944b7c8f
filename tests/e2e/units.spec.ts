import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { PHONE, communityWorld, personIn } from "./world";

// A tiny PNG: the server re-encodes it like any phone photo.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAFElEQVQImWP4z8DAAMIM/////w8AH+4F+0HwQUsAAAAASUVORK5CYII=",
  "base64",
);

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

const DESKTOP = { viewport: { width: 1280, height: 900 } };

for (const locale of ["zh-CN", "en"] as const) {
  const zh = locale === "zh-CN";

  test(`a unit representative adds and edits a resource on a phone (${locale})`, async ({ browser }) => {
    const { context, page } = await personIn(browser, world.people.unitrep, { locale, context: PHONE });
    await page.goto("/units");
    await page.getByRole("link", { name: zh ? "杭州北山物业服务有限公司" : "Hangzhou Beishan Property Services Co., Ltd." }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      zh ? "杭州北山物业服务有限公司" : "Hangzhou Beishan Property Services Co., Ltd.",
    );

    const title = zh ? `物业会议室 ${Date.now()}` : `Estate office meeting room ${Date.now()}`;
    await page
      .getByText(zh ? "添加一项资源" : "Add a resource")
      .first()
      .click();
    const form = page.getByRole("form", { name: zh ? "添加一项资源" : "Add a resource" });
    // An empty name is refused next to the field, and what was typed stays.
    await form.getByLabel(zh ? "数量（如：80 个座位、每月 4 小时）" : "How much (e.g. 80 seats, 4 hours a month)").fill("30");
    await form.getByRole("button", { name: zh ? "添加一项资源" : "Add a resource" }).click();
    const refused = page.getByRole("form", { name: zh ? "添加一项资源" : "Add a resource" });
    await expect(refused.getByText(zh ? "此项必填。" : "This field is required.")).toBeVisible();
    await expect(refused.getByLabel(zh ? "数量（如：80 个座位、每月 4 小时）" : "How much (e.g. 80 seats, 4 hours a month)")).toHaveValue(
      "30",
    );
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await keepScreenshot(page, `${locale}-phone-unit-resource-refused`, { fullPage: true });

    await refused.getByLabel(zh ? "名称" : "Name (Chinese)", { exact: true }).fill(title);
    await refused.getByLabel(zh ? "类别" : "Kind").selectOption("venue");
    await refused.getByLabel(zh ? "什么时候可用（如：周末全天）" : "When (e.g. weekends)").fill(zh ? "工作日晚上" : "Weekday evenings");
    await refused.getByRole("button", { name: zh ? "添加一项资源" : "Add a resource" }).click();
    const item = page.locator("li", { hasText: title });
    await expect(item.getByText(zh ? "场地 · 30 · 工作日晚上" : "Venue · 30 · Weekday evenings")).toBeVisible();

    // Editing the quantity in place.
    await item.getByText(zh ? `修改“${title}”` : `Edit “${title}”`).click();
    await item
      .getByLabel(zh ? "数量（如：80 个座位、每月 4 小时）" : "How much (e.g. 80 seats, 4 hours a month)")
      .fill(zh ? "40 个座位" : "40 seats");
    await item.getByRole("button", { name: zh ? "保存" : "Save" }).click();
    await expect(
      page.locator("li", { hasText: title }).getByText(zh ? "场地 · 40 个座位 · 工作日晚上" : "Venue · 40 seats · Weekday evenings"),
    ).toBeVisible();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await keepScreenshot(page, `${locale}-phone-unit-page`, { fullPage: true });

    // The directory finds the unit by what it offers, segmented: "会议室" is a word of the new title.
    await page.goto(`/units?q=${encodeURIComponent(zh ? "会议室" : "meeting room")}&offers=venue`);
    await expect(
      page.getByRole("link", { name: zh ? "杭州北山物业服务有限公司" : "Hangzhou Beishan Property Services Co., Ltd." }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: zh ? "北山农贸市场" : "Beishan Farmers' Market" })).toHaveCount(0);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await keepScreenshot(page, `${locale}-phone-units-directory`, { fullPage: true });

    // Another unit's page has no editing for him.
    await page.goto(`/units/${world.units.school.id}`);
    await expect(page.getByText(zh ? "添加一项资源" : "Add a resource")).toHaveCount(0);
    await context.close();
  });
}

test("staff add a need, invite the unit the matching suggests, and the unit accepts: a joint project starts", async ({ browser }) => {
  const needTitle = `楼道保洁人员 ${Date.now()}`;
  const staff = await personIn(browser, world.people.staff, { context: DESKTOP });
  await staff.page.goto(`/c/${world.community.slug}/needs`);
  await staff.page.getByText("添加一项社区需求").first().click();
  const form = staff.page.getByRole("form", { name: "添加一项社区需求" });
  await form.getByLabel("名称", { exact: true }).fill(needTitle);
  await form.getByLabel("类别").selectOption("service");
  await form.getByRole("button", { name: "添加一项社区需求" }).click();

  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText(needTitle);
  const suggestions = staff.page.getByRole("region", { name: "推荐单位" });
  const first = suggestions.getByRole("listitem").first();
  await expect(first.getByRole("link", { name: "杭州北山物业服务有限公司" })).toBeVisible();
  await expect(first.getByText(/可提供：保洁和门岗人员/)).toBeVisible();
  await expect(first.getByText(/匹配词：.*保洁/)).toBeVisible();
  await keepScreenshot(staff.page, "zh-CN-desktop-need-suggestions", { fullPage: true });
  await staff.page.getByRole("button", { name: "邀请杭州北山物业服务有限公司认领" }).click();
  await expect(staff.page.getByRole("region", { name: "认领与邀请记录" }).getByText("等待答复")).toBeVisible();

  // The property company's representative is told, and answers on the unit's page, on a phone.
  const rep = await personIn(browser, world.people.unitrep, { context: PHONE });
  await rep.page.goto("/notifications");
  await expect(rep.page.getByText(`社区邀请本单位认领需求：${needTitle}`)).toBeVisible();
  await rep.page.goto(`/units/${world.units.property.id}`);
  const requests = rep.page.getByRole("region", { name: "等待本单位答复" });
  const request = requests.getByRole("listitem").filter({ hasText: needTitle });
  await expect(request).toBeVisible();
  expect(await hasNoHorizontalScroll(rep.page)).toBe(true);
  await keepScreenshot(rep.page, "zh-CN-phone-unit-request", { fullPage: true });
  await request.getByRole("button", { name: "接受，成为共建项目" }).click();
  await expect(rep.page.getByRole("region", { name: "共建项目" }).getByRole("link", { name: needTitle })).toBeVisible();

  // The project is on the community's project list; its owner reports a milestone with what was done.
  await rep.page.getByRole("region", { name: "共建项目" }).getByRole("link", { name: needTitle }).click();
  await rep.page.getByLabel("新节点").fill("安排两名保洁员");
  await rep.page.getByRole("button", { name: "添加节点" }).click();
  await rep.page.getByLabel("做了什么（完成情况）").fill("已安排两名保洁员，每周三次。");
  // With a photo of the work (re-encoded by the server like every upload).
  await rep.page.getByLabel("现场照片（可选）").setInputFiles({ name: "cleaning.png", mimeType: "image/png", buffer: PNG });
  await rep.page.getByRole("button", { name: "标记完成" }).click();
  await expect(rep.page.getByText("完成 100%")).toBeVisible();
  await expect(rep.page.getByRole("img", { name: "“安排两名保洁员”的第 1 张照片" })).toBeVisible();
  expect(await hasNoHorizontalScroll(rep.page)).toBe(true);
  await keepScreenshot(rep.page, "zh-CN-phone-project", { fullPage: true });

  await staff.page.goto(`/c/${world.community.slug}/needs`);
  await expect(staff.page.getByRole("region", { name: "共建项目清单" }).getByRole("link", { name: needTitle })).toBeVisible();
  await keepScreenshot(staff.page, "zh-CN-desktop-community-lists", { fullPage: true });
  await rep.context.close();
  await staff.context.close();
});

test("the units' pages read in English on a desktop and on a phone", async ({ browser }) => {
  for (const context of [DESKTOP, PHONE]) {
    const staff = await personIn(browser, world.people.staff, { locale: "en", context });
    const label = context === PHONE ? "phone" : "desktop";
    await staff.page.goto(`/c/${world.community.slug}/needs`);
    await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("Needs and projects");
    expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
    await keepScreenshot(staff.page, `en-${label}-community-lists`, { fullPage: true });
    const need = staff.page.getByRole("region", { name: "Community needs list" }).getByRole("link").first();
    if (await need.count()) {
      await need.click();
      await expect(staff.page.getByRole("heading", { level: 2, name: /Suggested units|Invitations and offers/ }).first()).toBeVisible();
      expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
      await keepScreenshot(staff.page, `en-${label}-need`, { fullPage: true });
    }
    await staff.page.goto(`/units/${world.units.fireStation.id}`);
    await expect(staff.page.getByRole("heading", { name: "Scorecard" })).toBeVisible();
    expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
    await keepScreenshot(staff.page, `en-${label}-unit-page`, { fullPage: true });
    await staff.context.close();
  }
});
