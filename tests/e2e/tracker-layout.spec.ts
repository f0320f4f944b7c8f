import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll, signIn } from "./helpers";

/** Every tracker page fits a 360 px phone, in both languages (screenshots kept with the test output). */
const pages: [string, string, RegExp][] = [
  ["staff", "/triage", /分拣台|Triage/],
  ["staff", "/issues/categories", /事项分类|Issue categories/],
  ["staff", "/c/songmuchang/issues/2", /天目山路79号/],
  ["unitrep", "/unit", /本单位任务|Our action items/],
  ["dept", "/c/songmuchang/issues/2", /天目山路79号/],
  ["unitrep", "/notifications", /通知|Notifications/],
  ["resident", "/units", /共建单位|Participating units/],
  ["resident", "/issues/new", /提交事项|Raise an issue/],
];

for (const locale of ["zh-CN", "en"]) {
  test(`tracker pages need no sideways scrolling on a 360 px phone (${locale})`, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const contexts = new Map<string, Awaited<ReturnType<typeof browser.newContext>>>();
    for (const [username, path, heading] of pages) {
      let context = contexts.get(username);
      if (!context) {
        context = await browser.newContext({
          locale,
          viewport: { width: 360, height: 740 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
        });
        const page = await context.newPage();
        await signIn(page, username);
        contexts.set(username, context);
      }
      const page = context.pages()[0];
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toHaveText(heading);
      expect(await hasNoHorizontalScroll(page), `${path} as ${username}`).toBe(true);
      await page.screenshot({ path: testInfo.outputPath(`${locale}-${username}-${path.replace(/\W+/g, "_")}.png`), fullPage: true });
    }
    for (const context of contexts.values()) await context.close();
  });
}

test("desktop screenshots of the public list and the staff issue page in English", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: "en", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/c/songmuchang/issues");
  await expect(page.getByRole("heading", { name: /public issues/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("en-desktop-public-list.png"), fullPage: true });
  await signIn(page, "staff");
  await page.goto("/c/songmuchang/issues/7");
  await expect(page.getByRole("heading", { name: "Community handling" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("en-desktop-staff-issue.png"), fullPage: true });
  await context.close();
});
