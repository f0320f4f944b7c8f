import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { createCommunity, createMeeting, createUser, unique } from "../helpers/fixtures";
import { hasNoHorizontalScroll } from "./helpers";
import type { E2EPerson } from "./world";
import { e2eDb, openSecretPoll, personIn } from "./world";

const OUT = path.resolve("test-results/people");

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = ["秀英", "桂英", "建国", "玉兰", "德明", "淑珍", "志强", "海燕", "国庆", "丽华"];

/**
 * A roll as a community office keeps it: 50 households, typed by different hands (full-width digits,
 * spaces in phones, 3幢 and 3号楼, 301 and 301室), with three rows that cannot go in as they are.
 */
async function rollWorkbook(gridCode: string, tag: string): Promise<{ bytes: Buffer; first: { name: string; phone: string } }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("居民名册");
  sheet.addRow(["序号", "姓名", "手机号码", "楼栋", "单元", "门牌号", "所属网格", "是否居民代表"]);
  const phone = (i: number) => `15${tag}${String(i).padStart(6, "0")}`;
  for (let i = 1; i <= 50; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}${i}`;
    const building = i % 3 === 0 ? `${Math.ceil(i / 10)}号楼` : i % 3 === 1 ? `${Math.ceil(i / 10)}幢` : "３";
    const typedPhone = i % 4 === 0 ? phone(i).replace(/(\d{3})(\d{4})/, "$1 $2 ") : phone(i);
    sheet.addRow([
      i,
      name,
      typedPhone,
      building,
      `${(i % 2) + 1}单元`,
      i % 2 ? `${100 + i}室` : `${100 + i}`,
      gridCode,
      i <= 7 ? "是" : "",
    ]);
  }
  // Three rows that need staff: a phone one digit short, a grid that does not exist, the first person again.
  sheet.getRow(11).getCell(3).value = "1380013";
  sheet.getRow(21).getCell(7).value = "第九网格";
  sheet.getRow(31).getCell(2).value = sheet.getRow(2).getCell(2).value;
  sheet.getRow(31).getCell(3).value = sheet.getRow(2).getCell(3).value;
  sheet.getRow(31).getCell(4).value = sheet.getRow(2).getCell(4).value;
  sheet.getRow(31).getCell(5).value = sheet.getRow(2).getCell(5).value;
  sheet.getRow(31).getCell(6).value = sheet.getRow(2).getCell(6).value;
  return {
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    first: { name: String(sheet.getRow(2).getCell(2).value), phone: phone(1) },
  };
}

test("staff import a 50-row roll with three bad rows, fix one, print the letters; a resident activates from the QR code on a phone and votes", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  fs.mkdirSync(OUT, { recursive: true });
  const db = e2eDb();
  const tag = String(Math.floor(Math.random() * 900) + 100);
  const { community, grid } = await createCommunity(db, { nameZh: `松木场社区 ${unique()}`, nameEn: "Songmuchang" });
  await db.grid.update({ where: { id: grid.id }, data: { code: "SMC-01", nameZh: "松木场第一网格", nameEn: "Songmuchang Grid 1" } });
  const staffUser = await createUser(db, { communityId: community.id, role: "community_staff", displayName: "陈晓燕" });
  const hostUser = await createUser(db, { communityId: community.id, role: "meeting_host", displayName: "李卫东" });
  const staff: E2EPerson = { id: staffUser.user.id, username: staffUser.username, password: staffUser.password, displayName: "陈晓燕" };
  const roll = await rollWorkbook("SMC-01", tag);

  // ── 社区工作人员 uploads the roll and sees every row checked ──
  const office = await personIn(browser, staff);
  await office.page.goto("/");
  await office.page.getByRole("link", { name: "居民名册" }).click();
  await office.page.getByRole("link", { name: "导入居民名册" }).click();
  await office.page.locator("#roll").setInputFiles({
    name: "松木场居民名册.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: roll.bytes,
  });
  await office.page.getByRole("button", { name: "上传并核对" }).click();
  await expect(office.page.getByRole("heading", { name: "核对名册" })).toBeVisible();
  await expect(office.page.getByTestId("count-new")).toHaveText("47");
  await expect(office.page.getByTestId("count-invalid")).toHaveText("3");
  await expect(office.page.getByText("手机号不正确。")).toBeVisible();
  await expect(office.page.getByText("本社区没有这个网格。")).toBeVisible();
  await expect(office.page.getByText("与第 2 行重复。")).toBeVisible();
  await office.page.screenshot({ path: `${OUT}/preview-desktop-zh.png`, fullPage: true });

  // Line 21 named a grid the community does not have: staff choose the right one.
  const line21 = office.page.locator("#line-21");
  await line21.getByLabel("网格").selectOption("SMC-01");
  await line21.getByRole("button", { name: "保存修改" }).click();
  await expect(office.page.getByTestId("count-new")).toHaveText("48");
  await expect(office.page.getByTestId("count-invalid")).toHaveText("2");

  // Confirming shows progress and ends with the count enrolled.
  await office.page.getByRole("button", { name: "确认导入 48 人" }).click();
  await expect(office.page.getByRole("heading", { name: "导入完成：新建档 48 人，更新 0 人。" })).toBeVisible({ timeout: 60_000 });
  expect(await db.residentRecord.count({ where: { communityId: community.id } })).toBe(48);

  // ── Letters: two per A4 sheet, Chinese, each with the person's name, address, code and QR code ──
  await office.page.getByRole("button", { name: "打印开通邀请函" }).click();
  await expect(office.page.getByRole("heading", { name: "开通邀请函" })).toBeVisible();
  const letters = office.page.locator("article.letter");
  await expect(letters).toHaveCount(48);
  const firstLetter = office.page.getByRole("article", { name: `给 ${roll.first.name} 的邀请函` });
  await expect(firstLetter).toContainText("1幢2单元101室");
  await expect(firstLetter.getByTestId("activation-code")).toHaveText(/^\d{4} \d{4} \d{4}$/);
  await expect(firstLetter.getByRole("img", { name: "开通账号的二维码" }).locator("svg")).toBeVisible();
  const activationUrl = await firstLetter.getAttribute("data-activation-url");
  expect(activationUrl).toMatch(/\/activate#code=\d{12}$/);

  const pdf = await office.page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(`${OUT}/letters.pdf`, pdf);
  const pageCount = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pageCount).toBe(24);
  // No PDF renderer is installed on the test machines: the print layout is looked at through print emulation.
  await office.page.emulateMedia({ media: "print" });
  await office.page.setViewportSize({ width: 794, height: 1123 });
  await office.page.screenshot({ path: `${OUT}/letters-print-a4.png` });
  await office.page.emulateMedia({ media: "screen" });

  // ── A live council with the newly enrolled representative on its roll ──
  const resident = await db.user.findFirstOrThrow({ where: { phone: roll.first.phone } });
  const now = new Date();
  const { meeting, agendaItems } = await createMeeting(db, {
    communityId: community.id,
    hostId: hostUser.user.id,
    createdById: staffUser.user.id,
    title: "加装电梯意见征询议事会",
    status: "live",
    startsAt: now,
    roll: [{ userId: resident.id, name: resident.displayName, role: "resident_rep", canVote: true, checkedInAt: now }],
    agenda: [{ title: "1幢加装电梯方案" }],
  });
  const poll = await openSecretPoll(db, { id: meeting.id, hostId: hostUser.user.id }, agendaItems[0].id, "是否同意1幢加装电梯方案？");

  // ── The resident scans the QR code with a phone: the code is filled in, a weak password is refused ──
  const phone = await personIn(browser, null, { phone: true });
  await phone.page.goto(activationUrl!.replace(/^https?:\/\/[^/]+/, ""));
  await expect(phone.page.getByRole("heading", { name: "开通账号" })).toBeVisible();
  await expect(phone.page.locator("#code")).toHaveValue(/^\d{4} \d{4} \d{4}$/);
  expect(phone.page.url()).not.toContain("code=");
  await phone.page.locator("#password").fill("12345678");
  await phone.page.locator("#confirm").fill("12345678");
  await phone.page.getByRole("button", { name: "开通并登录" }).click();
  await expect(phone.page.locator("#password-error")).toContainText("密码");
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
  await phone.page.screenshot({ path: `${OUT}/activate-phone-zh.png`, fullPage: true });
  await phone.page.locator("#password").fill("桂花 开了 三次");
  await phone.page.locator("#confirm").fill("桂花 开了 三次");
  await phone.page.getByRole("button", { name: "开通并登录" }).click();
  await expect(phone.page).toHaveURL(/\/$/);
  await expect(phone.page.getByText(`${resident.displayName}，您好`)).toBeVisible();

  // …and votes in the council.
  await phone.page.goto(`/m/${meeting.code}`);
  await expect(phone.page.getByTestId("connection")).toHaveCount(0);
  await phone.page.locator('input[name="choice"][value="yes"]').check();
  await phone.page.getByRole("button", { name: "投出这一票" }).click();
  await expect(phone.page.getByTestId("vote-recorded")).toBeVisible();
  expect(await db.voteRecord.count({ where: { pollId: poll.id } })).toBe(1);
});

test("the import page and its refusals in English on a phone", async ({ browser }) => {
  const db = e2eDb();
  const { community } = await createCommunity(db);
  const staffUser = await createUser(db, { communityId: community.id, role: "community_staff" });
  const staff: E2EPerson = { id: staffUser.user.id, username: staffUser.username, password: staffUser.password, displayName: "Staff" };
  const office = await personIn(browser, staff, { locale: "en", phone: true });
  await office.page.goto("/people/import");
  await expect(office.page.getByRole("heading", { name: "Import the resident roll" })).toBeVisible();
  await office.page
    .locator("#roll")
    .setInputFiles({ name: "roll.csv", mimeType: "text/csv", buffer: Buffer.from("name,phone\nZhang San,13800001111\n") });
  await office.page.getByRole("button", { name: "Upload and check" }).click();
  await expect(office.page.getByRole("alert")).toHaveText('The roll has no "grid" column.');
  expect(await hasNoHorizontalScroll(office.page)).toBe(true);
  fs.mkdirSync(OUT, { recursive: true });
  await office.page.screenshot({ path: `${OUT}/import-phone-en.png`, fullPage: true });
});
