import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld } from "./world";
import { communityWorld, personIn as signedIn } from "./world";

/**
 * A council meeting as it happens in the room: a host console, a projector and voters on their own devices
 * (one phone, one in English), each in its own browser context, all live over socket.io.
 */
const phone = { viewport: { width: 360, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * The community's council: seven resident representatives (王秀英, 陈国华, 徐志刚, 何伟, 罗文斌, 宋志明, 胡建平),
 * two unit representatives and an expert on the standing roll, and a planned meeting on property management
 * and parking whose roll also lists 周阿婆, who has no account (tests/e2e/world.ts).
 */
let world: CommunityWorld;
test.beforeAll(async () => {
  world = await communityWorld();
});

const personIn = (
  browser: Parameters<typeof signedIn>[0],
  role: keyof CommunityWorld["people"],
  options: { locale?: string; phone?: boolean } = {},
) => signedIn(browser, world.people[role], { locale: options.locale, context: options.phone ? phone : {} });

function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test.describe.configure({ mode: "serial" });

test("a live meeting: check-in and quorum, a raised hand, a secret vote moving the projector, the decision back in the tracker", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // ── The host opens the planned meeting's console ──
  const host = await personIn(browser, "host");
  await host.page.goto("/meetings");
  const card = host.page.locator("li", { hasText: "物业与停车专题" });
  await card.getByRole("link", { name: "进入主持台" }).click();
  await expect(host.page).toHaveURL(/\/meetings\/[^/]+\/host$/);
  await expect(host.page.getByRole("heading", { name: /物业与停车专题/ })).toBeVisible();
  const meetingId = /\/meetings\/([^/]+)\/host/.exec(host.page.url())?.[1] as string;
  const code = (await host.page.locator("strong.tracking-widest").first().textContent())?.trim() as string;
  await expect(host.page.getByTestId("connection")).toHaveCount(0);

  // ── The projector (staff's laptop on the big screen) ──
  const projector = await personIn(browser, "staff");
  await projector.page.setViewportSize({ width: 1600, height: 900 });
  await projector.page.goto(`/meetings/${meetingId}/projector`);
  await expect(projector.page.getByTestId("projector-code")).toHaveText(code);
  await expect(projector.page.getByRole("img", { name: "加入会议的二维码" })).toBeVisible();
  await expect(projector.page.getByTestId("quorum")).toHaveAttribute("data-met", "false");

  await host.page.getByRole("button", { name: "开始会议" }).click();
  await expect(host.page.getByTestId("meeting-status")).toHaveText("进行中");
  await expect(projector.page.getByTestId("projector-item")).toContainText("松木场老旧小区物业管理缺位");

  // ── Three voters join by code: a phone, an English desktop, a Chinese desktop ──
  const resident = await personIn(browser, "resident", { phone: true });
  await resident.page.goto("/join");
  await resident.page.getByLabel("会议码").fill(code.toLowerCase());
  await resident.page.getByRole("button", { name: "加入" }).click();
  await expect(resident.page).toHaveURL(new RegExp(`/m/${code}$`));
  const unitrep = await personIn(browser, "unitrep", { locale: "en" });
  await unitrep.page.goto(`/m/${code}`);
  const dept = await personIn(browser, "dept");
  await dept.page.goto(`/m/${code}`);

  await resident.page.getByRole("button", { name: "我已到场，签到" }).click();
  await expect(resident.page.getByTestId("checked-in")).toBeVisible();
  await unitrep.page.getByRole("button", { name: "I'm here — check in" }).click();
  await expect(unitrep.page.getByTestId("checked-in")).toBeVisible();
  await dept.page.getByRole("button", { name: "我已到场，签到" }).click();
  await expect(dept.page.getByTestId("checked-in")).toBeVisible();
  await expect(projector.page.getByTestId("quorum")).toContainText("到会 3 / 应到 10");
  await expect(projector.page.getByTestId("quorum")).toHaveAttribute("data-met", "false");

  // Staff check in three people who came without phones; quorum (6 of 10) is reached on every screen.
  for (const name of ["陈国华", "徐志刚", "周阿婆"]) {
    await host.page.getByTestId(`roll-${name}`).getByRole("button", { name: "签到", exact: true }).click();
    await expect(host.page.getByTestId(`roll-${name}`).getByRole("button", { name: "已签到" })).toBeVisible();
  }
  await expect(projector.page.getByTestId("quorum")).toHaveAttribute("data-met", "true");
  await expect(projector.page.getByTestId("quorum")).toContainText("已达法定人数");
  await expect(resident.page.getByTestId("quorum")).toHaveAttribute("data-met", "true");

  // ── A raised hand, the floor, the timer ──
  await resident.page.getByRole("button", { name: /举手申请发言/ }).click();
  await expect(resident.page.getByTestId("hand-raised")).toBeVisible();
  await host.page.getByTestId("speaker-queue").getByRole("button", { name: "请他发言" }).click();
  await expect(projector.page.getByTestId("projector-speaker")).toHaveText("王秀英");
  await expect(projector.page.getByRole("timer")).toBeVisible();
  await expect(resident.page.getByText("轮到您发言了")).toBeVisible();
  await host.page.getByRole("button", { name: "结束发言" }).click();

  // ── A secret vote ──
  await host.page.getByRole("button", { name: "发起表决" }).click();
  await expect(projector.page.getByTestId("projector-question")).toContainText("是否同意");
  await expect(projector.page.getByTestId("projector-turnout")).toContainText("已投 0 票");
  await expect(resident.page.getByTestId("ballot-mode")).toContainText("无记名投票");
  await expect(unitrep.page.getByTestId("ballot-mode")).toContainText("Secret ballot");

  await resident.page.getByText("赞成", { exact: true }).click();
  await resident.page.getByRole("button", { name: "投出这一票" }).click();
  await expect(resident.page.getByTestId("vote-recorded")).toBeVisible();
  await expect(projector.page.getByTestId("projector-turnout")).toContainText("已投 1 票");
  // Secret ballot (ADR 0010): turnout moves, the numbers per option stay hidden until the close, so nobody
  // in the room can tell from the projector what the person who just tapped chose.
  await expect(projector.page.getByText("票数将在表决结束后公布。")).toBeVisible();
  await expect(projector.page.getByTestId("tally-yes")).toHaveCount(0);

  await unitrep.page.getByText("For", { exact: true }).click();
  await unitrep.page.getByRole("button", { name: "Cast this vote" }).click();
  await expect(unitrep.page.getByTestId("vote-recorded")).toHaveText("Voted — your ballot is saved");
  await dept.page.getByText("反对", { exact: true }).click();
  await dept.page.getByRole("button", { name: "投出这一票" }).click();
  await expect(dept.page.getByTestId("vote-recorded")).toBeVisible();
  await expect(projector.page.getByTestId("projector-turnout")).toContainText("已投 3 票");
  await expect(projector.page.getByTestId("tally-no")).toHaveCount(0);
  // A secret ballot is not shown back, even to its voter.
  await expect(resident.page.getByText("您选择了")).toHaveCount(0);
  expect(await hasNoHorizontalScroll(resident.page)).toBe(true);
  await keepScreenshot(resident.page, "phone-voted-zh", { fullPage: true });
  await keepScreenshot(projector.page, "projector-live");

  await host.page.getByRole("button", { name: "结束表决并公布结果" }).click();
  await expect(projector.page.getByTestId("poll-result")).toContainText("表决通过");
  // The counts the room did not see while voting appear with the result.
  await expect(projector.page.getByTestId("tally-yes").getByTestId("tally-count")).toHaveText("2");
  await expect(projector.page.getByTestId("tally-no").getByTestId("tally-count")).toHaveText("1");
  await expect(resident.page.getByTestId("poll-result")).toContainText("表决通过");
  await expect(unitrep.page.getByTestId("poll-result")).toContainText("Carried");
  await keepScreenshot(projector.page, "projector-result");

  // ── The decision, with an action item, goes back to the tracker ──
  const decision = host.page.getByRole("form", { name: "记录决议" });
  await decision.getByLabel("决议内容").fill("同意由北山物业对松木场老旧小区实行准物业管理，费用由社区微实事资金补贴。");
  await decision.getByLabel("责任单位").selectOption({ label: "杭州北山物业服务有限公司" });
  await decision.getByLabel("完成期限").fill(dateIn(30));
  await decision.getByLabel("任务内容").fill("进驻松木场老旧小区，提供保洁和门岗服务");
  await decision.getByRole("button", { name: "记录决议" }).click();
  await expect(host.page.getByText("已形成决议").first()).toBeVisible();
  await keepScreenshot(host.page, "host-console", { fullPage: true });

  const issue = await personIn(browser, "grid");
  await issue.page.goto(`/c/${world.community.slug}/issues/${world.issues.property.number}`);
  await expect(issue.page.getByText("同意由北山物业对松木场老旧小区实行准物业管理").first()).toBeVisible();
  await expect(issue.page.getByText(/赞成 \/ Yes 2 · 反对 \/ No 1/).first()).toBeVisible();
  await expect(issue.page.getByText("进驻松木场老旧小区，提供保洁和门岗服务").first()).toBeVisible();

  // The public meeting page shows the numbers without names.
  await issue.page.goto(`/c/${world.community.slug}/meetings/${meetingId}`);
  await expect(issue.page.getByTestId("public-attendance")).toContainText("有表决权成员到会 6 / 10");
  await expect(issue.page.getByTestId("poll-result").first()).toContainText("表决通过");

  for (const person of [host, projector, resident, unitrep, dept, issue]) await person.context.close();
});

test("a hybrid vote: a proxy and a staff hand count are merged into the result and marked", async ({ browser }) => {
  test.setTimeout(180_000);
  const staff = await personIn(browser, "staff");
  await staff.page.goto("/meetings/new");
  await staff.page.getByLabel("会议名称").fill("电动自行车充电专题议事会");
  await staff.page.getByLabel("开始时间（北京时间）").fill(`${dateIn(0)}T19:00`);
  await staff.page.getByLabel("地点").fill("松木场社区活动室");
  await staff.page.getByRole("button", { name: "创建会议" }).click();
  await expect(staff.page).toHaveURL(/\/meetings\/[^/]+$/);
  await expect(staff.page.getByRole("heading", { name: "电动自行车充电专题议事会" })).toBeVisible();
  const meetingId = /\/meetings\/([^/?]+)/.exec(staff.page.url())?.[1] as string;

  // A free-standing item (the community's tracker issues are left to the tracker's own tests).
  await staff.page.getByLabel("独立议程标题").fill("是否在3号楼东侧建设电动自行车集中充电点");
  await staff.page
    .locator("form", { has: staff.page.getByLabel("独立议程标题") })
    .getByRole("button", { name: "添加", exact: true })
    .click();
  await expect(staff.page.getByText("独立议程").first()).toBeVisible();

  // 王秀英 holds the vote of 胡建平, who is away; staff check in people at the door.
  await staff.page.getByLabel("王秀英 代谁表决").selectOption({ label: "代 胡建平 表决" });
  await staff.page
    .locator("form", { has: staff.page.getByLabel("王秀英 代谁表决") })
    .getByRole("button", { name: "保存" })
    .click();
  await expect(staff.page.getByLabel("王秀英 代谁表决")).toHaveValue(/.+/);
  for (const name of ["王秀英", "陈国华", "徐志刚", "何伟", "罗文斌", "宋志明"]) {
    await staff.page.getByRole("button", { name: `签到 ${name}`, exact: true }).click();
    await expect(staff.page.getByRole("button", { name: `已签到 ${name}`, exact: true })).toBeVisible();
  }

  await staff.page.getByRole("link", { name: "进入主持台" }).click();
  await staff.page.getByRole("button", { name: "开始会议" }).click();
  await expect(staff.page.getByTestId("meeting-status")).toHaveText("进行中");
  // 6 checked in + 1 proxy = 7 of the 9 members with a vote.
  await expect(staff.page.getByTestId("quorum")).toContainText("到会 7 / 应到 9");
  await staff.page.getByLabel("记名方式").selectOption("named");
  await staff.page.getByRole("button", { name: "发起表决" }).click();
  await expect(staff.page.getByTestId("turnout")).toContainText("已投 0 票");

  const resident = await personIn(browser, "resident", { phone: true });
  const code = (await staff.page.locator("strong.tracking-widest").first().textContent())?.trim() as string;
  await resident.page.goto(`/m/${code}`);
  await expect(resident.page.getByTestId("checked-in")).toContainText("代 胡建平 表决");
  const own = resident.page.getByRole("form", { name: "您的一票" });
  await own.getByText("赞成", { exact: true }).click();
  await own.getByRole("button", { name: "投出这一票" }).click();
  const proxy = resident.page.getByRole("form", { name: "代 胡建平 投票" });
  await proxy.getByText("反对", { exact: true }).click();
  await proxy.getByRole("button", { name: "投出这一票" }).click();
  await expect(resident.page.getByTestId("vote-recorded")).toHaveCount(2);
  // A named ballot is shown back to the one who cast it.
  await expect(resident.page.getByText("您选择了：赞成")).toBeVisible();
  expect(await hasNoHorizontalScroll(resident.page)).toBe(true);
  await keepScreenshot(resident.page, "phone-proxy-zh", { fullPage: true });

  // Five people without phones vote by show of hands.
  await staff.page.getByText("录入举手或纸质票").click();
  const hands = staff.page.getByRole("form", { name: "录入举手或纸质票" });
  await hands.getByLabel("投票人数").fill("5");
  await hands.getByLabel("赞成").fill("3");
  await hands.getByLabel("反对").fill("1");
  await hands.getByLabel("弃权").fill("2");
  await hands.getByRole("button", { name: "计入结果" }).click();
  await expect(hands.getByRole("alert")).toContainText("各选项票数之和（6）应等于投票人数（5）");
  await hands.getByLabel("弃权").fill("1");
  await hands.getByRole("button", { name: "计入结果" }).click();
  await expect(hands.getByText("已计入，结果中会单独标注。")).toBeVisible();
  await expect(staff.page.getByTestId("turnout")).toContainText("已投 7 票");

  await staff.page.getByRole("button", { name: "结束表决并公布结果" }).click();
  const result = staff.page.getByTestId("poll-result");
  await expect(result).toContainText("表决通过");
  await expect(result).toContainText("电子票 2，举手/纸质 5，其中代为表决 1");
  await expect(staff.page.getByTestId("tally-yes")).toContainText("含举手/纸质 3 票");
  await expect(staff.page.getByTestId("tally-yes").getByTestId("tally-count")).toContainText("4");
  await keepScreenshot(staff.page, "hybrid-result", { fullPage: true });
  const calendar = await staff.page.request.get(`/meetings/${meetingId}/calendar.ics`);
  expect(calendar.headers()["content-type"]).toContain("text/calendar");
  expect(await calendar.text()).toContain("SUMMARY:电动自行车充电专题议事会");
  for (const person of [staff, resident]) await person.context.close();
});
