import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { createCommunity, createUser, unique } from "../helpers/fixtures";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import type { E2EPerson } from "./world";
import { e2eDb, personIn } from "./world";

const OUT = path.resolve("test-results/enrol");

/** A community with two grids, each with its worker, and a staff member. */
async function enrolWorld() {
  const db = e2eDb();
  const tag = unique();
  const { community, grid } = await createCommunity(db, { nameZh: `松木场社区 ${tag}`, nameEn: `Songmuchang ${tag}` });
  await db.grid.update({ where: { id: grid.id }, data: { nameZh: "松木场第一网格", nameEn: "Songmuchang Grid 1" } });
  const grid2 = await db.grid.create({
    data: { communityId: community.id, code: `B-${unique()}`, nameZh: "松木场第二网格", nameEn: "Songmuchang Grid 2" },
  });
  const as = async (role: "grid_worker" | "community_staff", displayName: string, gridId?: string): Promise<E2EPerson> => {
    const made = await createUser(db, { communityId: community.id, role, displayName, gridId });
    return { id: made.user.id, username: made.username, password: made.password, displayName };
  };
  return {
    db,
    community,
    grid,
    grid2,
    worker: await as("grid_worker", "周网格", grid.id),
    otherWorker: await as("grid_worker", "吴网格", grid2.id),
    staff: await as("community_staff", "陈晓燕"),
    phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
  };
}

test("a resident registers on a 360 px phone, the grid worker verifies her at the door, and she sees it", async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(OUT, { recursive: true });
  const world = await enrolWorld();

  // ── 张阿姨 finds "register" on the sign-in page of her phone ──
  const phone = await personIn(browser, null, { phone: true });
  await phone.page.goto("/login");
  await phone.page.getByRole("link", { name: "还没有账号？用手机号自己注册" }).click();
  await expect(phone.page.getByRole("heading", { name: "注册账号" })).toBeVisible();
  await phone.page.getByLabel("姓名", { exact: true }).fill("张桂英");
  await phone.page.getByLabel("手机号", { exact: true }).fill(world.phone.replace(/(\d{3})(\d{4})/, "$1 $2 "));
  await phone.page.getByLabel("楼栋", { exact: true }).fill("3号楼");
  await phone.page.getByLabel("单元", { exact: true }).fill("2");
  await phone.page.getByLabel("门牌", { exact: true }).fill("301室");
  await phone.page.getByLabel("所在社区和网格", { exact: true }).selectOption({ label: `${world.community.nameZh} · 松木场第一网格` });
  await phone.page.getByLabel("设置密码", { exact: true }).fill("桂花 开了 三次");
  await phone.page.getByLabel("再输一遍密码", { exact: true }).fill("桂花 开了 三次");
  // Forgetting the consent box: refused next to it, and nothing typed is lost (passwords aside).
  await phone.page.getByRole("button", { name: "注册" }).click();
  await expect(phone.page.locator("#consent-error")).toHaveText("请先勾选同意，社区才能核实您的住址。");
  await expect(phone.page.getByLabel("姓名", { exact: true })).toHaveValue("张桂英");
  await expect(phone.page.getByLabel("门牌", { exact: true })).toHaveValue("301室");
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
  expect(await seriousViolations(phone.page, "register (refused)")).toEqual([]);
  await phone.page.screenshot({ path: `${OUT}/register-phone-zh.png`, fullPage: true });

  await phone.page.getByLabel("设置密码", { exact: true }).fill("桂花 开了 三次");
  await phone.page.getByLabel("再输一遍密码", { exact: true }).fill("桂花 开了 三次");
  await phone.page.getByRole("checkbox").check();
  await phone.page.getByRole("button", { name: "注册" }).click();
  await expect(phone.page).toHaveURL(/\/register\/status$/);
  await expect(phone.page.getByText("正在等待核实")).toBeVisible();
  await expect(phone.page.getByText("待核实", { exact: true })).toBeVisible();
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
  expect(await seriousViolations(phone.page, "registration status")).toEqual([]);
  await phone.page.screenshot({ path: `${OUT}/status-pending-phone-zh.png`, fullPage: true });

  // ── The other grid's worker has nothing to check; hers sees her, at the door ──
  const other = await personIn(browser, world.otherWorker);
  await other.page.goto("/people/verify");
  await expect(other.page.getByText("现在没有待核实的注册。")).toBeVisible();

  const worker = await personIn(browser, world.worker);
  await worker.page.goto("/");
  await worker.page.getByRole("link", { name: "注册核实" }).click();
  await expect(worker.page.getByRole("heading", { name: "待核实的注册" })).toBeVisible();
  const entry = worker.page.getByRole("listitem").filter({ hasText: "张桂英" });
  await expect(entry).toContainText("3幢2单元301室");
  await expect(entry).toContainText(world.phone);
  expect(await seriousViolations(worker.page, "verification queue")).toEqual([]);
  await worker.page.screenshot({ path: `${OUT}/verify-desktop-zh.png`, fullPage: true });
  await entry.getByLabel("当面核实（上门或在办公室）", { exact: true }).first().check();
  await entry.getByLabel("备注（选填）", { exact: true }).first().fill("上门看了身份证");
  await entry.getByRole("button", { name: "核实通过" }).click();
  await expect(worker.page.getByRole("status")).toHaveText("已核实通过：张桂英");
  await expect(worker.page.getByText("现在没有待核实的注册。")).toBeVisible();

  // ── She is told, and can vote from now on ──
  await phone.page.goto("/notifications");
  await expect(phone.page.getByText("您的住址已核实，可以参加议事表决了")).toBeVisible();
  await phone.page.goto("/register/status");
  await expect(phone.page.getByText("已核实，您可以参加议事表决了。")).toBeVisible();
  const resident = await world.db.user.findFirstOrThrow({ where: { phone: world.phone } });
  const record = await world.db.residentRecord.findFirstOrThrow({ where: { userId: resident.id } });
  expect(record).toMatchObject({ verification: "verified", verifiedById: world.worker.id, building: "3", entrance: "2", room: "301" });
});

