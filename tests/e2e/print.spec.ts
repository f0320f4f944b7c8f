import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import type { CommunityWorld } from "./world";
import { communityWorld, personIn } from "./world";

let world: CommunityWorld;

test.beforeAll(async () => {
  world = await communityWorld();
});

/** Elements a reader would see on paper that belong on screen only: navigation, buttons, forms, inputs. */
async function screenOnlyThingsShown(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("nav, button, form, input, select, textarea, summary, .btn-primary, .btn-secondary, body > header")]
      .filter((element) => {
        const box = (element as HTMLElement).getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
      })
      .map((element) => `${element.tagName.toLowerCase()} ${(element.textContent ?? "").trim().slice(0, 30)}`),
  );
}

test("staff print a decision page: a PDF with the decision, the community and the date, and no navigation or buttons", async ({
  browser,
}) => {
  const staff = await personIn(browser, world.people.staff, { context: { viewport: { width: 1280, height: 900 } } });
  await staff.page.goto(`/decisions/${world.decision.id}`);
  await expect(staff.page.getByRole("heading", { level: 1 })).toBeVisible();
  // On screen: the staff page has its navigation and action buttons.
  expect((await screenOnlyThingsShown(staff.page)).length).toBeGreaterThan(0);

  await staff.page.emulateMedia({ media: "print" });
  expect(await screenOnlyThingsShown(staff.page)).toEqual([]);
  const top = staff.page.getByTestId("print-top");
  await expect(top).toBeVisible();
  await expect(top).toContainText(world.community.nameZh);
  await expect(top).toContainText(/打印于 \d{4}年\d{1,2}月\d{1,2}日/);
  await expect(staff.page.getByText(world.decision.text.slice(0, 20))).toBeVisible();

  const out = test.info().outputPath("decision-print");
  fs.mkdirSync(out, { recursive: true });
  // The page as printed, to look at; and the PDF itself, as Chromium prints it on A4.
  await staff.page.screenshot({ path: path.join(out, "decision-print.png"), fullPage: true });
  const pdf = await staff.page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(out, "decision.pdf"), pdf);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(5_000);

  // The issue page prints the same way: the staff triage box, the follow box and the buttons stay on screen.
  await staff.page.emulateMedia({ media: "screen" });
  await staff.page.goto(`/c/${world.community.slug}/issues/${world.issues.dilapidated.number}`);
  await expect(staff.page.getByRole("heading", { level: 1 })).toBeVisible();
  await staff.page.emulateMedia({ media: "print" });
  expect(await screenOnlyThingsShown(staff.page)).toEqual([]);
  await expect(staff.page.getByRole("heading", { level: 1, name: /天目山路79号危旧房安全隐患/ })).toBeVisible();
  // Who raised it is for staff on screen only; a printout may be posted on a notice board.
  await expect(staff.page.getByRole("heading", { name: "提事人（仅社区工作人员可见）" })).toBeHidden();
  await expect(staff.page.getByTestId("print-top")).toContainText(world.community.nameZh);
  await staff.page.screenshot({ path: path.join(out, "issue-print.png"), fullPage: true });
  await staff.context.close();
});
