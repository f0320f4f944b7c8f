import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { createCookie } from "@remix-run/node";
import crypto from "node:crypto";
import path from "node:path";
import { createDb } from "../../app/infra/db.server";
import { hasNoHorizontalScroll, signIn } from "./helpers";

/**
 * Voting without a mouse, without sight, and without a steady connection: a live meeting of its own in the
 * demo community (written straight into the e2e database), the host console opening and closing the poll,
 * voters in their own browser contexts.
 */
const port = process.env.E2E_PORT ?? "3210";
const phone = { viewport: { width: 360, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const VOTERS = ["resident", "unitrep", "dept", "grid"];

async function liveMeeting(): Promise<{ meetingId: string; code: string }> {
  const db = createDb(`file:${path.resolve(`data/e2e-${port}/yishi.db`)}`);
  try {
    const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" } });
    const users = await db.user.findMany({ where: { username: { in: ["host", "staff", ...VOTERS] } } });
    const id = (username: string) => users.find((u) => u.username === username)?.id as string;
    const now = new Date();
    const code = crypto.randomBytes(3).toString("hex").toUpperCase();
    const meeting = await db.meeting.create({
      data: {
        communityId: community.id,
        code,
        title: "楼道堆物整治专题议事会",
        form: "roundtable",
        startsAt: now,
        startedAt: now,
        place: "松木场社区党群服务中心",
        hostId: id("host"),
        status: "live",
        createdById: id("staff"),
      },
    });
    const item = await db.agendaItem.create({
      data: {
        meetingId: meeting.id,
        position: 1,
        title: "清理 5 号楼楼道堆物",
        description: "消防通道被占用，拟统一清理。",
        status: "current",
      },
    });
    await db.meeting.update({ where: { id: meeting.id }, data: { currentAgendaItemId: item.id } });
    await db.participant.createMany({
      data: VOTERS.map((username) => ({
        meetingId: meeting.id,
        userId: id(username),
        name: users.find((u) => u.username === username)?.displayName ?? username,
        role: "resident_rep",
        canVote: true,
        checkedInAt: now,
      })),
    });
    return { meetingId: meeting.id, code };
  } finally {
    await db.$disconnect();
  }
}

async function personIn(
  browser: Browser,
  username: string,
  options: { locale?: string; phone?: boolean; largeText?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? "zh-CN", ...(options.phone ? phone : {}) });
  if (options.largeText) {
    const value = (await createCookie("yishi_text").serialize("large")).split(";")[0].split("=")[1];
    await context.addCookies([{ name: "yishi_text", value, domain: "127.0.0.1", path: "/" }]);
  }
  const page = await context.newPage();
  await signIn(page, username);
  return { context, page };
}

async function hostConsole(browser: Browser, meetingId: string) {
  const host = await personIn(browser, "host");
  await host.page.goto(`/meetings/${meetingId}/host`);
  await expect(host.page.getByTestId("connection")).toHaveCount(0);
  return host;
}

async function voterPage(
  browser: Browser,
  username: string,
  code: string,
  options: { locale?: string; phone?: boolean; largeText?: boolean } = {},
) {
  const voter = await personIn(browser, username, options);
  await voter.page.goto(`/m/${code}`);
  await expect(voter.page.getByTestId("connection")).toHaveCount(0);
  return voter;
}

/** Presses Tab until the element matching `selector` has focus (a keyboard user's way in). */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

test.describe.configure({ mode: "serial" });

test("voting by keyboard alone: the poll opening, the recorded vote and the result are announced, and focus lands on the confirmation", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { meetingId, code } = await liveMeeting();
  const host = await hostConsole(browser, meetingId);
  const zh = await voterPage(browser, "resident", code, { phone: true });
  const en = await voterPage(browser, "unitrep", code, { locale: "en" });

  await host.page.getByRole("button", { name: "发起表决" }).click();
  const zhLive = zh.page.getByTestId("live-announcer");
  const enLive = en.page.getByTestId("live-announcer");
  await expect(zhLive).toHaveAttribute("aria-live", "polite");
  await expect(zhLive).toContainText("表决开始：");
  await expect(enLive).toContainText("Vote open:");

  for (const [voter, recorded, choice] of [
    [zh, "您的投票已于", "yes"],
    [en, "Your vote was recorded at", "no"],
  ] as const) {
    await tabTo(voter.page, 'input[name="choice"]');
    // Arrow keys move within a radio group; Space checks the focused option.
    if (choice === "no") await voter.page.keyboard.press("ArrowDown");
    await voter.page.keyboard.press("Space");
    await expect(voter.page.locator(`input[name="choice"][value="${choice}"]`)).toBeChecked();
    await voter.page.keyboard.press("Tab");
    await expect(voter.page.locator("button[type=submit]:focus")).toBeVisible();
    await voter.page.keyboard.press("Enter");
    await expect(voter.page.getByTestId("vote-recorded")).toBeVisible();
    await expect(voter.page.getByTestId("vote-confirmation")).toBeFocused();
    await expect(voter.page.getByTestId("live-announcer")).toContainText(recorded);
    await expect(voter.page.getByTestId("vote-recorded-at")).toHaveText(/\d{2}:\d{2}:\d{2}/);
  }

  await host.page.getByRole("button", { name: "结束表决并公布结果" }).click();
  await expect(zhLive).toContainText("表决结束：");
  await expect(zhLive).toContainText("赞成 1 票");
  await expect(enLive).toContainText("Vote closed:");
  await expect(enLive).toContainText("Against: 1");
  for (const p of [host, zh, en]) await p.context.close();
});

