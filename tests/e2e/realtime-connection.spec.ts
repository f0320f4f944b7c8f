import { expect, test } from "@playwright/test";
import { createDb } from "../../app/infra/db.server";
import { createLiveWorld } from "../helpers/live-meeting";
import { E2E_SESSION_SECRET, e2eDatabaseUrl, e2ePort } from "./e2e-env";

/**
 * One live connection per browser tab (ADR 0017): the meeting screen and the notification bell share it, and
 * it outlives a page change to a screen that only has the bell. A live meeting of its own, written straight
 * into the e2e database.
 */
test("a meeting screen and the bell share one connection, which stays when the person moves to another page", async ({ browser }) => {
  const db = createDb(e2eDatabaseUrl());
  try {
    const world = await createLiveWorld(db, { voters: 1, secret: E2E_SESSION_SECRET });
    const { code } = await db.meeting.findUniqueOrThrow({ where: { id: world.meetingId }, select: { code: true } });
    const context = await browser.newContext({ locale: "zh-CN" });
    const [name, value] = world.voters[0].cookie.split("=");
    await context.addCookies([{ name, value, url: `http://127.0.0.1:${e2ePort()}` }]);
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on("websocket", (socket) => {
      if (socket.url().includes("/socket.io/")) sockets.push(socket.url());
    });

    await page.goto(`/m/${code}`);
    await expect(page.getByTestId("checked-in")).toBeVisible();
    // Live: the meeting is joined over the connection the bell opened too.
    await expect(page.getByTestId("connection")).toHaveCount(0);
    expect(sockets).toHaveLength(1);

    await page.getByRole("link", { name: /^通知/ }).click();
    await expect(page).toHaveURL(/\/notifications$/);
    await page.goBack();
    await expect(page.getByTestId("connection")).toHaveCount(0);
    expect(sockets).toHaveLength(1);
    await context.close();
  } finally {
    await db.$disconnect();
  }
});
