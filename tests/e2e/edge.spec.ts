import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import type { CommunityWorld } from "./world";
import { communityWorld } from "./world";

/** The web edge as a person in Chromium meets it: without JavaScript, and lured by another page. */

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

test.describe("signing in without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("returns to a page whose address has Chinese in it", async ({ page }) => {
    await page.goto(`/login?redirectTo=${encodeURIComponent("/issues/new?title=楼道堆物")}`);
    await page.locator("#username").fill(world.people.staff.username);
    await page.locator("#password").fill(world.people.staff.password);
    await page.locator('form[method="post"] button[type="submit"]').last().click();
    await expect(page).toHaveURL(/\/issues\/new\?title=%E6%A5%BC%E9%81%93%E5%A0%86%E7%89%A9$/);
    await expect(page.locator("h1").first()).toBeVisible();
  });

  test("stays on Yishi when the return address hides another host behind a tab", async ({ page, baseURL }) => {
    await page.goto("/login?redirectTo=%2F%09%2Flocalhost%3A8999%2Fphish");
    await page.locator("#username").fill(world.people.staff.username);
    await page.locator("#password").fill(world.people.staff.password);
    await page.locator('form[method="post"] button[type="submit"]').last().click();
    await expect(page).toHaveURL(`${baseURL}/`);
  });
});

test("a page on another port cannot sign a person out by submitting a form for them", async ({ page, baseURL }) => {
  // The attacker's page: same host, another port (the same *site*, so SameSite=Lax cookies are sent).
  const attacker = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(
      `<!doctype html><form id="f" method="post" action="${baseURL}/logout"></form><script>document.getElementById("f").submit()</script>`,
    );
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto("/login");
    await page.locator("#username").fill(world.people.staff.username);
    await page.locator("#password").fill(world.people.staff.password);
    await page.locator('form[method="post"] button[type="submit"]').last().click();
    await expect(page).not.toHaveURL(/\/login/);

    const { port } = attacker.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.getByRole("alert")).toContainText("这个请求来自其他网站");
    await expect(page).toHaveURL(`${baseURL}/logout`);

    await page.goto("/");
    await expect(page.getByText("社区工作台")).toBeVisible();
  } finally {
    attacker.close();
  }
});
