import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { communityWorld, personIn } from "./world";

let world: CommunityWorld;
const DESKTOP = { viewport: { width: 1280, height: 900 } };

test.beforeAll(async () => {
  world = await communityWorld();
});

test("the street admin compares the communities and drills from a chart bar to the issues behind it", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await personIn(browser, world.people.admin, { context: DESKTOP });
  await admin.page.goto("/street");
  await expect(admin.page.getByRole("heading", { level: 1 })).toContainText("街道数据看板");
  const chart = admin.page.getByTestId("chart-communities");
  await expect(chart.getByRole("img")).toHaveAttribute("aria-label", /柱状图/);
  expect(await seriousViolations(admin.page, "street dashboard")).toEqual([]);
  await keepScreenshot(admin.page, "zh-CN-desktop-street", { fullPage: true });

  // The bar of the world's community says how many issues it stands for; the list it opens shows that many.
  const bar = chart.getByRole("link", { name: new RegExp(world.community.nameZh) });
  const label = (await bar.getAttribute("aria-label")) ?? "";
  const count = Number(/(\d+)$/.exec(label)?.[1]);
  expect(count).toBeGreaterThan(0);
  await bar.click();
  await expect(admin.page).toHaveURL(new RegExp(`/c/${world.community.slug}/issues\\?.*from=`));
  await expect(admin.page.getByRole("heading", { name: `共 ${count} 件事项` })).toBeVisible();
  await expect(admin.page.getByTestId("raised-period")).toBeVisible();

  // Every table downloads as CSV (for Excel: BOM, named in the reader's language with the China date) and XLSX.
  const csv = await admin.page.request.get("/street/export?table=communities&format=csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toContain(encodeURIComponent("各社区对比"));
  expect(await csv.text()).toContain(world.community.nameZh);
  const xlsx = await admin.page.request.get("/street/export?table=units&format=xlsx");
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
  expect((await admin.page.request.get("/street/export?table=nonsense&format=csv")).status()).toBe(400);

  // Sorting works without JavaScript (a link), and the community's name drills down to its dashboard.
  await admin.page.goto("/street");
  await admin.page.getByRole("link", { name: "按响应率排序" }).click();
  await expect(admin.page).toHaveURL(/sort=responseRate/);
  await admin.page.getByRole("table").first().getByRole("link", { name: world.community.nameZh }).click();
  await expect(admin.page.getByRole("heading", { level: 1 })).toContainText(world.community.nameZh);
  await expect(admin.page.getByTestId("chart-grids").getByRole("img")).toBeVisible();
  expect(await seriousViolations(admin.page, "community dashboard")).toEqual([]);
  await keepScreenshot(admin.page, "zh-CN-desktop-community", { fullPage: true });
  await admin.context.close();

  // Staff on a phone, in English: their community's dashboard, no sideways scrolling of the page.
  const staff = await personIn(browser, world.people.staff, { locale: "en", phone: true });
  await staff.page.goto("/dashboard");
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText("figures");
  expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
  expect(await seriousViolations(staff.page, "community dashboard (phone, en)")).toEqual([]);
  await keepScreenshot(staff.page, "en-phone-community", { fullPage: true });
  // Staff are not street admins.
  const refused = await staff.page.goto("/street");
  expect(refused?.status()).toBe(403);
  await staff.context.close();

  // The street page in the other language and size, for the pictures people look at.
  for (const [locale, phone, heading] of [
    ["en", true, "street figures"],
    ["en", false, "street figures"],
    ["zh-CN", true, "街道数据看板"],
  ] as const) {
    const viewer = await personIn(browser, world.people.admin, { locale, ...(phone ? { phone: true } : { context: DESKTOP }) });
    await viewer.page.goto("/street");
    await expect(viewer.page.getByRole("heading", { level: 1 })).toContainText(heading);
    if (phone) expect(await hasNoHorizontalScroll(viewer.page)).toBe(true);
    await keepScreenshot(viewer.page, `${locale}-${phone ? "phone" : "desktop"}-street`, { fullPage: true });
    await viewer.context.close();
  }
});
