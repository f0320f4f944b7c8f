import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll } from "./helpers";
import { POLL_QUESTION, addClosedPoll, createEndedMeetingForMinutes, storedMinutes } from "./minutes-fixture";
import { keepScreenshot } from "./screenshots";
import type { E2EPerson } from "./world";
import { signInAs } from "./world";

const port = process.env.E2E_PORT ?? "3210";
const KINDS = ["attendance", "vote-result", "decision"] as const;
type Kind = (typeof KINDS)[number];

async function as(browser: Browser, person: E2EPerson, options: { locale?: string; phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? "zh-CN",
    ...(options.phone
      ? {
          viewport: { width: 360, height: 740 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
        }
      : {}),
  });
  await signInAs(context, person);
  return context.newPage();
}

async function draftMinutes(browser: Browser, options: { locale?: string; phone?: boolean } = {}) {
  const world = await createEndedMeetingForMinutes(port);
  const page = await as(browser, world.people.staff, options);
  const workspace = `/meetings/${world.meetingId}/minutes`;
  await page.goto(workspace);
  await page
    .getByRole("button", {
      name: options.locale === "en" ? "Draft from the meeting record" : "从会议记录生成初稿",
    })
    .click();
  const editor = page.locator("#minutes-editor[contenteditable='true']");
  await expect(editor.locator(".locked-block-frame")).toHaveCount(3);
  return { world, page, editor, workspace };
}

/** The record blocks of the editor in order, as the person sees them (kind, and whether removed). */
async function blockSequence(editor: Locator): Promise<string[]> {
  return editor
    .locator(".locked-block-frame")
    .evaluateAll((frames) => frames.map((f) => `${f.getAttribute("data-block-kind")}${f.hasAttribute("data-removed") ? ":removed" : ""}`));
}

/** The editable block right after / right before a locked block. */
const hostXPath = (kind: Kind) => `xpath=./*[contains(@class,"locked-block-host")][.//*[@data-block-kind="${kind}"]]`;
const after = (editor: Locator, kind: Kind) => editor.locator(`${hostXPath(kind)}/following-sibling::*[1]`);
const before = (editor: Locator, kind: Kind) => editor.locator(`${hostXPath(kind)}/preceding-sibling::*[1]`);

async function expectIntact(page: Page, editor: Locator, expected: string[], title: string) {
  await expect.poll(() => blockSequence(editor)).toEqual(expected);
  await expect(editor.locator("h1").first()).toHaveText(title);
  await expect(page.getByTestId("save-status")).not.toHaveAttribute("data-state", "refused");
}

/** Selects from inside the block before a locked block to inside the block after it (what a mouse drag or Shift+arrows make). */
async function selectAcross(page: Page, editor: Locator, kind: Kind) {
  await before(editor, kind).click();
  await before(editor, kind).evaluate((start) => {
    const end = start.nextElementSibling?.nextElementSibling;
    const textIn = (element: Element | null | undefined) => {
      const walker = document.createTreeWalker(element as Node, NodeFilter.SHOW_TEXT);
      return walker.nextNode() as Text | null;
    };
    const from = textIn(start);
    const to = textIn(end);
    if (!from || !to) throw new Error("no text around the locked block");
    const range = document.createRange();
    range.setStart(from, Math.min(1, from.length));
    range.setEnd(to, Math.min(2, to.length));
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  });
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.querySelector("#minutes-editor") as unknown as {
          __lexicalEditor: {
            getEditorState(): {
              _selection: {
                anchor?: { key: string };
                focus?: { key: string };
              } | null;
            };
          };
        };
        const selection = root.__lexicalEditor.getEditorState()._selection;
        return !!selection?.anchor && selection.anchor.key !== selection.focus?.key;
      }),
    )
    .toBe(true);
}

async function pasteText(page: Page, text: string) {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    data.setData("text/html", `<p>${value}</p>`);
    document.querySelector("#minutes-editor")?.dispatchEvent(
      new ClipboardEvent("paste", {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      }),
    );
  }, text);
}