test("a dropped connection shows within 5 s and the vote button waits for it instead of pretending", async ({ browser }) => {
  const { meetingId, code } = await liveMeeting();
  const host = await hostConsole(browser, meetingId);
  const voter = await voterPage(browser, "dept", code, { phone: true });
  await host.page.getByRole("button", { name: "发起表决" }).click();
  const button = voter.page.getByRole("button", { name: "投出这一票" });
  await expect(button).toBeEnabled();

  const dropped = Date.now();
  await voter.context.setOffline(true);
  await expect(voter.page.getByTestId("connection")).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - dropped).toBeLessThan(5_000);
  await expect(voter.page.getByTestId("connection")).toContainText("断网");
  const waiting = voter.page.getByTestId("participant-poll").locator("button[type=submit]");
  await expect(waiting).toHaveText("等待连接……");
  await expect(waiting).toBeDisabled();

  await voter.context.setOffline(false);
  await expect(voter.page.getByTestId("connection")).toHaveCount(0, { timeout: 10_000 });
  await voter.page.getByText("反对", { exact: true }).click();
  await button.click();
  await expect(voter.page.getByTestId("vote-recorded")).toBeVisible();
  for (const p of [host, voter]) await p.context.close();
});

test("the voter page during a poll, as voters see it: offline, sending, recorded; phone, large text and desktop; Chinese and English", async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const layouts = [
    { name: "phone", phone: true, largeText: false },
    { name: "phone-large", phone: true, largeText: true },
    { name: "desktop", phone: false, largeText: false },
  ];
  const languages = [
    { locale: "zh-CN", vote: "投出这一票", yes: "赞成" },
    { locale: "en", vote: "Cast this vote", yes: "For" },
  ];
  const { meetingId, code } = await liveMeeting();
  const host = await hostConsole(browser, meetingId);
  await host.page.getByRole("button", { name: "发起表决" }).click();
  let n = 0;
  for (const language of languages) {
    for (const layout of layouts) {
      // Each screen its own voter, so each can vote once.
      const username = VOTERS[n++ % VOTERS.length];
      if (n > VOTERS.length) {
        await host.page.getByRole("button", { name: "结束表决并公布结果" }).click();
        await host.page.getByRole("button", { name: "发起表决" }).click();
        n = 1;
      }
      const options = { locale: language.locale, phone: layout.phone, largeText: layout.largeText };
      const shot = (page: Page, state: string) =>
        page.screenshot({ path: testInfo.outputPath(`voter-${state}-${layout.name}-${language.locale}.png`), fullPage: true });

      // Offline, before voting.
      const away = await voterPage(browser, username, code, options);
      // The ballot is the first thing under the title, in view without scrolling, also in large text.
      const pollTop = (await away.page.getByTestId("participant-poll").boundingBox())?.y ?? Infinity;
      for (const below of ["checked-in", "quorum"])
        expect(((await away.page.getByTestId(below).boundingBox())?.y ?? 0) > pollTop).toBe(true);
      // It starts on the first screen (it used to start ~970 px down a large-text phone page).
      expect(pollTop).toBeLessThan(away.page.viewportSize()?.height ?? 0);
      expect(await hasNoHorizontalScroll(away.page)).toBe(true);
      await away.context.setOffline(true);
      await expect(away.page.getByTestId("connection")).toBeVisible({ timeout: 5_000 });
      await shot(away.page, "offline");
      await away.context.close();

      // Sending, then recorded: the socket goes through a relay that holds ballots back until released.
      const voter = await personIn(browser, username, options);
      let holding = true;
      const held: (() => void)[] = [];
      await voter.page.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((message) => {
          if (holding && String(message).includes('"vote:cast"')) held.push(() => server.send(message));
          else server.send(message);
        });
      });
      await voter.page.goto(`/m/${code}`);
      await expect(voter.page.getByTestId("connection")).toHaveCount(0);
      await voter.page.getByText(language.yes, { exact: true }).click();
      await voter.page.getByRole("button", { name: language.vote }).click();
      await expect(voter.page.getByTestId("vote-pending")).toBeVisible();
      await shot(voter.page, "sending");
      holding = false;
      for (const release of held.splice(0)) release();
      await expect(voter.page.getByTestId("vote-recorded-at")).toBeVisible({ timeout: 15_000 });
      await shot(voter.page, "recorded");
      await voter.context.close();
    }
  }
  await host.context.close();
});