test("a declined registration in English on a phone, the decline form keeps what was typed, and my data", async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(OUT, { recursive: true });
  const world = await enrolWorld();
  const desk = await personIn(browser, null, { locale: "en" });
  await desk.page.goto("/register");
  await expect(desk.page.getByRole("heading", { name: "Register" })).toBeVisible();
  expect(await seriousViolations(desk.page, "register (en)")).toEqual([]);
  await desk.page.screenshot({ path: `${OUT}/register-desktop-en.png`, fullPage: true });
  await desk.page.getByLabel("Name", { exact: true }).fill("Li Jianguo");
  await desk.page.getByLabel("Mobile number", { exact: true }).fill(world.phone);
  await desk.page.getByLabel("Building", { exact: true }).fill("5");
  await desk.page.getByLabel("Flat", { exact: true }).fill("101");
  await desk.page
    .getByLabel("Community and grid", { exact: true })
    .selectOption({ label: `${world.community.nameEn} · Songmuchang Grid 2` });
  await desk.page.getByLabel("Choose a password", { exact: true }).fill("osmanthus blooms three times");
  await desk.page.getByLabel("Type the password again", { exact: true }).fill("osmanthus blooms three times");
  await desk.page.getByRole("checkbox").check();
  await desk.page.getByRole("button", { name: "Register" }).click();
  await expect(desk.page.getByText("Waiting to be verified.", { exact: false })).toBeVisible();

  const staff = await personIn(browser, world.staff, { locale: "en", phone: true });
  await staff.page.goto("/people/verify");
  const entry = staff.page.getByRole("listitem").filter({ hasText: "Li Jianguo" });
  await entry.getByLabel("By phone call", { exact: true }).nth(1).check();
  await entry.getByRole("button", { name: "Decline" }).click();
  await expect(entry.locator(".field-error")).toHaveText("Please give the reason for declining.");
  await expect(entry.getByLabel("By phone call", { exact: true }).nth(1)).toBeChecked();
  expect(await hasNoHorizontalScroll(staff.page)).toBe(true);
  expect(await seriousViolations(staff.page, "verification queue (en, refused)")).toEqual([]);
  await staff.page.screenshot({ path: `${OUT}/verify-phone-en.png`, fullPage: true });
  await entry.getByLabel("Reason (the person will be told)", { exact: true }).fill("Nobody of that name lives in 5-101.");
  await entry.getByRole("button", { name: "Decline" }).click();
  await expect(staff.page.getByRole("status")).toHaveText("Li Jianguo has been told why the registration was declined");

  await desk.page.goto("/register/status");
  await expect(desk.page.getByText("Reason: Nobody of that name lives in 5-101.")).toBeVisible();
  await expect(desk.page.getByRole("button", { name: "Apply again" })).toBeVisible();
  expect(await seriousViolations(desk.page, "registration declined (en)")).toEqual([]);
  await desk.page.screenshot({ path: `${OUT}/status-declined-desktop-en.png`, fullPage: true });

  // My data, from the account menu.
  await desk.page.goto("/account/data");
  await expect(desk.page.getByRole("heading", { name: "My data" })).toBeVisible();
  await expect(desk.page.getByRole("definition").filter({ hasText: world.phone }).first()).toBeVisible();
  expect(await seriousViolations(desk.page, "my data (en)")).toEqual([]);
  await desk.page.screenshot({ path: `${OUT}/my-data-desktop-en.png`, fullPage: true });
  const download = await desk.page.request.get("/account/data.csv");
  expect(download.headers()["content-type"]).toContain("text/csv");
  expect(await download.text()).toContain(world.phone);

  const phone = await personIn(browser, null, { phone: true });
  const cookies = await desk.context.cookies();
  await phone.context.addCookies(cookies);
  await phone.page.goto("/account/data");
  await expect(phone.page.getByRole("heading", { name: "我的数据" })).toBeVisible();
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
  await phone.page.screenshot({ path: `${OUT}/my-data-phone-zh.png`, fullPage: true });
});

