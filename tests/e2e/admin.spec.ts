import { expect, test } from "@playwright/test";
import { createCommunity, createUser, unique } from "../helpers/fixtures";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { E2EPerson } from "./world";
import { e2eDb, personIn } from "./world";

/** A community of its own: two staff members, a resident who will become a grid worker, one who moves away. */
async function officeWorld() {
  const db = e2eDb();
  const { community, grid } = await createCommunity(db, { nameZh: `松木场社区 ${unique()}`, nameEn: "Songmuchang" });
  await db.grid.update({ where: { id: grid.id }, data: { nameZh: "松木场第一网格", nameEn: "Songmuchang Grid 1" } });
  const as = (created: Awaited<ReturnType<typeof createUser>>, displayName: string): E2EPerson => ({
    id: created.user.id,
    username: created.username,
    password: created.password,
    displayName,
  });
  const staff = as(await createUser(db, { communityId: community.id, role: "community_staff", displayName: "陈晓燕" }), "陈晓燕");
  await createUser(db, { communityId: community.id, role: "community_staff", displayName: "孙丽" });
  const newWorker = as(await createUser(db, { communityId: community.id, role: "resident", displayName: "张丽萍" }), "张丽萍");
  const leaving = as(await createUser(db, { communityId: community.id, role: "resident", displayName: "蒋卫国" }), "蒋卫国");
  return { db, community, grid, staff, newWorker, leaving };
}

