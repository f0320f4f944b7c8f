import type { Browser, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { hasNoHorizontalScroll } from "./helpers";
import { DECISION_TEXT, POLL_QUESTION, createEndedMeetingForMinutes, publishedHash } from "./minutes-fixture";
import { keepScreenshot } from "./screenshots";
import type { E2EPerson } from "./world";
import { signInAs } from "./world";
import { readZipEntry } from "./zip";

const port = process.env.E2E_PORT ?? "3210";

async function as(browser: Browser, person: E2EPerson | null, options: { locale?: string; phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? "zh-CN",
    ...(options.phone ? { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
  });
  if (person) await signInAs(context, person);
  return context.newPage();
}

test("staff write the minutes in Chinese, the host signs off, staff publish, residents object and get an answer", async ({ browser }) => {
  test.setTimeout(180_000);
  const world = await createEndedMeetingForMinutes(port);
  const workspace = `/meetings/${world.meetingId}/minutes`;
  const publicMinutes = `/c/${world.slug}/meetings/${world.meetingId}/minutes`;
  const publicDecision = `/c/${world.slug}/decisions/${world.decisionId}`;

  // ── Staff draft the minutes from the meeting record ──
  const staff = await as(browser, world.people.staff);
  const cspErrors: string[] = [];
  staff.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|unsafe-eval/i.test(message.text())) cspErrors.push(message.text());
  });
  await staff.goto(workspace);
  await staff.getByRole("button", { name: "从会议记录生成初稿" }).click();
  const editor = staff.locator("#minutes-editor[contenteditable='true']");
  await expect(editor).toBeVisible();
  await expect(editor.locator('.locked-block[data-kind="vote-result"]')).toContainText(POLL_QUESTION);
  await expect(editor.locator('.locked-block[data-kind="attendance"]')).toContainText("已达到法定人数");
  await expect(editor.locator('.locked-block[data-kind="decision"]')).toContainText(DECISION_TEXT);
  await expect(editor).toContainText("先做消防评估，再安装带自动断电的充电桩");
  await expect(staff.getByRole("toolbar", { name: "格式工具栏" })).toBeVisible();

  // ── Type with a Chinese input method: composition events, then the committed text ──
  await editor.locator("p", { hasText: "结束" }).last().click();
  await staff.keyboard.press("End");
  await staff.keyboard.press("Enter");
  const cdp = await staff.context().newCDPSession(staff);
  await cdp.send("Input.imeSetComposition", { text: "bei", selectionStart: 3, selectionEnd: 3 });
  await cdp.send("Input.imeSetComposition", { text: "备注", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.insertText", { text: "备注：" });
  await cdp.send("Input.imeSetComposition", { text: "jumin", selectionStart: 5, selectionEnd: 5 });
  await cdp.send("Input.insertText", { text: "居民普遍支持增设充电桩" });
  await expect(editor).toContainText("备注：居民普遍支持增设充电桩");
  await expect(editor).not.toContainText("jumin");
  await expect(staff.getByTestId("save-status")).toHaveAttribute("data-state", "saved");

  // Word count counts Chinese characters one by one.
  await expect(staff.getByTestId("word-count")).toContainText("字");

  // The toolbar is keyboard-operable: bold the next words from the keyboard.
  await staff.keyboard.press("Enter");
  await staff.getByRole("button", { name: "加粗" }).focus();
  await staff.keyboard.press("Enter");
  await expect(staff.getByRole("button", { name: "加粗" })).toHaveAttribute("aria-pressed", "true");
  await editor.focus();
  await staff.keyboard.insertText("会后补充：");

  // ── Reload mid-edit: the text is still there ──
  await staff.keyboard.insertText("消防评估报告下周公示");
  await staff.reload();
  await expect(staff.locator("#minutes-editor[contenteditable='true']")).toContainText("消防评估报告下周公示");
  await expect(staff.locator("#minutes-editor[contenteditable='true']")).toContainText("备注：居民普遍支持增设充电桩");
  await expect(staff.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await keepScreenshot(staff, "editor-desktop-zh", { fullPage: true });

  // The version history shows who saved.
  await expect(staff.getByTestId("version-row").first()).toContainText("陈晓燕");

  await staff.getByRole("button", { name: "送主持人和参会人审阅" }).click();
  await expect(staff.getByText("审阅中").first()).toBeVisible();

  // ── The host reads, comments and signs off ──
  const host = await as(browser, world.people.host);
  await host.goto(workspace);
  await expect(host.locator(".minutes-content").first()).toContainText("消防评估报告下周公示");
  await host.getByLabel("写下你的审阅意见").fill("发言摘要准确，同意。");
  await host.getByRole("button", { name: "提交意见" }).click();
  await expect(host.getByText("发言摘要准确，同意。")).toBeVisible();
  await keepScreenshot(host, "review-host-desktop-zh", { fullPage: true });
  await host.getByRole("button", { name: "确认签署" }).click();
  await expect(host.getByText("主持人已签署").first()).toBeVisible();

  // ── Staff publish ──
  await staff.reload();
  await staff.getByRole("button", { name: "发布纪要" }).click();
  await expect(staff.getByText("已发布").first()).toBeVisible();
  expect(cspErrors).toEqual([]);

  // ── The public page: server-rendered, locked vote result, content hash ──
  const visitor = await as(browser, null);
  await visitor.context().route("**/*.js", (route) => route.abort());
  const response = await visitor.goto(publicMinutes);
  expect(response?.headers()["content-security-policy"]).toContain("script-src");
  const vote = visitor.locator('.locked-block[data-kind="vote-result"]');
  await expect(vote).toContainText(POLL_QUESTION);
  await expect(vote.locator("tr", { hasText: "赞成" })).toContainText("19");
  await expect(vote).toContainText("表决结果：通过");
  const hash = await publishedHash(port, world.meetingId);
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(visitor.getByTestId("content-hash")).toHaveText(hash as string);
  await expect(visitor.locator("#minutes-body")).toContainText("消防评估报告下周公示");
  await keepScreenshot(visitor, "public-minutes-desktop-zh", { fullPage: true });

  // ── The DOCX downloads and holds the decision text in Chinese ──
  const reader = await as(browser, null);
  await reader.goto(publicMinutes);
  const [download] = await Promise.all([reader.waitForEvent("download"), reader.getByRole("link", { name: "下载 Word 文档" }).click()]);
  expect(download.suggestedFilename()).toMatch(/会议纪要.*\.docx$/);
  const docx = fs.readFileSync((await download.path()) as string);
  const documentXml = readZipEntry(docx, "word/document.xml");
  expect(documentXml).toContain(DECISION_TEXT);
  expect(documentXml).toContain(POLL_QUESTION);
  const styles = readZipEntry(docx, "word/styles.xml") ?? "";
  expect(styles).toMatch(/w:eastAsia="SimSun"/);
  expect(styles).toMatch(/w:eastAsia="zh-CN"/);
  const raw = await reader.request.get(`${publicMinutes}/docx`);
  expect(raw.headers()["content-disposition"]).toMatch(/^attachment; filename="minutes-[0-9-]+\.docx"; filename\*=UTF-8''%E5%85%85/);

  // ── A resident files an objection during the public notice ──
  const resident = await as(browser, world.people.resident);
  await resident.goto(publicDecision);
  await expect(resident.getByTestId("decision-text")).toHaveText(DECISION_TEXT);
  await expect(resident.getByTestId("notice-window")).toContainText("公示期");
  await expect(resident.getByText("先做消防评估，再安装带自动断电的充电桩。")).toBeVisible();
  await expect(resident.getByRole("link", { name: new RegExp(`议题 #${world.issueNumber}`) })).toHaveAttribute(
    "href",
    `/c/${world.slug}/issues/${world.issueNumber}`,
  );
  await resident.getByLabel("对这项决议有异议？").fill("短");
  await resident.getByRole("button", { name: "提交异议" }).click();
  await expect(resident.getByRole("alert")).toContainText("至少 5 个字");
  await resident.getByLabel("对这项决议有异议？").fill("充电桩离 3 号楼单元门太近，夜间噪音影响休息。");
  await resident.getByRole("button", { name: "提交异议" }).click();
  await expect(resident.getByTestId("objection")).toContainText("夜间噪音影响休息");
  await expect(resident.getByTestId("objection")).toContainText("等待社区答复");

  // ── Staff answer it publicly ──
  await staff.goto(`/decisions/${world.decisionId}`);
  await staff.getByLabel("公开答复").fill("已调整为 3 号楼北侧空地，距单元门 20 米以上，并限制夜间充电噪音。");
  await staff.getByRole("button", { name: "发布答复" }).click();
  await expect(staff.getByTestId("staff-objection")).toContainText("距单元门 20 米以上");
  await keepScreenshot(staff, "decision-staff-desktop-zh", { fullPage: true });

  await resident.reload();
  await expect(resident.getByTestId("objection-answer")).toContainText("距单元门 20 米以上");

  // ── Phone and English screenshots of the public pages ──
  const phone = await as(browser, null, { phone: true });
  await phone.goto(publicMinutes);
  expect(await hasNoHorizontalScroll(phone)).toBe(true);
  await keepScreenshot(phone, "public-minutes-phone-zh", { fullPage: true });
  await phone.goto(publicDecision);
  expect(await hasNoHorizontalScroll(phone)).toBe(true);
  await keepScreenshot(phone, "decision-phone-zh", { fullPage: true });
  const english = await as(browser, null, { locale: "en", phone: true });
  await english.goto(publicDecision);
  await expect(english.getByRole("heading", { name: "Decision", exact: true })).toBeVisible();
  await keepScreenshot(english, "decision-phone-en", { fullPage: true });
  const staffPhone = await as(browser, world.people.staff, { phone: true });
  await staffPhone.goto(workspace);
  expect(await hasNoHorizontalScroll(staffPhone)).toBe(true);
  await keepScreenshot(staffPhone, "workspace-phone-zh", { fullPage: true });
  const staffEnglish = await as(browser, world.people.staff, { locale: "en" });
  await staffEnglish.goto(workspace);
  await expect(staffEnglish.getByRole("heading", { name: "Version history" })).toBeVisible();
  await keepScreenshot(staffEnglish, "workspace-desktop-en", { fullPage: true });
});

test("two staff editing the same minutes are warned, and nobody is silently overwritten", async ({ browser }) => {
  const world = await createEndedMeetingForMinutes(port);
  const workspace = `/meetings/${world.meetingId}/minutes`;
  const first = await as(browser, world.people.staff);
  await first.goto(workspace);
  await first.getByRole("button", { name: "从会议记录生成初稿" }).click();
  const firstEditor = first.locator("#minutes-editor[contenteditable='true']");
  await expect(firstEditor).toBeVisible();

  // Typing at a locked vote result does not change its figures.
  const yesRow = firstEditor.locator('.locked-block[data-kind="vote-result"] tr', { hasText: "赞成" });
  await yesRow.locator("td").last().click();
  await first.keyboard.type("0");
  await expect(yesRow.locator("td").last()).toHaveText("19");

  // A second member of staff (the street admin) opens the same minutes and is told who is editing.
  const second = await as(browser, world.people.admin);
  await second.goto(workspace);
  await expect(second.getByText("陈晓燕 正在编辑这份纪要")).toBeVisible();
  const secondEditor = second.locator("#minutes-editor[contenteditable='true']");
  await expect(secondEditor).toBeVisible();

  await firstEditor.locator("p", { hasText: "结束" }).last().click();
  await first.keyboard.press("End");
  await first.keyboard.insertText("甲补充的一句。");
  await expect(first.getByTestId("save-status")).toHaveAttribute("data-state", "saved");

  await secondEditor.locator("p", { hasText: "结束" }).last().click();
  await second.keyboard.press("End");
  await second.keyboard.insertText("乙补充的一句。");
  const warning = second.getByTestId("save-status");
  await expect(warning).toHaveAttribute("data-state", "conflict");
  await expect(warning).toContainText("陈晓燕 已在你之后保存了第 2 版");
  await expect(secondEditor).toContainText("乙补充的一句。");

  // Saving on top is a deliberate choice, and the colleague's text stays in the history.
  await second.getByRole("button", { name: "仍用我的版本保存（对方的版本保留在历史中）" }).click();
  await expect(warning).toHaveAttribute("data-state", "saved");
  await second.reload();
  await expect(second.locator("#minutes-editor[contenteditable='true']")).toContainText("乙补充的一句。");
  const rows = second.getByTestId("version-row");
  await expect(rows.first()).toContainText("第 3 版");
  await expect(rows.filter({ hasText: "第 2 版" })).toContainText("陈晓燕");
});
