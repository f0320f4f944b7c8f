import path from "node:path";
import type { Browser } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { createDb } from "../../app/infra/db.server";
import type { LiveWorld, TestSocket } from "../helpers/live-meeting";
import { connect, createLiveWorld, idempotencyKey, request } from "../helpers/live-meeting";
import { hasNoHorizontalScroll } from "./helpers";

/**
 * The screens issue #8 items 3–5 changed, as a person sees them at 360 px and on a desktop, in Chinese and
 * English: a secret vote showing turnout only, a "choose up to 2" named vote electing two with its roll call
 * on the host console, the projector's result, and the roll call on the public meeting page.
 */
const port = process.env.E2E_PORT ?? "3210";
const base = `http://127.0.0.1:${port}`;
const shots = path.resolve(`test-results/voting-screens-${port}`);
const phone = { viewport: { width: 360, height: 760 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };

async function open(browser: Browser, cookie: string, url: string, locale: string, size: "phone" | "desktop") {
  const context = await browser.newContext({ locale, ...(size === "phone" ? phone : desktop) });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

test.describe.configure({ mode: "serial" });

test("secret turnout, k winners, roll calls: host console, projector and public page at 360 px and desktop", async ({ browser }) => {
  test.setTimeout(240_000);
  const db = createDb(`file:${path.resolve(`data/e2e-${port}/yishi.db`)}`);
  let world: LiveWorld;
  const sockets: TestSocket[] = [];
  try {
    world = await createLiveWorld(db, { voters: 5, secret: "e2e-secret-e2e-secret-e2e-secret" });
    const names = ["王秀英", "李建国", "张丽", "刘洋", "陈静"];
    for (const [i, v] of world.voters.entries())
      await db.participant.update({ where: { id: v.participantId as string }, data: { name: names[i] } });
    await db.participant.update({ where: { id: world.absent.participantId as string }, data: { name: "赵明" } });
    await db.participant.update({
      where: { id: world.voters[4].participantId as string },
      data: { proxyForId: world.absent.participantId },
    });
    const slug = (await db.community.findUniqueOrThrow({ where: { id: world.communityId } })).slug;
    const host = await connect(base, world.host.cookie);
    sockets.push(host);
    const phones = await Promise.all(world.voters.map((v) => connect(base, v.cookie)));
    sockets.push(...phones);

    // A secret vote in progress: turnout only.
    const secret = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意使用维修基金更换 3 号楼电梯？",
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
    });
    expect(secret.ok).toBe(true);
    for (const [i, p] of phones.slice(0, 3).entries())
      await request(p, "vote:cast", { pollId: secret.pollId, choices: [["yes", "no", "yes"][i]], idempotencyKey: idempotencyKey() });
    for (const locale of ["zh-CN", "en"]) {
      const projector = await open(browser, world.staff.cookie, `/meetings/${world.meetingId}/projector`, locale, "desktop");
      await expect(projector.page.getByTestId("projector-turnout")).toContainText("3");
      await projector.page.screenshot({ path: `${shots}/projector-secret-open-${locale}.png` });
      await projector.context.close();
    }
    await request(host, "poll:close", { pollId: secret.pollId });

    // "Choose up to 2" of four, named, roll call declared public: a clear first, a tie for the second seat.
    const named = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "今年小区改造优先做哪两项？",
      kind: "multiple",
      maxChoices: 2,
      options: ["加装电梯", "修缮屋顶", "增设车棚", "绿化改造"],
      ballotMode: "named",
      passRule: "majority_cast",
      rollCallPublic: true,
    });
    expect(named.ok).toBe(true);
    const options = await db.pollOption.findMany({ where: { pollId: named.pollId as string }, orderBy: { position: "asc" } });
    const k = (letter: string) => options["abcd".indexOf(letter)].id;
    const ballots = [["a", "b"], ["a", "c"], ["a", "b"], ["c"]];
    for (const [i, b] of ballots.entries())
      await request(phones[i], "vote:cast", { pollId: named.pollId, choices: b.map(k), idempotencyKey: idempotencyKey() });
    await request(phones[4], "vote:cast", {
      pollId: named.pollId,
      choices: [k("a")],
      forParticipantId: world.absent.participantId,
      idempotencyKey: idempotencyKey(),
    });
    await request(host, "poll:close", { pollId: named.pollId });

    for (const locale of ["zh-CN", "en"]) {
      for (const size of ["phone", "desktop"] as const) {
        const console_ = await open(browser, world.host.cookie, `/meetings/${world.meetingId}/host`, locale, size);
        await expect(console_.page.getByTestId("poll-result")).toBeVisible();
        await expect(console_.page.getByTestId("roll-call")).toBeVisible();
        await expect(console_.page.getByTestId("poll-tie")).toBeVisible();
        expect(await hasNoHorizontalScroll(console_.page)).toBe(true);
        await console_.page.getByTestId("poll-result").scrollIntoViewIfNeeded();
        await console_.page.screenshot({ path: `${shots}/host-${size}-${locale}.png`, fullPage: size === "phone" });
        await console_.context.close();

        const publicPage = await open(browser, world.outsider.cookie, `/c/${slug}/meetings/${world.meetingId}`, locale, size);
        await publicPage.page.getByText(locale === "en" ? "Roll call (declared public)" : "记名表决明细（已声明公开）").click();
        await expect(publicPage.page.getByTestId("roll-call")).toBeVisible();
        expect(await hasNoHorizontalScroll(publicPage.page)).toBe(true);
        await publicPage.page.screenshot({ path: `${shots}/public-${size}-${locale}.png`, fullPage: true });
        await publicPage.context.close();
      }
      const projector = await open(browser, world.staff.cookie, `/meetings/${world.meetingId}/projector`, locale, "desktop");
      await expect(projector.page.getByTestId("poll-result")).toBeVisible();
      await projector.page.screenshot({ path: `${shots}/projector-result-${locale}.png` });
      await projector.context.close();
    }
  } finally {
    for (const s of sockets) s.disconnect();
    await db.$disconnect();
  }
});
