import type { Browser } from "@playwright/test";
import { expect, test } from "@playwright/test";
import type { TestSocket } from "../helpers/live-meeting";
import { connect, idempotencyKey, request } from "../helpers/live-meeting";
import { createCommunity, createMeeting, createUser, unique } from "../helpers/fixtures";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { E2EPerson } from "./world";
import { baseURL, e2eDb, sessionHeaderFor, signInAs } from "./world";

/**
 * The screens issue #8 items 3–5 changed, as a person sees them at 360 px and on a desktop, in Chinese and
 * English: a secret vote showing turnout only, a "choose up to 2" named vote electing two with its roll call
 * on the host console, the projector's result, and the roll call on the public meeting page.
 */
const phone = { viewport: { width: 360, height: 760 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };

async function open(browser: Browser, person: E2EPerson, url: string, locale: string, size: "phone" | "desktop") {
  const context = await browser.newContext({ locale, ...(size === "phone" ? phone : desktop) });
  await signInAs(context, person);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/**
 * A live council of five voters (赵明, away, left his vote with 陈静), its host and staff, and a resident of
 * the community who is not on the roll.
 */
async function liveCouncil() {
  const db = e2eDb();
  const tag = unique();
  const { community } = await createCommunity(db, { nameZh: `松木场社区 ${tag}`, nameEn: `Songmuchang ${tag}` });
  const person = async (name: string, role: "community_staff" | "meeting_host" | "resident"): Promise<E2EPerson> => {
    const created = await createUser(db, { displayName: name, communityId: community.id, role, isResidentRep: role === "resident" });
    return { id: created.user.id, username: created.username, password: created.password, displayName: name };
  };
  const host = await person("李卫东", "meeting_host");
  const staff = await person("陈晓燕", "community_staff");
  const voters = [];
  for (const name of ["王秀英", "李建国", "张丽", "刘洋", "陈静"]) voters.push(await person(name, "resident"));
  const absent = await person("赵明", "resident");
  const outsider = await person("孙丽", "resident");
  const now = new Date();
  const { meeting, participants } = await createMeeting(db, {
    communityId: community.id,
    hostId: host.id,
    createdById: staff.id,
    title: "小区改造专题议事会",
    status: "live",
    startsAt: now,
    roll: [
      ...voters.map((v) => ({ userId: v.id, name: v.displayName, role: "resident_rep" as const, canVote: true, checkedInAt: now })),
      { userId: absent.id, name: absent.displayName, role: "resident_rep", canVote: true, checkedInAt: null },
    ],
    agenda: [{ title: "小区改造项目排序" }],
  });
  const absentParticipant = participants[5];
  await db.participant.update({ where: { id: participants[4].id }, data: { proxyForId: absentParticipant.id } });
  return { slug: community.slug, meetingId: meeting.id, host, staff, voters, absentParticipantId: absentParticipant.id, outsider };
}

test.describe.configure({ mode: "serial" });

test("secret turnout, k winners, roll calls: host console, projector and public page at 360 px and desktop", async ({ browser }) => {
  test.setTimeout(240_000);
  const db = e2eDb();
  const world = await liveCouncil();
  const { slug } = world;
  const base = baseURL();
  const sockets: TestSocket[] = [];
  try {
    const host = await connect(base, await sessionHeaderFor(world.host));
    sockets.push(host);
    const phones = await Promise.all(world.voters.map(async (v) => connect(base, await sessionHeaderFor(v))));
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
      const projector = await open(browser, world.staff, `/meetings/${world.meetingId}/projector`, locale, "desktop");
      await expect(projector.page.getByTestId("projector-turnout")).toContainText("3");
      await keepScreenshot(projector.page, `projector-secret-open-${locale}`);
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
      forParticipantId: world.absentParticipantId,
      idempotencyKey: idempotencyKey(),
    });
    await request(host, "poll:close", { pollId: named.pollId });

    for (const locale of ["zh-CN", "en"]) {
      for (const size of ["phone", "desktop"] as const) {
        const console_ = await open(browser, world.host, `/meetings/${world.meetingId}/host`, locale, size);
        await expect(console_.page.getByTestId("poll-result")).toBeVisible();
        await expect(console_.page.getByTestId("roll-call")).toBeVisible();
        await expect(console_.page.getByTestId("poll-tie")).toBeVisible();
        expect(await hasNoHorizontalScroll(console_.page)).toBe(true);
        await console_.page.getByTestId("poll-result").scrollIntoViewIfNeeded();
        await keepScreenshot(console_.page, `host-${size}-${locale}`, { fullPage: size === "phone" });
        await console_.context.close();

        const publicPage = await open(browser, world.outsider, `/c/${slug}/meetings/${world.meetingId}`, locale, size);
        await publicPage.page.getByText(locale === "en" ? "Roll call (declared public)" : "记名表决明细（已声明公开）").click();
        await expect(publicPage.page.getByTestId("roll-call")).toBeVisible();
        expect(await hasNoHorizontalScroll(publicPage.page)).toBe(true);
        await keepScreenshot(publicPage.page, `public-${size}-${locale}`, { fullPage: true });
        await publicPage.context.close();
      }
      const projector = await open(browser, world.staff, `/meetings/${world.meetingId}/projector`, locale, "desktop");
      await expect(projector.page.getByTestId("poll-result")).toBeVisible();
      await keepScreenshot(projector.page, `projector-result-${locale}`);
      await projector.context.close();
    }
  } finally {
    for (const s of sockets) s.disconnect();
  }
});
