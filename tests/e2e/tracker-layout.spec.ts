import type { BrowserContext } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { PHONE, communityWorld, personIn } from "./world";

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

/** Every tracker page fits a 360 px phone, in both languages. */
function trackerPages(): [keyof CommunityWorld["people"], string, RegExp][] {
  const escalated = `/c/${world.community.slug}/issues/${world.issues.dilapidated.number}`;
  return [
    ["staff", "/triage", /分拣台|Triage/],
    ["staff", "/issues/categories", /事项分类|Issue categories/],
    ["staff", escalated, /天目山路79号/],
    ["unitrep", "/unit", /本单位任务|Our action items/],
    ["dept", escalated, /天目山路79号/],
    ["unitrep", "/notifications", /通知|Notifications/],
    ["resident", "/units", /共建单位|Participating units/],
    ["resident", "/issues/new", /提交事项|Raise an issue/],
  ];
}

for (const locale of ["zh-CN", "en"]) {
  test(`tracker pages need no sideways scrolling on a 360 px phone (${locale})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const contexts = new Map<string, BrowserContext>();
    for (const [role, path, heading] of trackerPages()) {
      let context = contexts.get(role);
      if (!context) {
        context = (await personIn(browser, world.people[role], { locale, context: PHONE })).context;
        contexts.set(role, context);
      }
      const page = context.pages()[0];
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toHaveText(heading);
      expect(await hasNoHorizontalScroll(page), `${path} as ${role}`).toBe(true);
      await keepScreenshot(page, `${locale}-${role}-${path.replace(/\W+/g, "_")}`, { fullPage: true });
    }
    for (const context of contexts.values()) await context.close();
  });
}

test("the public list and the staff view of an issue read in English on a desktop", async ({ browser }) => {
  const visitor = await personIn(browser, null, { locale: "en", context: { viewport: { width: 1280, height: 900 } } });
  await visitor.page.goto(`/c/${world.community.slug}/issues`);
  await expect(visitor.page.getByRole("heading", { name: /public issues/ })).toBeVisible();
  await keepScreenshot(visitor.page, "en-desktop-public-list", { fullPage: true });
  await visitor.context.close();

  const staff = await personIn(browser, world.people.staff, { locale: "en", context: { viewport: { width: 1280, height: 900 } } });
  await staff.page.goto(`/c/${world.community.slug}/issues/${world.issues.charging.number}`);
  await expect(staff.page.getByRole("heading", { name: "Community handling" })).toBeVisible();
  await keepScreenshot(staff.page, "en-desktop-staff-issue", { fullPage: true });
  await staff.context.close();
});