for (const kind of KINDS) {
  test(`no key, selection, paste or drag deletes, overwrites or moves the ${kind} block`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { world, page, editor } = await draftMinutes(browser);
    const title = (await editor.locator("h1").first().textContent()) ?? "";
    const sequence = await blockSequence(editor);
    expect(sequence).toEqual(["attendance", "vote-result", "decision"]);

    await test.step(`${kind}: Backspace at the start of the next block selects it and deletes nothing`, async () => {
      await after(editor, kind).click();
      await page.keyboard.press("Home");
      await page.keyboard.press("Backspace");
      await expect(editor.locator(`.locked-block-frame[data-block-kind="${kind}"]`)).toHaveAttribute("data-selected", "true");
      await page.keyboard.press("Backspace");
      await expect(page.getByTestId("locked-hint")).toContainText("锁定内容");
      await expectIntact(page, editor, sequence, title);
    });

    await test.step(`${kind}: Delete at the end of the previous block selects it and deletes nothing`, async () => {
      await before(editor, kind).click();
      await page.keyboard.press("End");
      await page.keyboard.press("Delete");
      await page.keyboard.press("Delete");
      await expectIntact(page, editor, sequence, title);
    });

    await test.step(`${kind}: clicking the block selects it; Delete and typing change neither it nor the title`, async () => {
      const frame = editor.locator(`.locked-block-frame[data-block-kind="${kind}"]`);
      await frame.locator(".locked-block-title").click();
      await expect(frame).toHaveAttribute("data-selected", "true");
      await page.keyboard.press("Delete");
      await page.keyboard.type("xyz");
      await page.keyboard.press("Backspace");
      await expectIntact(page, editor, sequence, title);
      await expect(editor).not.toContainText("xyz");
    });

    await test.step(`${kind}: a selection across the block is neither deleted, cut, typed over nor replaced by an IME`, async () => {
      await selectAcross(page, editor, kind);
      await page.keyboard.press("Backspace");
      await expectIntact(page, editor, sequence, title);
      await selectAcross(page, editor, kind);
      await page.keyboard.press("Delete");
      await expectIntact(page, editor, sequence, title);
      await selectAcross(page, editor, kind);
      await page.keyboard.type("q");
      await expectIntact(page, editor, sequence, title);
      await selectAcross(page, editor, kind);
      await page.keyboard.press("Control+x");
      await expectIntact(page, editor, sequence, title);
      await selectAcross(page, editor, kind);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Input.imeSetComposition", {
        text: "hui",
        selectionStart: 3,
        selectionEnd: 3,
      });
      await cdp.send("Input.insertText", { text: "会议" });
      await cdp.detach();
      await expectIntact(page, editor, sequence, title);
    });

    await test.step(`${kind}: pasting over a selection across it, or onto the selected block, replaces nothing`, async () => {
      await selectAcross(page, editor, kind);
      await pasteText(page, "粘贴的文字");
      await expectIntact(page, editor, sequence, title);
      await editor.locator(`.locked-block-frame[data-block-kind="${kind}"] .locked-block-title`).click();
      await pasteText(page, "粘贴的文字");
      await expectIntact(page, editor, sequence, title);
      await expect(editor).not.toContainText("粘贴的文字");
    });

    await test.step(`${kind}: dragging the block away, or text onto it, moves nothing`, async () => {
      const frame = editor.locator(`.locked-block-frame[data-block-kind="${kind}"]`);
      await frame.dragTo(editor.locator("h1").first());
      await expectIntact(page, editor, sequence, title);
      await selectAcross(page, editor, kind);
      await after(editor, kind).dragTo(frame);
      await expectIntact(page, editor, sequence, title);
      await before(editor, kind).dragTo(frame);
      await expectIntact(page, editor, sequence, title);
    });

    // What the server holds is still the whole record, and typing next to the blocks still works.
    await after(editor, "decision").click();
    await page.keyboard.press("End");
    await page.keyboard.insertText("（已核对）");
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
    const stored = await storedMinutes(port, world.meetingId);
    expect([...stored.matchAll(/"type":"(attendance|vote-result|decision)"/g)].map((m) => m[1])).toEqual([
      "attendance",
      "vote-result",
      "decision",
    ]);
    expect(stored).toContain("（已核对）");
    expect(stored).not.toContain('"removed":true');
  });
}

