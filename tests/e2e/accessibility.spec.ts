import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { forEachPageReachableFromHeader } from "./helpers";
import type { CommunityWorld, E2EPerson } from "./world";
import { PHONE, communityWorld, signInAs } from "./world";

/**
 * axe-core against WCAG 2.1 A and AA on every page a person can reach, in both languages: a serious or
 * critical violation fails the test with the rule, the element and the page in the message.
 */
const LANGUAGES = ["zh-CN", "en"] as const;
type Language = (typeof LANGUAGES)[number];
const ROLES = [null, "admin", "staff", "host", "grid", "resident", "unitrep", "dept", "expert"] as const;

/** One community with a person in every role and something on every page (tests/e2e/world.ts). */
let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

async function contextIn(
  browser: Browser,
  language: Language,
  options: { phone?: boolean; person?: E2EPerson } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: language,
    extraHTTPHeaders: { "Accept-Language": language },
    ...(options.phone ? PHONE : {}),
  });
  if (options.person) await signInAs(context, options.person);
  return context;
}

/** A new browser in that language; with large text chosen the way a person does, with the "A A" button. */
async function pageIn(
  browser: Browser,
  language: Language,
  textSize: "normal" | "large",
  options: { phone?: boolean; person?: E2EPerson } = {},
): Promise<Page> {
  const page = await (await contextIn(browser, language, options)).newPage();
  if (textSize === "large") {
    await page.goto("/");
    await page.locator('form[action="/set-text-size"] button[value="large"]').click();
    await expect(page.locator("html")).toHaveAttribute("data-text-size", "large");
  }
  return page;
}

for (const language of LANGUAGES) {
  for (const username of ROLES) {
    const who = username ?? "a visitor without an account";
    test(`${who} meets WCAG 2.1 AA on every page reachable from the header (${language})`, async ({ browser }) => {
      // Generous ceilings: axe takes a few seconds per page when the machine is shared by many test runs.
      test.setTimeout(240_000);
      const context = await contextIn(browser, language, { person: username ? world.people[username] : undefined });
      const page = await context.newPage();
      const problems: string[] = [];
      await forEachPageReachableFromHeader(page, async (path, response) => {
        expect(response?.status(), `${who} ${path}`).toBeLessThan(400);
        problems.push(...(await seriousViolations(page, `${who} (${language})`)));
      });
      expect(problems).toEqual([]);
      await context.close();
    });
  }
}

test.describe("pages not linked from the header", () => {
  for (const language of LANGUAGES) {
    for (const textSize of ["normal", "large"] as const) {
      test(`public pages, the voter page, the projector and forms showing errors meet WCAG 2.1 AA (${language}, ${textSize} text)`, async ({
        browser,
      }) => {
        test.setTimeout(240_000);
        const problems: string[] = [];
        const check = async (page: Page, what: string) =>
          problems.push(...(await seriousViolations(page, `${what} (${language}, ${textSize} text)`)));

        // A visitor reads the public record.
        const { community, meetings, issues } = world;
        const visitor = await pageIn(browser, language, textSize);
        await visitor.goto(`/c/${community.slug}/meetings/${meetings.ended.meeting.id}`);
        await check(visitor, "public meeting page");
        await visitor.goto(`/c/${community.slug}/meetings/${meetings.ended.meeting.id}/minutes`);
        await expect(visitor.getByTestId("content-hash")).toBeVisible();
        await check(visitor, "public minutes");
        await visitor.goto(`/c/${community.slug}/issues/${issues.property.number}`);
        await check(visitor, "public issue page");

        // Signing in with a wrong password shows the error next to the form.
        await visitor.goto("/login");
        await visitor.locator("#username").fill(world.people.staff.username);
        await visitor.locator("#password").fill("not-the-password");
        await visitor.locator('form[method="post"] button[type="submit"]').last().click();
        await expect(visitor.getByRole("alert")).toBeVisible();
        await check(visitor, "sign-in with an error");
        await visitor.context().close();

        // A resident sends the raise-an-issue form without a title.
        const resident = await pageIn(browser, language, textSize, { person: world.people.resident });
        await resident.goto("/issues/new");
        await resident.locator("#description").fill("楼道灯坏了两个星期。");
        await resident.locator("form[method='post'] button[type='submit']").last().click();
        await expect(resident.locator("#title")).toHaveAttribute("aria-invalid", "true");
        await check(resident, "raise-an-issue form with an error");
        await resident.context().close();

        // A voter on a phone with a vote open, and the projector on the big screen.
        const voter = await pageIn(browser, language, textSize, { phone: true, person: world.people.resident });
        await voter.goto(`/m/${meetings.live.meeting.code}`);
        await expect(voter.getByTestId("ballot-mode")).toBeVisible();
        await check(voter, "voter page");
        await voter.context().close();

        const projector = await pageIn(browser, language, textSize, { person: world.people.staff });
        await projector.setViewportSize({ width: 1600, height: 900 });
        await projector.goto(`/meetings/${meetings.live.meeting.id}/projector`);
        await expect(projector.getByTestId("projector-code")).toHaveText(meetings.live.meeting.code);
        await check(projector, "projector");
        await projector.context().close();

        expect(problems).toEqual([]);
      });
    }
  }
});

for (const language of LANGUAGES) {
  test(`on a 360 px phone the header with its account menu open meets WCAG 2.1 AA (${language})`, async ({ browser }) => {
    test.setTimeout(120_000);
    for (const username of [null, "admin", "resident"] as const) {
      const context = await contextIn(browser, language, { phone: true, person: username ? world.people[username] : undefined });
      const page = await context.newPage();
      if (username) {
        await page.goto("/");
        await page.locator("header details summary").click();
        await expect(page.locator("header details")).toHaveAttribute("open", "");
      } else await page.goto("/");
      expect(await seriousViolations(page, `${username ?? "a visitor"} on a phone (${language})`)).toEqual([]);
      await context.close();
    }
  });
}
