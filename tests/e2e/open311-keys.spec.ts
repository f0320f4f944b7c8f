import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { communityWorld, personIn } from "./world";

let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

test("staff create an Open311 key on a phone, a client files with it, and staff revoke it", async ({ browser }) => {
  test.setTimeout(90_000);
  const staff = await personIn(browser, world.people.staff, { phone: true });
  await staff.page.goto("/triage");
  await staff.page.getByRole("link", { name: "Open311 接口密钥" }).click();
  await expect(staff.page.getByRole("heading", { name: "Open311 接口密钥", level: 1 })).toBeVisible();

  await staff.page.getByRole("button", { name: "创建密钥" }).click();
  await expect(staff.page.locator("#label-error")).toBeVisible();
  await staff.page.getByLabel("客户端").fill("12345 热线对接");
  await staff.page.getByRole("button", { name: "创建密钥" }).click();
  const key = (await staff.page.getByTestId("new-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^o311_/);
  expect(await seriousViolations(staff.page, "/open311-keys zh phone")).toEqual([]);
  expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
  await keepScreenshot(staff.page, "phone-open311-keys-zh", { fullPage: true });

  const filed = await staff.page.request.post("/open311/v2/requests.json", {
    form: {
      api_key: key,
      jurisdiction_id: world.community.slug,
      service_code: "environment",
      description: "楼道垃圾无人清运",
      phone: "13900000000",
    },
  });
  expect(filed.status()).toBe(201);
  const [{ service_request_id: id }] = (await filed.json()) as { service_request_id: string }[];
  const read = await staff.page.request.get(`/open311/v2/requests/${id}.json?jurisdiction_id=${world.community.slug}`);
  expect(await read.text()).not.toContain("13900000000");

  await staff.page.goto("/open311-keys");
  const item = staff.page.getByRole("listitem").filter({ hasText: "12345 热线对接" });
  await expect(item.getByText(/最近使用/)).toBeVisible();
  await item.getByRole("button", { name: "吊销密钥“12345 热线对接”" }).click();
  await expect(
    staff.page
      .getByRole("listitem")
      .filter({ hasText: "12345 热线对接" })
      .getByText(/已于 .* 吊销/),
  ).toBeVisible();
  const refused = await staff.page.request.post("/open311/v2/requests.json", {
    form: { api_key: key, service_code: "environment", description: "再试一次" },
  });
  expect(refused.status()).toBe(403);
  // A body over the limit is refused at the edge, still in the spec's error form.
  const huge = await staff.page.request.post("/open311/v2/requests.json", {
    form: { api_key: key, service_code: "environment", description: "x".repeat(300 * 1024) },
  });
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toEqual([{ code: 413, description: expect.any(String) }]);
  await staff.context.close();
});

test("English: the Open311 key page reads in English and passes axe on a desktop", async ({ browser }) => {
  const staff = await personIn(browser, world.people.staff, { locale: "en" });
  await staff.page.goto("/open311-keys");
  await expect(staff.page.getByRole("heading", { name: "Open311 API keys", level: 1 })).toBeVisible();
  await staff.page.getByLabel("Client").fill("Hotline bridge");
  await staff.page.getByRole("button", { name: "Create key" }).click();
  await expect(staff.page.getByTestId("new-key")).toBeVisible();
  expect(await seriousViolations(staff.page, "/open311-keys en")).toEqual([]);
  await keepScreenshot(staff.page, "desktop-open311-keys-en", { fullPage: true });
  await staff.context.close();
});
