import { expect, test } from "@playwright/test";
import { createDb } from "../../app/infra/db.server";
import { PROTOCOL_VERSION } from "../../app/realtime/protocol";
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

test("a page that speaks an older protocol is refused at the handshake and asks to be reloaded", async ({ browser }) => {
  const db = createDb(e2eDatabaseUrl());
  try {
    const world = await createLiveWorld(db, { voters: 1, secret: E2E_SESSION_SECRET });
    const { code } = await db.meeting.findUniqueOrThrow({ where: { id: world.meetingId }, select: { code: true } });
    const context = await browser.newContext({ locale: "zh-CN" });
    const [name, value] = world.voters[0].cookie.split("=");
    await context.addCookies([{ name, value, url: `http://127.0.0.1:${e2ePort()}` }]);
    const page = await context.newPage();
    // The tab was loaded before a deploy: its handshake states the version before this one.
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) =>
        server.send(String(message).replace(`"protocolVersion":${PROTOCOL_VERSION}`, `"protocolVersion":${PROTOCOL_VERSION - 1}`)),
      );
    });
    await page.goto(`/m/${code}`);
    await expect(page.getByTestId("connection")).toHaveAttribute("data-connection", "outdated");
    await expect(page.getByTestId("connection")).toHaveText("页面版本已更新，请刷新页面。");
    await context.close();
  } finally {
    await db.$disconnect();
  }
});