test("a vote result removed on purpose stops sign-off until it is put back, and a vote missing at publishing is named and put back", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { world, page: staff, editor, workspace } = await draftMinutes(browser);

  // Removing needs the block's own button and a confirmation; the block stays, marked as removed.
  const vote = editor.locator('.locked-block-frame[data-block-kind="vote-result"]');
  await vote.getByRole("button", { name: /从纪要中移除表决结果/ }).click();
  await expect(vote.getByRole("alertdialog")).toContainText("移除会记入日志");
  await vote.getByRole("button", { name: "确认移除" }).click();
  await expect(vote).toHaveAttribute("data-removed", "true");
  await expect(vote).toContainText(`已从纪要中移除：表决结果“${POLL_QUESTION}”`);
  await expect(staff.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  expect(await storedMinutes(port, world.meetingId)).toContain('"removed":true');

  await staff.getByRole("button", { name: "送主持人和参会人审阅" }).click();
  await expect(staff.getByText("审阅中").first()).toBeVisible();

  // The host cannot sign minutes that leave out a vote; the message names it.
  const hostPage = await as(browser, world.people.host);
  await hostPage.goto(workspace);
  await hostPage.getByRole("button", { name: "确认签署" }).click();
  await expect(hostPage.getByTestId("form-error")).toContainText(`已移除表决结果“${POLL_QUESTION}”`);
  await expect(hostPage.getByText("审阅中").first()).toBeVisible();

  // Staff put it back where it stood; then the host signs.
  await staff.reload();
  await staff.locator('.locked-block-frame[data-block-kind="vote-result"]').getByRole("button", { name: "放回纪要" }).click();
  await expect(staff.locator('.locked-block-frame[data-block-kind="vote-result"]')).not.toHaveAttribute("data-removed", "true");
  await expect(staff.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await hostPage.reload();
  await hostPage.getByRole("button", { name: "确认签署" }).click();
  await expect(hostPage.getByText("主持人已签署").first()).toBeVisible();

  // A vote closed after sign-off (a recount entered late) is missing from the signed text: publishing refuses.
  const lateQuestion = await addClosedPoll(port, world.meetingId);
  await staff.reload();
  await staff.getByRole("button", { name: "发布纪要" }).click();
  const error = staff.getByTestId("form-error");
  // Refusing to publish touches nothing: once the refusal is shown, the editor still holds exactly the signed
  // text (an edit would have turned the save status to "dirty" the moment it happened) and nothing was saved.
  await expect(error).toContainText(`缺少表决结果“${lateQuestion}”`);
  await expect(staff.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await expect(staff.locator("header", { hasText: "第 3 版" })).toContainText("主持人已签署");
  await expect(staff.getByTestId("save-status")).toHaveText(/第 3 版/);
  await keepScreenshot(staff, "missing-block-desktop-zh", { fullPage: true });
  expect(await storedMinutes(port, world.meetingId)).not.toContain(lateQuestion);

  // The editor offers to put it back; the minutes then need a new sign-off, and publish with every vote.
  await error.getByRole("button", { name: "把缺少的内容放回纪要" }).click();
  await expect(staff.locator("#minutes-editor").locator(".locked-block-frame", { hasText: lateQuestion })).toBeVisible();
  await expect(staff.getByText("审阅中").first()).toBeVisible();
  await hostPage.reload();
  await hostPage.getByRole("button", { name: "确认签署" }).click();
  await expect(hostPage.getByText("主持人已签署").first()).toBeVisible();
  await staff.reload();
  await staff.getByRole("button", { name: "发布纪要" }).click();
  await expect(staff.getByText("已发布").first()).toBeVisible();
  const published = await storedMinutes(port, world.meetingId);
  expect(published).toContain(lateQuestion);
  expect(published).toContain(POLL_QUESTION);
});

for (const [locale, phone] of [
  ["zh-CN", false],
  ["zh-CN", true],
  ["en", false],
  ["en", true],
] as const) {
  test(`a selected locked block, a removal to confirm and the missing-block error fit the screen (${locale}, ${
    phone ? "360 px" : "desktop"
  })`, async ({ browser }) => {
    test.setTimeout(120_000);
    const { world, page, editor } = await draftMinutes(browser, { locale, phone });
    const name = `${phone ? "phone" : "desktop"}-${locale === "en" ? "en" : "zh"}`;
    const vote = editor.locator('.locked-block-frame[data-block-kind="vote-result"]');
    await vote.locator(".locked-block-title").click();
    await expect(vote).toHaveAttribute("data-selected", "true");
    await page.keyboard.press("Backspace");
    await expect(page.getByTestId("locked-hint")).not.toBeEmpty();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await vote.scrollIntoViewIfNeeded();
    await keepScreenshot(page, `locked-selected-${name}`);

    const decision = editor.locator('.locked-block-frame[data-block-kind="decision"]');
    await decision
      .getByRole("button", {
        name: locale === "en" ? /Remove the decision/ : /从纪要中移除决议/,
      })
      .click();
    await decision.scrollIntoViewIfNeeded();
    await keepScreenshot(page, `locked-confirm-${name}`);
    await decision
      .getByRole("button", {
        name: locale === "en" ? "Remove" : "确认移除",
        exact: true,
      })
      .click();
    await expect(decision).toHaveAttribute("data-removed", "true");
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
    await page
      .getByRole("button", {
        name: locale === "en" ? "Send to the host and attendees for review" : "送主持人和参会人审阅",
      })
      .click();
    await expect(page.locator(".locked-block-frame[data-removed]")).toBeVisible();

    // Staff cannot sign, so the missing-block error is seen by the host; staff see the removed block.
    const hostPage = await as(browser, world.people.host, { locale, phone });
    await hostPage.goto(page.url());
    await hostPage.getByRole("button", { name: locale === "en" ? "Sign off" : "确认签署" }).click();
    await expect(hostPage.getByTestId("form-error")).toContainText(locale === "en" ? "removed the decision" : "已移除决议");
    expect(await hasNoHorizontalScroll(hostPage)).toBe(true);
    await keepScreenshot(hostPage, `missing-block-${name}`);
    await page.locator(".locked-block-frame[data-removed]").scrollIntoViewIfNeeded();
    await keepScreenshot(page, `removed-block-${name}`);
  });
}
