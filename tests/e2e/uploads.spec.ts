import { expect, test } from "@playwright/test";
import { communityWorld, signInAs } from "./world";

test("a title typed with a NUL is saved without it and its issue page hydrates without errors", async ({ page, context }) => {
  const world = await communityWorld();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await signInAs(context, world.people.grid);
  await page.goto("/issues/new");
  const stamp = Date.now() % 100000;
  // A NUL cannot be typed on a keyboard, but pasted text and scripted clients carry them.
  await page.locator("#title").evaluate((input, value) => ((input as HTMLInputElement).value = value), `楼道\u0000堆物\u0007占用 ${stamp}`);
  await page.locator("#description").fill("一楼楼道堆满纸箱，消防通道被占。");
  await page.locator("#categoryId").selectOption({ index: 1 });
  await page.getByRole("button", { name: "提交事项" }).click();
  await expect(page.getByText("事项已提交，编号")).toBeVisible();
  await expect(page.getByRole("heading", { name: `楼道堆物占用 ${stamp}` })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: `楼道堆物占用 ${stamp}` })).toBeVisible();
  // React marks the elements it has hydrated; wait for that instead of a fixed delay.
  await page.waitForFunction(() => {
    const heading = document.querySelector("h1");
    return !!heading && Object.keys(heading).some((key) => key.startsWith("__reactFiber"));
  });
  expect(problems.filter((text) => /hydrat|did not match|Minified React error/i.test(text))).toEqual([]);
});
