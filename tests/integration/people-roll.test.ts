import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../app/domain/accounts/sign-in.server";
import { activateAccount, issueInvitationLetters } from "../../app/domain/people/activation.server";
import { hashActivationCode } from "../../app/domain/people/activation-code";
import { applyRollImport, fixRollRow, rollImportPreview, skipRollRow, startRollImport } from "../../app/domain/people/roll-import.server";
import { DAY, FakeClock } from "../../app/infra/clock";
import type { Db } from "../../app/infra/db.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createUser, unique } from "../helpers/fixtures";

const limits = { maxFailures: 50, windowMinutes: 15 };
const STRONG = "松木场 桂花 开了三次";

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("名册");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A community with two grids and its staff member; phones carry a random middle so worlds never share one. */
async function rollWorld(db: Db) {
  const place = await createCommunity(db);
  const grid2 = await db.grid.create({
    data: { communityId: place.community.id, code: `B-${unique()}`, nameZh: "第二网格", nameEn: "Grid 2" },
  });
  const staff = await createUser(db, { communityId: place.community.id, role: "community_staff" });
  const digits = String(Math.floor(Math.random() * 9000) + 1000);
  const phone = (n: number) => `139${digits}${String(n).padStart(4, "0")}`;
  return { ...place, grid2, staff: await actorOf(db, staff.user.id), phone, community: place.community };
}

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("importing the resident roll on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.drop());

  it("previews messy rows, takes a fix and a skip, enrols the rest, and a second import of the same file changes nothing", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await rollWorld(db);
    const file = await xlsx([
      ["序号", "姓名", "手机号码", "楼栋", "单元", "门牌号", "所属网格", "是否居民代表"],
      [1, "张桂英", world.phone(1).replace(/(\d{3})(\d{4})/, "$1 $2 "), "3幢", "2单元", "301室", world.grid.code, "是"],
      [2, "李建国", "", "3号楼", "2", "302", "第二网格", ""],
      [3, "王秀兰", "１３８", "5", "1", "101", world.grid.code, ""],
      [4, "赵德明", world.phone(4), "5", "1", "102", "第九网格", ""],
      [5, "张桂英", world.phone(1), "3", "2", "301", world.grid.code, "是"],
      [6, "钱多多", world.phone(6), "6", "1", "601", world.grid.code, "也许"],
    ]);
    const { id } = await startRollImport(db, clock, world.staff, world.community, { filename: "名册.xlsx", bytes: file });
    let preview = await rollImportPreview(db, world.staff, world.community, id);
    expect(preview.counts).toEqual({ new: 2, existing: 0, invalid: 4, skipped: 0 });
    const problems = Object.fromEntries(preview.rows.map((r) => [r.line, r.problems]));
    expect(problems).toMatchObject({ 4: ["bad_phone"], 5: ["unknown_grid"], 6: ["duplicate_row"], 7: ["bad_representative"] });

    const wang = preview.rows.find((r) => r.line === 4)!;
    await fixRollRow(db, world.staff, world.community, id, 4, { ...wang.input, phone: world.phone(3) });
    await skipRollRow(db, world.staff, world.community, id, 6, true);
    const zhao = preview.rows.find((r) => r.line === 5)!;
    await fixRollRow(db, world.staff, world.community, id, 5, { ...zhao.input, grid: world.grid2.code });
    preview = await rollImportPreview(db, world.staff, world.community, id);
    expect(preview.counts).toEqual({ new: 4, existing: 0, invalid: 1, skipped: 1 });

    const progress = await applyRollImport(db, clock, world.staff, world.community, id);
    expect(progress).toMatchObject({ done: 4, total: 4, finished: true, created: 4, updated: 0 });
    const zhang = await db.user.findFirstOrThrow({ where: { phone: world.phone(1) } });
    expect(zhang).toMatchObject({ displayName: "张桂英", username: world.phone(1), needsActivation: true });
    expect(await db.membership.findFirst({ where: { userId: zhang.id, communityId: world.community.id } })).toMatchObject({
      role: "resident",
      isResidentRep: true,
      gridId: world.grid.id,
    });
    expect(await db.residentRecord.findFirst({ where: { userId: zhang.id } })).toMatchObject({ building: "3", entrance: "2", room: "301" });
    // Nobody can sign in to an account that has not been activated.
    await expect(signIn(db, clock, limits, { username: zhang.username, password: "", ip: "10.9.0.1" })).rejects.toMatchObject({
      kind: "unauthenticated",
    });
    expect(await db.auditLog.count({ where: { communityId: world.community.id, action: "person.enrolled" } })).toBe(4);
    expect(await db.auditLog.count({ where: { communityId: world.community.id, action: "roll.imported", entityId: id } })).toBe(1);

    // The same file again: everyone is recognised (the phone-less 李建国 by household and name), nobody is written.
    const before = await db.user.count();
    const again = await startRollImport(db, clock, world.staff, world.community, { filename: "名册.xlsx", bytes: file });
    await fixRollRow(db, world.staff, world.community, again.id, 4, { ...wang.input, phone: world.phone(3) });
    await fixRollRow(db, world.staff, world.community, again.id, 5, { ...zhao.input, grid: world.grid2.code });
    const second = await rollImportPreview(db, world.staff, world.community, again.id);
    expect(second.counts).toMatchObject({ new: 0, existing: 4 });
    expect(await applyRollImport(db, clock, world.staff, world.community, again.id)).toMatchObject({
      created: 0,
      updated: 0,
      finished: true,
    });
    expect(await db.user.count()).toBe(before);
  });

  it("refuses a file that is not a roll, a roll without its columns, and staff of another community", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await rollWorld(db);
    const start = (bytes: Uint8Array, filename = "roll.csv") =>
      startRollImport(db, clock, world.staff, world.community, { filename, bytes });
    await expect(start(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), "roll.xlsx")).rejects.toMatchObject({
      key: "people:errors.roll_unreadable",
    });
    await expect(start(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]))).rejects.toMatchObject({ key: "people:errors.roll_unreadable" });
    await expect(start(new TextEncoder().encode("姓名,手机\n张三,13800001111\n"))).rejects.toMatchObject({
      key: "people:errors.roll_missing_grid",
    });
    const { id } = await start(new TextEncoder().encode(`\uFEFF姓名,地址,网格\n张三,3幢2单元301室,${world.grid.code}\n`));

    const elsewhere = await rollWorld(db);
    await expect(rollImportPreview(db, elsewhere.staff, elsewhere.community, id)).rejects.toMatchObject({ kind: "not_found" });
    const resident = await createUser(db, { communityId: world.community.id, role: "resident" });
    await expect(rollImportPreview(db, await actorOf(db, resident.user.id), world.community, id)).rejects.toMatchObject({
      kind: "forbidden",
    });
  });

  it("enrols a roll of 3,000 households in chunks, in seconds", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await rollWorld(db);
    const rows: string[] = ["姓名,手机,楼栋,单元,门牌,网格"];
    const tag = String(Math.floor(Math.random() * 90) + 10);
    for (let i = 0; i < 3000; i++) {
      rows.push(
        `居民${i},137${tag}${String(i).padStart(6, "0")},${Math.floor(i / 60) + 1}幢,${(i % 3) + 1}单元,${100 + (i % 20)}室,${i % 2 ? world.grid.code : world.grid2.code}`,
      );
    }
    const { id } = await startRollImport(db, clock, world.staff, world.community, {
      filename: "big.csv",
      bytes: new TextEncoder().encode(rows.join("\n")),
    });
    const started = Date.now();
    let progress = await applyRollImport(db, clock, world.staff, world.community, id, { chunks: 1 });
    const seen = [progress.done];
    while (!progress.finished) {
      progress = await applyRollImport(db, clock, world.staff, world.community, id, { chunks: 1 });
      seen.push(progress.done);
    }
    const seconds = (Date.now() - started) / 1000;
    expect(progress).toMatchObject({ done: 3000, created: 3000 });
    expect(seen.length).toBeGreaterThan(5);
    expect(await db.residentRecord.count({ where: { communityId: world.community.id } })).toBe(3000);
    // A few seconds on a quiet machine; the bound leaves room for a CI machine shared with other jobs.
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("activation codes on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.drop());

  async function enrolled(db: Db, clock: FakeClock) {
    const world = await rollWorld(db);
    const csv = `姓名,手机,地址,网格\n张桂英,${world.phone(1)},3幢2单元301室,${world.grid.code}\n`;
    const { id } = await startRollImport(db, clock, world.staff, world.community, {
      filename: "r.csv",
      bytes: new TextEncoder().encode(csv),
    });
    await applyRollImport(db, clock, world.staff, world.community, id);
    return { world, importId: id, person: await db.user.findFirstOrThrow({ where: { phone: world.phone(1) } }) };
  }

  it("stores only a keyed digest of each code; a code activates once, and the person signs in with their new password", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const { world, importId, person } = await enrolled(db, clock);
    const { letters } = await issueInvitationLetters(db, clock, world.staff, world.community, { importId });
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter).toMatchObject({ name: "张桂英", address: { building: "3", entrance: "2", room: "301" } });
    const rows = await db.activationCode.findMany({ where: { userId: person.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(letter.code);
    expect(rows[0].codeHash).toBe(hashActivationCode(letter.code, process.env.SESSION_SECRET ?? ""));
    // A second print of the same import skips people who already have a letter.
    expect((await issueInvitationLetters(db, clock, world.staff, world.community, { importId })).letters).toHaveLength(0);

    await expect(activateAccount(db, clock, limits, { code: letter.code, password: "12345678", ip: "10.8.0.1" })).rejects.toMatchObject({
      key: expect.stringMatching(/^people:password\.weak\./),
    });
    const spaced = letter.code.replace(/(\d{4})/g, "$1 ");
    const session = await activateAccount(db, clock, limits, { code: spaced, password: STRONG, ip: "10.8.0.1" });
    expect(session.userId).toBe(person.id);
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ needsActivation: false });
    await expect(activateAccount(db, clock, limits, { code: letter.code, password: STRONG, ip: "10.8.0.1" })).rejects.toMatchObject({
      key: "people:errors.code_unknown",
    });
    await expect(signIn(db, clock, limits, { username: person.username, password: STRONG, ip: "10.8.0.2" })).resolves.toBeTruthy();
    expect(await db.auditLog.count({ where: { entityId: person.id, action: { in: ["person.code_issued", "person.activated"] } } })).toBe(2);
  });

  it("a code expires, and a new letter kills the old code", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const { world, person } = await enrolled(db, clock);
    const first = (await issueInvitationLetters(db, clock, world.staff, world.community, { userIds: [person.id] })).letters[0];
    const second = (await issueInvitationLetters(db, clock, world.staff, world.community, { userIds: [person.id] })).letters[0];
    await expect(activateAccount(db, clock, limits, { code: first.code, password: STRONG, ip: "10.7.0.1" })).rejects.toMatchObject({
      key: "people:errors.code_unknown",
    });
    clock.advance(31 * DAY);
    await expect(activateAccount(db, clock, limits, { code: second.code, password: STRONG, ip: "10.7.0.1" })).rejects.toMatchObject({
      key: "people:errors.code_expired",
    });
  });

  it("a password reset ends every session of the person at once and their old password stops working", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const world = await rollWorld(db);
    const active = await createUser(db, { communityId: world.community.id, role: "resident", gridId: world.grid.id });
    const signedIn = await signIn(db, clock, limits, { username: active.username, password: active.password, ip: "10.6.0.1" });
    const { letters, endedSessionIds } = await issueInvitationLetters(db, clock, world.staff, world.community, {
      userIds: [active.user.id],
    });
    expect(endedSessionIds).toEqual([signedIn.sessionId]);
    expect(await db.session.count({ where: { userId: active.user.id } })).toBe(0);
    await expect(signIn(db, clock, limits, { username: active.username, password: active.password, ip: "10.6.0.1" })).rejects.toMatchObject(
      {
        kind: "unauthenticated",
      },
    );
    await activateAccount(db, clock, limits, { code: letters[0].code, password: STRONG, ip: "10.6.0.2" });
    expect(await db.auditLog.count({ where: { entityId: active.user.id, action: "person.password_reset" } })).toBe(1);
  });

  it("staff cannot print a letter for someone of another community", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const { person } = await enrolled(db, clock);
    const other = await rollWorld(db);
    await expect(issueInvitationLetters(db, clock, other.staff, other.community, { userIds: [person.id] })).rejects.toMatchObject({
      kind: "not_found",
    });
  });
});
