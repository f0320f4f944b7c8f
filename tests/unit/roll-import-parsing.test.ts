import { describe, expect, it } from "vitest";
import {
  checkRows,
  householdKey,
  mapHeader,
  normaliseBuilding,
  normaliseEntrance,
  normalisePhone,
  normaliseRoom,
  parseYesNo,
  rowsFromTable,
  splitAddress,
} from "../../app/domain/people/roll-rows";
import {
  formatActivationCode,
  hashActivationCode,
  isActivationCodeShape,
  newActivationCode,
  normaliseActivationCode,
} from "../../app/domain/people/activation-code";
import { checkPasswordStrength } from "../../app/domain/people/password-strength";

const grids = [
  { id: "g1", code: "SMC-01", nameZh: "第一网格", nameEn: "Grid 1" },
  { id: "g2", code: "SMC-02", nameZh: "第二网格", nameEn: "Grid 2" },
];

const row = (over: Partial<Record<string, string>> = {}) => ({
  name: "张桂英",
  phone: "13800001111",
  building: "3",
  entrance: "2",
  room: "301",
  grid: "SMC-01",
  representative: "",
  ...over,
});

describe("reading a resident roll the way staff keep it", () => {
  it("finds the columns by their Chinese or English headers, in any order", () => {
    expect(mapHeader(["序号", "姓名", "手机号码", "楼栋", "单元", "门牌号", "所属网格", "是否居民代表"]).columns).toEqual([
      null,
      "name",
      "phone",
      "building",
      "entrance",
      "room",
      "grid",
      "representative",
    ]);
    expect(mapHeader(["Phone", "Name", "Address", "Grid"]).missing).toEqual([]);
  });

  it("says which column a roll lacks", () => {
    expect(mapHeader(["姓名", "手机"]).missing).toEqual(["grid", "building"]);
  });

  it("reads phones with spaces, dashes, +86 and full-width digits as one number", () => {
    expect(normalisePhone("138 0000 1111")).toBe("13800001111");
    expect(normalisePhone("１３８００００１１１１")).toBe("13800001111");
    expect(normalisePhone("+86 138-0000-1111")).toBe("13800001111");
    expect(normalisePhone("0571-8888 1234")).toBe("057188881234");
    expect(normalisePhone("")).toBeNull();
  });

  it("refuses phones that cannot be right", () => {
    for (const bad of ["1380000111", "23800001111", "138000011112", "打电话给儿子", "13800001111转2"])
      expect(normalisePhone(bad), bad).toBe(false);
  });

  it("writes 3幢, 3栋, 3号楼 and ３ as the same building, and 号 or 室 after a room the same", () => {
    for (const b of ["3幢", "3栋", "3号楼", "第3幢", "３", " 3 "]) expect(normaliseBuilding(b), b).toBe("3");
    expect(normaliseBuilding("A座")).toBe("A");
    for (const e of ["2单元", "二单元", "２", "第2单元"]) expect(normaliseEntrance(e), e).toBe("2");
    for (const r of ["301室", "301号", "301", "３０１室"]) expect(normaliseRoom(r), r).toBe("301");
  });

  it("splits an address kept in one column", () => {
    expect(splitAddress("松木场小区3幢2单元301室")).toEqual({ building: "3", entrance: "2", room: "301" });
    expect(splitAddress("５号楼１０２")).toEqual({ building: "5", entrance: "", room: "102" });
    expect(splitAddress("不详")).toBeNull();
  });

  it("reads the representative column as yes or no", () => {
    expect(parseYesNo("是")).toBe(true);
    expect(parseYesNo("√")).toBe(true);
    expect(parseYesNo("Y")).toBe(true);
    expect(parseYesNo("")).toBe(false);
    expect(parseYesNo("否")).toBe(false);
    expect(parseYesNo("也许")).toBeNull();
  });

  it("turns a sheet into rows numbered as in Excel, skipping empty lines and filling the address column", () => {
    const { rows } = rowsFromTable([
      ["姓名", "电话", "地址", "网格"],
      ["张桂英", "138 0000 1111", "3幢2单元301室", "SMC-01"],
      ["", "", "", ""],
      ["李建国", "", "5号楼102", "第二网格"],
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0].input).toMatchObject({ name: "张桂英", building: "3", entrance: "2", room: "301" });
  });
});

describe("checking each row", () => {
  it("accepts a clean row and finds its grid by code or name", () => {
    const [checked] = checkRows([{ line: 2, input: row({ grid: "第一网格", phone: "138 0000 1111" }) }], grids);
    expect(checked.problems).toEqual([]);
    expect(checked.value).toMatchObject({
      phone: "13800001111",
      gridId: "g1",
      householdKey: householdKey({ building: "3", entrance: "2", room: "301", name: "张桂英" }),
    });
    expect(checkRows([{ line: 2, input: row({ grid: "smc02" }) }], grids)[0].value?.gridId).toBe("g2");
  });

  it("gives each unusable row its reasons", () => {
    const checked = checkRows(
      [
        { line: 2, input: row({ phone: "1380000" }) },
        { line: 3, input: row({ name: "李四", grid: "SMC-09" }) },
        { line: 4, input: row({ name: "", room: "" }) },
        { line: 5, input: row({ name: "王五", representative: "也许" }) },
      ],
      grids,
    );
    expect(checked.map((c) => c.problems)).toEqual([
      ["bad_phone"],
      ["unknown_grid"],
      ["name_missing", "address_missing"],
      ["bad_representative"],
    ]);
  });

  it("marks the second row for the same person as a duplicate of the first, however it was typed", () => {
    const checked = checkRows(
      [
        { line: 2, input: row() },
        { line: 3, input: row({ phone: "138-0000-1111", building: "3幢", room: "301室" }) },
        { line: 4, input: row({ name: "李建国" }) },
      ],
      grids,
    );
    expect(checked[1]).toMatchObject({ problems: ["duplicate_row"], duplicateOf: 2 });
    // An older couple sharing one phone: two people, both on the roll.
    expect(checked[2].problems).toEqual([]);
  });

  it("does not count a skipped row as the first of a pair", () => {
    const checked = checkRows(
      [
        { line: 2, input: row(), skipped: true },
        { line: 3, input: row() },
      ],
      grids,
    );
    expect(checked[1].problems).toEqual([]);
  });
});

describe("activation codes and passwords", () => {
  it("codes are twelve digits, printed in groups, read back however they are typed", () => {
    const code = newActivationCode();
    expect(isActivationCodeShape(code)).toBe(true);
    expect(formatActivationCode("123456789012")).toBe("1234 5678 9012");
    expect(normaliseActivationCode("１２３４ 5678-9012")).toBe("123456789012");
  });

  it("only a keyed digest of a code is kept, and the same code gives the same digest", () => {
    const digest = hashActivationCode("123456789012", "k");
    expect(digest).not.toContain("123456789012");
    expect(digest).toBe(hashActivationCode("123456789012", "k"));
    expect(digest).not.toBe(hashActivationCode("123456789012", "other"));
  });

  it("refuses short, common and personal passwords with a reason, and accepts a long phrase", () => {
    expect(checkPasswordStrength("abc", [])).toEqual({ ok: false, reason: "too_short" });
    expect(checkPasswordStrength("password1", [])).toMatchObject({ ok: false });
    expect(checkPasswordStrength("13800001111", ["13800001111"])).toEqual({ ok: false, reason: "userInputs" });
    expect(checkPasswordStrength("松木场 桂花 开了", [])).toEqual({ ok: true });
  });
});
