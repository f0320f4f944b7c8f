import { expect, test } from "@playwright/test";
import { occurrencesAfter } from "../../app/domain/joint-meetings/recurrence";
import { formatDateTime } from "../../app/infra/time";
import { createUser } from "../helpers/fixtures";
import { seriousViolations } from "./axe";
import { hasNoHorizontalScroll } from "./helpers";
import { keepScreenshot } from "./screenshots";
import type { CommunityWorld, E2EPerson } from "./world";
import { PHONE, communityWorld, e2eDb, personIn } from "./world";

/**
 * Issue #13, joint meetings (联席会议) by the 三定 rule: staff set up a quarterly series, its next meetings are
 * scheduled at once, the property company's substitute checks in and casts the company's vote on a phone,
 * and the company's scorecard shows its attendance.
 */
let world: CommunityWorld;
let substitute: E2EPerson;
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const TITLE = "共建单位联席会议";

test.beforeAll(async () => {
  world = await communityWorld();
  const created = await createUser(e2eDb(), {
    communityId: world.community.id,
    role: "unit_rep",
    unitId: world.units.property.id,
    displayName: "吴海峰",
    username: `substitute-${Date.now()}`,
  });
  substitute = { id: created.user.id, username: created.username, password: created.password, displayName: "吴海峰" };
});

test("staff set up a quarterly series; the substitute votes for the unit on a phone; the scorecard shows the attendance", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const staff = await personIn(browser, world.people.staff, { context: DESKTOP });
  await staff.page.goto("/meetings");
  await staff.page.getByRole("link", { name: "共建联席会议" }).click();
  await staff.page.getByRole("link", { name: "新建联席会议" }).click();
  await staff.page.getByLabel("名称", { exact: true }).fill(TITLE);
  await staff.page.getByLabel("固定主题").fill("共建项目推进与资源对接");
  await staff.page.getByLabel("固定地点").fill("社区党群服务中心二楼会议室");
  // Defaults: quarterly, first Thursday, 14:30, two ahead; each unit's first representative is its delegate.
  await expect(staff.page.getByLabel("频次")).toHaveValue("quarterly");
  const property = staff.page.getByRole("listitem").filter({ hasText: "杭州北山物业服务有限公司" });
  await expect(property.getByLabel("代表（持表决权）")).toHaveValue(world.people.unitrep.id);
  await expect(property.getByLabel("替补代表（可代为表决）")).toHaveValue(substitute.id);
  expect(await seriousViolations(staff.page, "new series")).toEqual([]);
  await keepScreenshot(staff.page, "zh-CN-desktop-new-series", { fullPage: true });
  await staff.page.getByRole("button", { name: "创建", exact: true }).click();

  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const expected = occurrencesAfter(
    { frequency: "quarterly", monthInPeriod: 1, dayRule: "nth_weekday", ordinal: 1, weekday: 4, time: "14:30" },
    new Date(),
    2,
  );
  const upcoming = staff.page.getByRole("region", { name: "即将召开" });
  await expect(upcoming.getByRole("heading", { level: 3 })).toHaveText(expected.map((at) => formatDateTime(at, "zh-CN", true, true)));
  expect(await seriousViolations(staff.page, "series page")).toEqual([]);
  await keepScreenshot(staff.page, "zh-CN-desktop-series", { fullPage: true });
  const seriesUrl = staff.page.url();

  // The first occurrence is under way with a named vote open (as the host's console would leave it).
  const db = e2eDb();
  const meeting = await db.meeting.findFirstOrThrow({
    where: { title: TITLE, communityId: world.community.id },
    orderBy: { startsAt: "asc" },
  });
  const item = await db.agendaItem.create({ data: { meetingId: meeting.id, position: 1, title: "学校操场错时开放", status: "current" } });
  await db.meeting.update({ where: { id: meeting.id }, data: { status: "live", startedAt: new Date(), currentAgendaItemId: item.id } });
  const poll = await db.poll.create({
    data: {
      meetingId: meeting.id,
      agendaItemId: item.id,
      question: "同意周末错时开放操场？",
      kind: "yes_no_abstain",
      ballotMode: "named",
      passRule: "majority_cast",
      status: "open",
      openedAt: new Date(),
      createdById: meeting.hostId,
    },
  });

  // The delegate is away: the substitute checks in on a phone and casts the company's one vote.
  const phone = await personIn(browser, substitute, { context: PHONE });
  await phone.page.goto(`/m/${meeting.code}`);
  await phone.page.getByRole("button", { name: "我已到场，签到" }).click();
  await expect(phone.page.getByTestId("checked-in")).toBeVisible();
  const vote = phone.page.getByRole("form", { name: "代 杭州北山物业服务有限公司 投票" });
  await vote.getByText("赞成", { exact: true }).click();
  await vote.getByRole("button", { name: "投出这一票" }).click();
  await expect(phone.page.getByTestId("vote-recorded")).toHaveCount(1);
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
  await keepScreenshot(phone.page, "zh-CN-phone-substitute-vote", { fullPage: true });
  const seat = await db.participant.findFirstOrThrow({ where: { meetingId: meeting.id, userId: world.people.unitrep.id } });
  expect(await db.voteRecord.findMany({ where: { pollId: poll.id }, select: { voterId: true } })).toEqual([{ voterId: seat.id }]);

  // The meeting ends; the series page and the company's scorecard show who came.
  await db.poll.update({ where: { id: poll.id }, data: { status: "closed", closedAt: new Date() } });
  await db.meeting.update({ where: { id: meeting.id }, data: { status: "ended", endedAt: new Date() } });
  await phone.page.goto(seriesUrl);
  const past = phone.page.getByRole("region", { name: "已召开" });
  await expect(past.getByText("杭州北山物业服务有限公司 · 出席")).toBeVisible();
  await expect(past.getByText("西湖区住建局 · 缺席")).toBeVisible();
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
  expect(await seriousViolations(phone.page, "series page (phone)")).toEqual([]);
  await keepScreenshot(phone.page, "zh-CN-phone-series", { fullPage: true });
  await phone.page.goto(`/units/${world.units.property.id}`);
  await expect(phone.page.getByText("联席会议出席率")).toBeVisible();
  await expect(phone.page.getByText("1 次中出席 1 次")).toBeVisible();
  await keepScreenshot(phone.page, "zh-CN-phone-unit-scorecard", { fullPage: true });

  // In English, on a phone and on a desktop.
  for (const [label, context] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const reader = await personIn(browser, world.people.staff, { locale: "en", context });
    await reader.page.goto(seriesUrl);
    await expect(
      reader.page.getByRole("region", { name: "Past" }).getByText("Hangzhou Beishan Property Services Co., Ltd. · Present"),
    ).toBeVisible();
    await expect(reader.page.getByText("Quarterly: First Thursday of the month at 14:30")).toBeVisible();
    expect(await hasNoHorizontalScroll(reader.page)).toBe(true);
    await keepScreenshot(reader.page, `en-${label}-series`, { fullPage: true });
    await reader.page.getByRole("link", { name: "Edit series" }).click();
    await expect(reader.page.getByLabel("Title", { exact: true })).toHaveValue(TITLE);
    await keepScreenshot(reader.page, `en-${label}-edit-series`, { fullPage: true });
    await reader.page.goto(`/units/${world.units.property.id}`);
    await expect(reader.page.getByText("Joint-meeting attendance")).toBeVisible();
    await keepScreenshot(reader.page, `en-${label}-unit-scorecard`, { fullPage: true });
    await reader.context.close();
  }
  await keepScreenshot(staff.page, "zh-CN-desktop-series-after", { fullPage: true });
});