test("staff give a grid-worker role and deactivate someone who moved away; the audit trail shows both, in Chinese and English", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const world = await officeWorld();
  const office = await personIn(browser, world.staff);
  const { page } = office;

  // ── From the roll to 张丽萍's page; she becomes the worker of the first grid ──
  await page.goto("/people");
  await page.getByRole("link", { name: "张丽萍" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /张丽萍/ })).toBeVisible();
  await page.getByRole("combobox", { name: "角色", exact: true }).selectOption("grid_worker");
  await page.getByRole("button", { name: "授予角色" }).click();
  // Refused without a grid, with what was chosen kept.
  await expect(page.getByText("请选择此网格员负责的网格。")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "角色", exact: true })).toHaveValue("grid_worker");
  await page.getByLabel("网格（网格员需选择）").selectOption(world.grid.id);
  await page.getByRole("button", { name: "授予角色" }).click();
  await expect(page.getByRole("status")).toHaveText("已授予角色。");
  await expect(page.getByText(/网格员/).first()).toBeVisible();
  expect(await world.db.membership.count({ where: { userId: world.newWorker.id, role: "grid_worker", gridId: world.grid.id } })).toBe(1);
  expect(await seriousViolations(page, "person page")).toEqual([]);
  await keepScreenshot(page, "person-desktop-zh", { fullPage: true });

  // ── 蒋卫国 moved away: his account is deactivated and his phone is signed out at once ──
  const his = await personIn(browser, world.leaving, { phone: true });
  await his.page.goto("/");
  await page.goto(`/people/${world.leaving.id}`);
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByRole("status")).toHaveText("账号已停用，并已在所有设备上退出登录。");
  await expect(page.getByText("已停用", { exact: true })).toBeVisible();
  await his.page.reload();
  await expect(his.page.getByRole("link", { name: "登录" })).toBeVisible();
  // Signing in again tells him why, not just "wrong password".
  await his.page.goto("/login");
  await his.page.locator("#username").fill(world.leaving.username);
  await his.page.locator("#password").fill(world.leaving.password);
  await his.page.locator('form[method="post"] button[type="submit"]').last().click();
  await expect(his.page.getByRole("alert")).toHaveText("此账号已停用，请联系社区办公室。");
  await his.context.close();

  // ── The audit trail ──
  await page.getByRole("link", { name: "操作记录", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "操作记录" })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  await expect(rows.nth(0)).toContainText("陈晓燕 停用了账号");
  await expect(rows.nth(1)).toContainText("陈晓燕 授予角色“网格员”");
  await page.getByLabel("记录类型").selectOption("user");
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByRole("status")).toHaveText("共 2 条");
  expect(await seriousViolations(page, "audit trail")).toEqual([]);
  await keepScreenshot(page, "audit-desktop-zh", { fullPage: true });
  await rows.nth(1).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/people/${world.newWorker.id}$`));

  // ── The same trail in English, on a phone ──
  const english = await personIn(browser, world.staff, { locale: "en", phone: true });
  await english.page.goto("/audit");
  await expect(english.page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(english.page.getByTestId("audit-row").nth(0)).toContainText("陈晓燕 deactivated the account");
  await expect(english.page.getByTestId("audit-row").nth(1)).toContainText("陈晓燕 gave the role “Grid worker”");
  expect(await hasNoHorizontalScroll(english.page)).toBe(true);
  expect(await seriousViolations(english.page, "audit trail (en)")).toEqual([]);
  await keepScreenshot(english.page, "audit-phone-en", { fullPage: true });
  await english.page.goto(`/people/${world.newWorker.id}`);
  expect(await hasNoHorizontalScroll(english.page)).toBe(true);
  expect(await seriousViolations(english.page, "person page (en)")).toEqual([]);
  await keepScreenshot(english.page, "person-phone-en", { fullPage: true });
  await english.context.close();
  await office.context.close();
});

test("a resident changes their password on a phone, sees the computer they are also signed in on, and signs out everywhere", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const world = await officeWorld();
  const resident = world.newWorker;
  const computer = await personIn(browser, resident);
  await computer.page.goto("/");
  const phone = await personIn(browser, resident, { phone: true });
  const { page } = phone;

  await page.goto("/");
  await page.locator("header details summary").click();
  // The open menu stays on the screen of a 360 px phone.
  const menuLink = page.getByRole("link", { name: "我的账号" });
  const box = await menuLink.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
  await keepScreenshot(page, "header-menu-phone-zh");
  await menuLink.click();
  await expect(page.getByRole("heading", { level: 1, name: "我的账号" })).toBeVisible();
  await expect(page.getByTestId("session")).toHaveCount(2);
  await expect(page.getByTestId("session").filter({ hasText: "本设备" })).toHaveCount(1);
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  expect(await seriousViolations(page, "account page")).toEqual([]);
  await keepScreenshot(page, "account-phone-zh", { fullPage: true });

  // A wrong current password is refused next to its field; a weak new one next to its own.
  await page.getByLabel("当前密码").fill("not my password");
  await page.getByLabel("新密码", { exact: true }).fill("松木场 桂花 开了三次");
  await page.getByLabel("再次输入新密码").fill("松木场 桂花 开了三次");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("当前密码不正确。")).toBeVisible();
  await page.getByLabel("当前密码").fill(resident.password);
  await page.getByLabel("新密码", { exact: true }).fill("12345678");
  await page.getByLabel("再次输入新密码").fill("12345678");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.locator("#password-error")).toBeVisible();

  const newPassword = "松木场 桂花 开了三次";
  await page.getByLabel("当前密码").fill(resident.password);
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("再次输入新密码").fill(newPassword);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByRole("status")).toHaveText("密码已修改，其他设备已退出登录。");
  // The computer was signed out by the change; the phone stays.
  await expect(page.getByTestId("session")).toHaveCount(1);
  await computer.page.reload();
  await expect(computer.page.getByRole("link", { name: "登录" })).toBeVisible();

  // Signed in again on the computer with the new password, then out everywhere from the phone.
  await computer.page.goto("/login");
  await computer.page.locator("#username").fill(resident.username);
  await computer.page.locator("#password").fill(newPassword);
  await computer.page.locator('form[method="post"] button[type="submit"]').last().click();
  await expect(computer.page).not.toHaveURL(/\/login/);
  await computer.page.goto("/account");
  await expect(computer.page.getByTestId("session")).toHaveCount(2);
  await keepScreenshot(computer.page, "account-desktop-zh", { fullPage: true });

  await page.reload();
  await page.getByRole("button", { name: "退出所有设备" }).click();
  await expect(page).toHaveURL(/\/logout$/);
  await computer.page.reload();
  await expect(computer.page).toHaveURL(/\/login/);
  expect(await world.db.session.count({ where: { userId: resident.id } })).toBe(0);
  await computer.context.close();
  await phone.context.close();

  // The English page, for the screenshots and axe.
  const english = await personIn(browser, resident, { locale: "en", phone: true });
  await english.page.goto("/account");
  await expect(english.page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  expect(await seriousViolations(english.page, "account page (en)")).toEqual([]);
  await keepScreenshot(english.page, "account-phone-en", { fullPage: true });
  await english.context.close();
});
