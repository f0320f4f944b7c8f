import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { createCookie } from "@remix-run/node";
import { createCommunity, createMeeting, createUser, unique } from "../helpers/fixtures";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { E2EPerson } from "./world";
import { baseURL, e2eDb, signInAs } from "./world";

/**
 * Voting without a mouse, without sight, and without a steady connection: each test a live meeting of its
 * own (written straight into the e2e database), the host console opening and closing the poll, voters in
 * their own browser contexts.
 */
const phone = { viewport: { width: 360, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const VOTERS = ["resident", "unitrep", "dept", "grid"] as const;
type Voter = (typeof VOTERS)[number];

/** A community whose council is live with its first item under discussion; four voters checked in. */
async function liveMeeting(): Promise<{ meetingId: string; code: string; host: E2EPerson; voters: Record<Voter, E2EPerson> }> {
  const db = e2eDb();
  const tag = unique();
  const { community } = await createCommunity(db, { nameZh: `松木场社区 ${tag}`, nameEn: `Songmuchang ${tag}` });
  const person = async (name: string, displayName: string, role: "community_staff" | "meeting_host" | "resident"): Promise<E2EPerson> => {
    const created = await createUser(db, {
      username: `${name}-${tag}`,
      displayName,
      communityId: community.id,
      role,
      isResidentRep: role === "resident",
    });
    return { id: created.user.id, username: created.username, password: created.password, displayName };
  };
  const host = await person("host", "李卫东", "meeting_host");
  const staff = await person("staff", "陈晓燕", "community_staff");
  const voters = {
    resident: await person("resident", "王秀英", "resident"),
    unitrep: await person("voter2", "刘志强", "resident"),
    dept: await person("voter3", "赵明", "resident"),
    grid: await person("voter4", "张丽萍", "resident"),
  };
  const now = new Date();
  const { meeting } = await createMeeting(db, {
    communityId: community.id,
    hostId: host.id,
    createdById: staff.id,
    title: "楼道堆物整治专题议事会",
    status: "live",
    startsAt: now,
    place: "松木场社区党群服务中心",
    roll: VOTERS.map((voter) => ({
      userId: voters[voter].id,
      name: voters[voter].displayName,
      role: "resident_rep" as const,
      canVote: true,
      checkedInAt: now,
    })),
    agenda: [{ title: "清理 5 号楼楼道堆物", description: "消防通道被占用，拟统一清理。" }],
  });
  return { meetingId: meeting.id, code: meeting.code, host, voters };
}

async function personIn(
  browser: Browser,
  person: E2EPerson,
  options: { locale?: string; phone?: boolean; largeText?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? "zh-CN", ...(options.phone ? phone : {}) });
  if (options.largeText) {
    const value = (await createCookie("yishi_text").serialize("large")).split(";")[0].split("=")[1];
    await context.addCookies([{ name: "yishi_text", value, url: baseURL() }]);
  }
  await signInAs(context, person);
  const page = await context.newPage();
  return { context, page };
}

async function hostConsole(browser: Browser, meeting: { meetingId: string; host: E2EPerson }) {
  const host = await personIn(browser, meeting.host);
  await host.page.goto(`/meetings/${meeting.meetingId}/host`);
  await expect(host.page.getByTestId("connection")).toHaveCount(0);
  return host;
}

async function voterPage(
  browser: Browser,
  person: E2EPerson,
  code: string,
  options: { locale?: string; phone?: boolean; largeText?: boolean } = {},
) {
  const voter = await personIn(browser, person, options);
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
  const meeting = await liveMeeting();
  const host = await hostConsole(browser, meeting);
  const zh = await voterPage(browser, meeting.voters.resident, meeting.code, { phone: true });
  const en = await voterPage(browser, meeting.voters.unitrep, meeting.code, { locale: "en" });

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
  const meeting = await liveMeeting();
  const host = await hostConsole(browser, meeting);
  const voter = await voterPage(browser, meeting.voters.dept, meeting.code, { phone: true });
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
}) => {
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
  const meeting = await liveMeeting();
  const { code } = meeting;
  const host = await hostConsole(browser, meeting);
  await host.page.getByRole("button", { name: "发起表决" }).click();
  let n = 0;
  for (const language of languages) {
    for (const layout of layouts) {
      // Each screen its own voter, so each can vote once.
      const voterPerson = meeting.voters[VOTERS[n++ % VOTERS.length]];
      if (n > VOTERS.length) {
        await host.page.getByRole("button", { name: "结束表决并公布结果" }).click();
        await host.page.getByRole("button", { name: "发起表决" }).click();
        n = 1;
      }
      const options = { locale: language.locale, phone: layout.phone, largeText: layout.largeText };
      const shot = (page: Page, state: string) =>
        keepScreenshot(page, `voter-${state}-${layout.name}-${language.locale}`, { fullPage: true });

      // Offline, before voting.
      const away = await voterPage(browser, voterPerson, code, options);
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
      const voter = await personIn(browser, voterPerson, options);
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
