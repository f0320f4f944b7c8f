import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { PHONE, communityWorld, e2eDb, personIn } from "./world";

let world: CommunityWorld;
const DESKTOP = { viewport: { width: 1280, height: 900 } };
// A tiny PNG: the server re-encodes it like any phone photo.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAFElEQVQImWP4z8DAAMIM/////w8AH+4F+0HwQUsAAAAASUVORK5CYII=",
  "base64",
);

/** `datetime-local` wall time in Beijing, `hours` from now. */
function beijingInput(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

test.beforeAll(async () => {
  world = await communityWorld();
  // 陈国华 registered where he lives (双报到) and the office confirmed him; 徐志刚 is still waiting.
  const db = e2eDb();
  const [chen, xu] = world.reps;
  await db.volunteerRegistration.create({
    data: {
      communityId: world.community.id,
      userId: chen!.id,
      kind: "party_member",
      building: "3",
      status: "confirmed",
      decidedById: world.people.staff.id,
    },
  });
  await db.volunteerRegistration.create({
    data: {
      communityId: world.community.id,
      userId: xu!.id,
      kind: "unit_employee",
      unitId: world.units.school.id,
      building: "8",
      status: "pending",
    },
  });
});

test("a volunteer claims a post, signs in with the QR code, signs out, and staff confirm the hours", async ({ browser }) => {
  // Two people, two devices, axe on four pages: longer than the default minute on a shared machine.
  test.setTimeout(150_000);
  const title = `垃圾分类督导 ${Date.now()}`;
  const staff = await personIn(browser, world.people.staff, { context: DESKTOP });
  await staff.page.goto("/volunteering");
  // The office sees who waits for confirmation, and publishes a post.
  await expect(staff.page.getByRole("region", { name: "待确认的报到登记" }).getByText("徐志刚")).toBeVisible();
  await staff.page.getByLabel("岗位类型").selectOption("sanitation");
  await staff.page.getByLabel("名额").fill("2");
  await staff.page.getByLabel("岗位名称（中文）").fill(title);
  await staff.page.getByLabel("地点").fill("3 幢旁垃圾分类点");
  await staff.page.getByLabel("开始时间").fill(beijingInput(-0.5));
  await staff.page.getByLabel("结束时间").fill(beijingInput(2));
  await staff.page.getByRole("button", { name: "发布岗位" }).click();
  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(staff.page.getByRole("region", { name: "现场签到二维码" }).getByRole("img", { name: "签到二维码" })).toBeVisible();
  expect(await seriousViolations(staff.page, "post page (office)")).toEqual([]);
  await keepScreenshot(staff.page, "zh-CN-desktop-post-office", { fullPage: true });
  const postId = staff.page.url().split("/").pop()!;
  const { checkInCode } = await e2eDb().volunteerPost.findUniqueOrThrow({ where: { id: postId }, select: { checkInCode: true } });

  // On his phone: the post is on the list, he claims it.
  const volunteer = await personIn(browser, world.reps[0]!, { context: PHONE });
  await volunteer.page.goto("/volunteering");
  await expect(volunteer.page.getByText("已确认", { exact: true })).toBeVisible();
  await volunteer.page.getByRole("link", { name: title }).click();
  await volunteer.page.getByRole("button", { name: "认领这个岗位" }).click();
  await expect(volunteer.page.getByText("剩余 1 / 2 个名额")).toBeVisible();
  // A wrong code is refused and nothing is counted.
  await volunteer.page.getByLabel("签到码").fill("WRONG1");
  await volunteer.page.getByRole("button", { name: "到岗签到" }).click();
  await expect(volunteer.page.getByRole("alert")).toContainText("签到码不对");
  // Scanning the poster opens the page with the code filled in.
  await volunteer.page.goto(`/volunteering/posts/${postId}?code=${checkInCode}`);
  await expect(volunteer.page.getByLabel("签到码")).toHaveValue(checkInCode);
  await volunteer.page.getByRole("button", { name: "到岗签到" }).click();
  await expect(volunteer.page.getByText("服务中")).toBeVisible();
  expect(await hasNoHorizontalScroll(volunteer.page)).toBe(true);
  expect(await seriousViolations(volunteer.page, "post page (volunteer)")).toEqual([]);
  await keepScreenshot(volunteer.page, "zh-CN-phone-post-on-duty", { fullPage: true });
  await volunteer.page.getByRole("button", { name: "签退" }).click();
  await expect(volunteer.page.getByText("已签退，等待社区确认服务时长。")).toBeVisible();

  // Staff correct the time (he forgot to sign out at the end) and confirm it.
  await staff.page.goto("/volunteering");
  await expect(staff.page.getByRole("region", { name: "待确认的服务时长" }).getByText(`陈国华 · ${title}`)).toBeVisible();
  await staff.page.goto(`/volunteering/posts/${postId}`);
  await staff.page.getByLabel("小时数").fill("2");
  await staff.page.getByRole("button", { name: "确认 陈国华 的服务时长" }).click();
  await expect(staff.page.getByRole("region", { name: "到岗名单" }).getByText("时长已确认")).toBeVisible();

  // He is told, and his certificate counts the two hours.
  await volunteer.page.goto("/notifications");
  await expect(volunteer.page.getByText(`“${title}”的服务时长已确认：2 小时`)).toBeVisible();
  await volunteer.page.goto("/volunteering/certificate");
  await expect(volunteer.page.getByRole("heading", { level: 1 })).toHaveText("志愿服务证明");
  await expect(volunteer.page.getByText(/经社区确认的服务时长共计 2 小时/)).toBeVisible();
  expect(await hasNoHorizontalScroll(volunteer.page)).toBe(true);
  expect(await seriousViolations(volunteer.page, "certificate")).toEqual([]);
  await keepScreenshot(volunteer.page, "zh-CN-phone-certificate", { fullPage: true });
  await staff.page.goto("/volunteering");
  await expect(staff.page.getByRole("region", { name: /年服务时长统计/ }).getByText("陈国华")).toBeVisible();
  expect(await seriousViolations(staff.page, "volunteering (office)")).toEqual([]);
  await keepScreenshot(staff.page, "zh-CN-desktop-volunteering-office", { fullPage: true });
  await volunteer.context.close();
  await staff.context.close();
});

test("a grid worker posts a resident's wish; the property company claims it, fulfils it with a photo, and the grid worker confirms", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const title = `一根带小凳子的拐杖 ${Date.now()}`;
  const grid = await personIn(browser, world.people.grid, { context: PHONE });
  await grid.page.goto(`/c/${world.community.slug}/wishes`);
  await expect(grid.page.getByRole("heading", { name: "代居民发布微心愿" })).toBeVisible();
  await grid.page.getByLabel("心愿（一句话）").fill(title);
  await grid.page.getByLabel("称呼").fill("张阿姨");
  // Only the building goes on the wall: a door number is refused, and what was typed stays.
  await grid.page.getByLabel("楼栋").fill("3幢2单元301");
  await grid.page.getByLabel("价值上限（元，选填）").fill("150");
  await grid.page.getByRole("button", { name: "提交心愿" }).click();
  await expect(grid.page.getByRole("alert")).toContainText("楼栋只填数字");
  await expect(grid.page.getByLabel("心愿（一句话）")).toHaveValue(title);
  await grid.page.getByLabel("楼栋").fill("3");
  await grid.page.getByRole("button", { name: "提交心愿" }).click();
  await expect(grid.page.getByRole("heading", { level: 1 })).toHaveText(title);
  const wishUrl = new URL(grid.page.url()).pathname;

  // Staff approve it onto the wall.
  const staff = await personIn(browser, world.people.staff, { context: DESKTOP });
  await staff.page.goto(`/c/${world.community.slug}/wishes`);
  await staff.page.getByRole("region", { name: "待审核和久未认领的心愿" }).getByRole("link", { name: title }).click();
  await staff.page.getByRole("button", { name: "通过，上墙" }).click();
  await expect(staff.page.getByText("等待认领").first()).toBeVisible();

  // The public wall: 张阿姨 of building 3, nobody's name, no door.
  const visitor = await personIn(browser, null, { context: PHONE });
  await visitor.page.goto(`/c/${world.community.slug}/wishes`);
  const card = visitor.page.getByRole("listitem").filter({ hasText: title });
  await expect(card).toContainText("张阿姨 · 3 幢");
  const wall = await visitor.page.locator("main").innerText();
  expect(wall).not.toContain(world.people.grid.displayName);
  expect(wall).not.toContain("2单元");
  expect(await hasNoHorizontalScroll(visitor.page)).toBe(true);
  expect(await seriousViolations(visitor.page, "wish wall (public)")).toEqual([]);
  await keepScreenshot(visitor.page, "zh-CN-phone-wish-wall-public", { fullPage: true });

  // The property company's representative claims it for the unit and fulfils it with a photo.
  const rep = await personIn(browser, world.people.unitrep, { context: PHONE });
  await rep.page.goto(wishUrl);
  await rep.page.getByRole("button", { name: "以杭州北山物业服务有限公司名义认领" }).click();
  await expect(rep.page.getByRole("heading", { name: "完成心愿" })).toBeVisible();
  await rep.page.locator("#fulfil-photos").setInputFiles({ name: "拐杖.png", mimeType: "image/png", buffer: PNG });
  await rep.page.getByLabel("说明（选填）").fill("送上门了，调好了高度。");
  await rep.page.getByRole("button", { name: "提交完成" }).click();
  await expect(rep.page.getByText("已圆梦，待确认")).toBeVisible();
  await expect(rep.page.getByRole("img", { name: "完成照片 1" })).toBeVisible();
  expect(await seriousViolations(rep.page, "wish page (claimer)")).toEqual([]);

  // The grid worker is told, opens it, sees the photo and confirms with the resident's thanks.
  await grid.page.goto("/notifications");
  await expect(grid.page.getByText(`微心愿已完成，请确认：${title}`)).toBeVisible();
  await grid.page.goto(wishUrl);
  await expect(grid.page.getByRole("img", { name: "完成照片 1" })).toBeVisible();
  await grid.page.getByLabel("想说的感谢话（选填）").fill("谢谢物业的小伙子！");
  await grid.page.getByRole("button", { name: "确认已实现" }).click();
  await expect(grid.page.getByText("心愿已实现")).toBeVisible();
  expect(await hasNoHorizontalScroll(grid.page)).toBe(true);
  await keepScreenshot(grid.page, "zh-CN-phone-wish-confirmed", { fullPage: true });

  // The photo of the resident's home is not for passers-by.
  await visitor.page.goto(wishUrl);
  await expect(visitor.page.getByText("谢谢物业的小伙子！")).toBeVisible();
  await expect(visitor.page.getByRole("img", { name: "完成照片 1" })).toHaveCount(0);

  // The unit's scorecard counts the fulfilled wish.
  await rep.page.goto(`/units/${world.units.property.id}`);
  await expect(rep.page.getByText("圆梦微心愿")).toBeVisible();
  for (const p of [grid, staff, visitor, rep]) await p.context.close();
});

test("the volunteering and wish pages read in English and Chinese on a phone and a desktop", async ({ browser }) => {
  test.setTimeout(240_000);
  for (const locale of ["zh-CN", "en"] as const) {
    for (const [label, context] of [
      ["phone", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const staff = await personIn(browser, world.people.staff, { locale, context });
      await staff.page.goto("/volunteering");
      await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText(locale === "en" ? "Volunteering" : "志愿服务");
      await expect(
        staff.page
          .getByRole("navigation")
          .getByRole("link", { name: locale === "en" ? "Wishes" : "微心愿" })
          .first(),
      ).toBeAttached();
      expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
      expect(await seriousViolations(staff.page, `volunteering ${locale} ${label}`)).toEqual([]);
      await keepScreenshot(staff.page, `${locale}-${label}-volunteering`, { fullPage: true });
      await staff.page.goto(`/c/${world.community.slug}/wishes`);
      await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText(locale === "en" ? "Small wishes" : "微心愿");
      expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
      expect(await seriousViolations(staff.page, `wishes ${locale} ${label}`)).toEqual([]);
      await keepScreenshot(staff.page, `${locale}-${label}-wishes`, { fullPage: true });
      await staff.context.close();
    }
  }
});
