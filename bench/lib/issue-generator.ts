/**
 * Years of a busy tracker in one community: `total` issues with their timelines, action items and progress
 * updates, bulk-inserted straight into SQLite in the same shapes the app writes (one transaction, prepared
 * statements), after the demo seed. Used by bench/tracker and bench/http --issues. Deterministic for a seed.
 */
import Database from "better-sqlite3";
import crypto from "node:crypto";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const id = () => crypto.randomBytes(12).toString("base64url");

/** A small linear congruential generator: the same seed gives the same tracker, so runs are comparable. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export interface GeneratedCounts {
  issues: number;
  events: number;
  actionItems: number;
  updates: number;
}

/** Adds `total` issues to the community `communitySlug` of the seeded database `file`. */
export function generateIssues(file: string, total: number, options: { communitySlug: string; seed?: number }): GeneratedCounts {
  const random = seededRandom(options.seed ?? 20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  const community = sqlite.prepare("SELECT id, streetId FROM Community WHERE slug = ?").get(options.communitySlug) as {
    id: string;
    streetId: string;
  };
  const categories = sqlite.prepare("SELECT id FROM IssueCategory WHERE communityId = ?").all(community.id) as { id: string }[];
  const grids = sqlite.prepare("SELECT id FROM Grid WHERE communityId = ?").all(community.id) as { id: string }[];
  const reporters = sqlite
    .prepare("SELECT userId AS id FROM Membership WHERE communityId = ? AND role IN ('resident','grid_worker')")
    .all(community.id) as { id: string }[];
  // The community's first staff member acts for the office.
  const staff = (
    sqlite
      .prepare("SELECT userId AS id FROM Membership WHERE communityId = ? AND role = 'community_staff' ORDER BY rowid LIMIT 1")
      .get(community.id) as { id: string }
  ).id;
  const units = sqlite.prepare("SELECT id FROM Unit WHERE streetId = ?").all(community.streetId) as { id: string }[];
  const departments = sqlite.prepare("SELECT id FROM Unit WHERE streetId = ? AND kind = 'department'").all(community.streetId) as {
    id: string;
  }[];
  let number = (sqlite.prepare("SELECT MAX(number) AS n FROM Issue WHERE communityId = ?").get(community.id) as { n: number }).n;

  const insertIssue =
    sqlite.prepare(`INSERT INTO Issue (id, number, communityId, gridId, categoryId, title, description, address, urgency, status, version, reporterId,
    escalatedToId, escalationDueAt, acknowledgedAt, acceptanceDueAt, resolvedAt, resolutionDays, closedAt, meTooCount, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvent = sqlite.prepare(
    "INSERT INTO IssueEvent (id, issueId, actorId, type, fromStatus, toStatus, note, data, isPublic, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
  );
  const insertItem = sqlite.prepare(
    "INSERT INTO ActionItem (id, issueId, unitId, description, dueAt, status, percent, claimedAt, doneAt, createdById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertUpdate = sqlite.prepare(
    "INSERT INTO ProgressUpdate (id, actionItemId, authorId, text, percent, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
  );

  const subjects = [
    "楼道灯不亮",
    "垃圾清运不及时",
    "电动车飞线充电",
    "下水道堵塞",
    "小区停车难",
    "路面破损",
    "噪音扰民",
    "加装电梯协调",
    "绿化带缺人养护",
    "老年食堂排队久",
  ];
  const places = ["松木场小区", "保俶北路", "松木场路", "西溪路", "天目山路"];
  // Roughly what a tracker looks like after a few years: most issues finished, a quarter still open.
  const statuses: [string, number][] = [
    ["submitted", 0.04],
    ["accepted", 0.05],
    ["escalated", 0.03],
    ["on_agenda", 0.02],
    ["in_progress", 0.1],
    ["awaiting_acceptance", 0.02],
    ["reopened", 0.01],
    ["rejected", 0.05],
    ["merged", 0.03],
    ["resolved", 0.5],
    ["closed", 0.15],
  ];
  const statusOf = () => {
    let r = random();
    for (const [status, share] of statuses) if ((r -= share) < 0) return status;
    return "resolved";
  };
  const now = Date.now();
  const counts: GeneratedCounts = { issues: 0, events: 0, actionItems: 0, updates: 0 };

  sqlite.transaction(() => {
    for (let i = 0; i < total; i++) {
      const issueId = id();
      // Numbers follow filing order, as in the app: issue n+1 was raised after issue n.
      const created = now - 3 * 365 * DAY + Math.floor(((i + random()) / total) * (3 * 365 - 1) * DAY);
      const status = statusOf();
      const reporter = pick(reporters).id;
      const worked = ["in_progress", "awaiting_acceptance", "reopened", "resolved", "closed"].includes(status);
      const escalated = status === "escalated" || (worked && random() < 0.15);
      const department = escalated ? pick(departments).id : null;
      const resolvedAt = status === "resolved" ? created + Math.floor((1 + random() * 40) * DAY) : null;
      const closedAt = status === "closed" ? created + Math.floor((10 + random() * 40) * DAY) : null;
      number++;
      insertIssue.run(
        issueId,
        number,
        community.id,
        pick(grids).id,
        pick(categories).id,
        `${pick(subjects)}（${number}）`,
        `${pick(places)}${1 + (number % 30)}幢附近，居民反映${pick(subjects)}，希望尽快处理。`,
        `${pick(places)}${1 + (number % 30)}幢`,
        pick(["low", "normal", "normal", "high"]),
        status,
        worked ? 4 : 1,
        reporter,
        department,
        department ? iso(created + 5 * DAY) : null,
        department && status !== "escalated" ? iso(created + 2 * DAY) : null,
        status === "awaiting_acceptance" ? iso(now + 3 * DAY) : null,
        resolvedAt === null ? null : iso(resolvedAt),
        resolvedAt === null ? null : (resolvedAt - created) / DAY,
        closedAt === null ? null : iso(closedAt),
        Math.floor(random() * random() * 6),
        iso(created),
        iso(resolvedAt ?? closedAt ?? created),
      );
      counts.issues++;
      const event = (
        type: string,
        at: number,
        from: string | null,
        to: string | null,
        actor: string | null,
        note: string | null = null,
        data: string | null = null,
      ) => {
        insertEvent.run(id(), issueId, actor, type, from, to, note, data, iso(at));
        counts.events++;
      };
      event("submitted", created, null, "submitted", reporter);
      if (status === "submitted") continue;
      if (status === "rejected") {
        event("reject", created + DAY, "submitted", "rejected", staff, "不属于社区职责范围，已告知向有关部门反映。");
        continue;
      }
      if (status === "merged") {
        event("merge", created + DAY, "submitted", "merged", staff);
        continue;
      }
      event("accept", created + DAY, "submitted", "accepted", staff);
      if (department) {
        event(
          "escalate",
          created + DAY + 3600_000,
          "accepted",
          "escalated",
          staff,
          "请部门协调处理。",
          JSON.stringify({ unitId: department, dueAt: iso(created + 5 * DAY) }),
        );
        if (status !== "escalated") event("acknowledge", created + 2 * DAY, "escalated", "escalated", null);
      }
      if (status === "on_agenda") event("put_on_agenda", created + 2 * DAY, "accepted", "on_agenda", staff);
      if (!worked) continue;
      const items = 1 + Math.floor(random() * 2);
      for (let k = 0; k < items; k++) {
        const itemId = id();
        const unit = pick(units).id;
        const due = created + (7 + Math.floor(random() * 30)) * DAY;
        const done = status !== "in_progress" || random() < 0.3;
        insertItem.run(
          itemId,
          issueId,
          unit,
          `${pick(subjects)}的整改`,
          iso(due),
          done ? "done" : "claimed",
          done ? 100 : 50,
          iso(created + 3 * DAY),
          done ? iso(created + 6 * DAY) : null,
          staff,
          iso(created + 2 * DAY),
        );
        counts.actionItems++;
        event(
          "action_item_added",
          created + 2 * DAY,
          null,
          null,
          staff,
          `${pick(subjects)}的整改`,
          JSON.stringify({ actionItemId: itemId, unitId: unit, dueAt: iso(due) }),
        );
        insertUpdate.run(id(), itemId, staff, "已到现场查看，正在整改。", 50, iso(created + 4 * DAY));
        counts.updates++;
        event(
          "progress_posted",
          created + 4 * DAY,
          null,
          null,
          null,
          "已到现场查看，正在整改。",
          JSON.stringify({ actionItemId: itemId, unitId: unit, percent: 50 }),
        );
        if (done)
          event(
            "action_item_done",
            created + 6 * DAY,
            null,
            null,
            null,
            null,
            JSON.stringify({ actionItemId: itemId, unitId: unit, percent: 100 }),
          );
      }
      event("start_work", created + 2 * DAY, "accepted", "in_progress", null);
      if (status === "in_progress") continue;
      event("request_acceptance", created + 6 * DAY, "in_progress", "awaiting_acceptance", null);
      if (status === "resolved") event("confirm_fixed", resolvedAt as number, "awaiting_acceptance", "resolved", reporter);
      if (status === "closed") event("auto_close", closedAt as number, "awaiting_acceptance", "closed", null);
      if (status === "reopened") event("reopen", created + 8 * DAY, "awaiting_acceptance", "reopened", reporter, "问题没有彻底解决。");
    }
  })();
  sqlite.pragma("optimize");
  sqlite.close();
  return counts;
}