test("staff create a participating unit, add its representative, and archive it; the directory no longer lists it", async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(OUT, { recursive: true });
  const world = await enrolWorld();
  const teacher = await createUser(world.db, { communityId: world.community.id, role: "resident", displayName: "刘老师" });
  const unitName = `松木场幼儿园 ${unique()}`;

  const office = await personIn(browser, world.staff);
  await office.page.goto("/");
  await office.page.getByRole("link", { name: "管理单位" }).click();
  await expect(office.page.getByRole("heading", { name: "管理共建单位" })).toBeVisible();
  // Saving without a name: refused next to the field, the rest kept.
  await office.page.getByLabel("联系人（选填）", { exact: true }).fill("王园长");
  await office.page.getByRole("button", { name: "新增并去添加代表" }).click();
  await expect(office.page.locator("#nameZh-error")).toHaveText("此项必填。");
  await expect(office.page.getByLabel("联系人（选填）", { exact: true })).toHaveValue("王园长");
  await office.page.getByLabel("单位名称（中文）", { exact: true }).fill(unitName);
  await office.page.getByLabel("单位类型", { exact: true }).selectOption("school");
  await office.page.getByLabel("界别", { exact: true }).selectOption("culture");
  expect(await seriousViolations(office.page, "manage units")).toEqual([]);
  await office.page.screenshot({ path: `${OUT}/units-desktop-zh.png`, fullPage: true });
  await office.page.getByRole("button", { name: "新增并去添加代表" }).click();
  await expect(office.page.getByRole("heading", { name: unitName })).toBeVisible();

  await office.page.getByLabel("添加代表（从本社区的人员中选）").selectOption({ label: "刘老师" });
  await office.page.getByRole("button", { name: "添加代表" }).click();
  await expect(office.page.getByRole("status")).toHaveText("已添加代表。");
  await expect(office.page.getByRole("button", { name: "取消 刘老师 的代表身份" })).toBeVisible();
  expect(await seriousViolations(office.page, "edit unit")).toEqual([]);
  const unit = await world.db.unit.findFirstOrThrow({ where: { nameZh: unitName } });
  expect(await world.db.membership.count({ where: { userId: teacher.user.id, role: "unit_rep", unitId: unit.id } })).toBe(1);

  await office.page.getByRole("button", { name: "归档这个单位" }).click();
  await expect(office.page.getByRole("status")).toHaveText("已归档。");
  await office.page.goto("/units");
  await expect(office.page.getByText(unitName)).toHaveCount(0);

  const phone = await personIn(browser, world.staff, { phone: true, locale: "en" });
  await phone.page.goto(`/admin/units/${unit.id}`);
  await expect(phone.page.getByRole("button", { name: "Restore this unit" })).toBeVisible();
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
  await phone.page.screenshot({ path: `${OUT}/unit-edit-phone-en.png`, fullPage: true });
});
