/**
 * The resident roll as staff keep it in a spreadsheet (居民名册), read into rows the app can enrol.
 * Pure rules: which column is which, how messy real-world cells become one spelling (full-width digits,
 * spaces in phone numbers, 3幢 / 3栋 / 3号楼), and what makes a row unusable. The use case
 * (roll-import.server.ts) adds what only the database knows: who is already on the roll.
 */

export const ROLL_FIELDS = ["name", "phone", "building", "entrance", "room", "grid", "representative", "address"] as const;
export type RollField = (typeof ROLL_FIELDS)[number];

/** What staff may type or fix in one row: the cells as text. */
export type RollRowInput = Record<Exclude<RollField, "address">, string>;

/** Headers seen on real rolls, in either language, after normalising (lower case, no spaces or punctuation). */
const HEADER_ALIASES: Record<string, RollField> = {
  姓名: "name",
  名字: "name",
  居民姓名: "name",
  name: "name",
  fullname: "name",
  手机: "phone",
  手机号: "phone",
  手机号码: "phone",
  电话: "phone",
  联系电话: "phone",
  电话号码: "phone",
  phone: "phone",
  mobile: "phone",
  phonenumber: "phone",
  楼栋: "building",
  楼幢: "building",
  楼号: "building",
  幢: "building",
  栋: "building",
  building: "building",
  单元: "entrance",
  单元号: "entrance",
  unit: "entrance",
  entrance: "entrance",
  门牌: "room",
  门牌号: "room",
  房号: "room",
  室: "room",
  房间号: "room",
  room: "room",
  网格: "grid",
  所属网格: "grid",
  网格编号: "grid",
  grid: "grid",
  居民代表: "representative",
  是否居民代表: "representative",
  representative: "representative",
  residentrepresentative: "representative",
  rep: "representative",
  地址: "address",
  住址: "address",
  家庭住址: "address",
  address: "address",
};

/** One spelling for what people type many ways: full-width letters and digits become ASCII (NFKC), runs of space one space. */
export function normaliseText(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, " ").trim();
}

function headerKey(value: string): string {
  return normaliseText(value)
    .toLowerCase()
    .replace(/[\s_\-/()（）*:：]/g, "");
}

export interface HeaderMap {
  /** The field each column holds, or null for columns the roll does not use. */
  columns: (RollField | null)[];
  /** Fields the roll needs but no column holds. */
  missing: RollField[];
}

/** Which column is which, from the header row. A roll needs a name, a grid, and an address (three columns or one). */
export function mapHeader(header: string[]): HeaderMap {
  const seen = new Set<RollField>();
  const columns = header.map((cell) => {
    const field = HEADER_ALIASES[headerKey(cell)] ?? null;
    if (!field || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
  const missing: RollField[] = [];
  if (!seen.has("name")) missing.push("name");
  if (!seen.has("grid")) missing.push("grid");
  if (!seen.has("address") && !seen.has("building")) missing.push("building");
  return { columns, missing };
}

/**
 * A phone number as one string of digits, or null when the cell is empty. Mainland mobiles (11 digits,
 * starting 1[3-9]) and landlines with their area code (0571 8888 1234) are accepted, with or without +86,
 * spaces, dashes or full-width digits; anything else is `false` (a bad phone).
 */
export function normalisePhone(value: string): string | null | false {
  const text = normaliseText(value);
  if (text === "") return null;
  if (!/^[+\d\s\-().]+$/.test(text)) return false;
  let digits = text.replace(/\D/g, "");
  if (text.startsWith("+86") || (digits.startsWith("86") && digits.length === 13)) digits = digits.slice(2);
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^0\d{2,3}\d{7,8}$/.test(digits) && digits.length >= 10 && digits.length <= 12) return digits;
  return false;
}

const CHINESE_DIGITS: Record<string, string> = { 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

function withoutAffixes(value: string, suffixes: RegExp): string {
  let text = normaliseText(value).replace(/\s/g, "").replace(/^第/, "");
  text = text.replace(suffixes, "");
  // 三单元 → 3: single Chinese numerals are common for entrances and low buildings.
  if (text.length === 1 && CHINESE_DIGITS[text]) text = CHINESE_DIGITS[text];
  return text.toUpperCase();
}

/** 3幢, 3栋, 3号楼, 第3幢, ３ → "3". Letters survive (A座 → "A"). */
export const normaliseBuilding = (value: string) => withoutAffixes(value, /(号楼|幢|栋|楼|座|号)$/);
/** 2单元, 二单元, 2 → "2". */
export const normaliseEntrance = (value: string) => withoutAffixes(value, /(单元|门)$/);
/** 301室, 301号, 301 → "301". */
export const normaliseRoom = (value: string) => withoutAffixes(value, /(室|号|房)$/);

/** "松木场小区3幢2单元301室" → building 3, entrance 2, room 301: for rolls that keep the address in one column. */
export function splitAddress(value: string): { building: string; entrance: string; room: string } | null {
  const text = normaliseText(value).replace(/\s/g, "");
  const match =
    /(?:第)?([0-9A-Za-z一二三四五六七八九]+)(?:号楼|幢|栋|座)(?:(?:第)?([0-9A-Za-z一二三四五六七八九]+)单元)?-?([0-9A-Za-z]+)(?:室|号)?$/.exec(
      text,
    );
  if (!match) return null;
  return { building: normaliseBuilding(match[1]), entrance: match[2] ? normaliseEntrance(match[2]) : "", room: normaliseRoom(match[3]) };
}

const YES = new Set(["是", "y", "yes", "1", "true", "√", "✓", "✔", "代表", "居民代表"]);
const NO = new Set(["", "否", "n", "no", "0", "false", "×", "✗", "-"]);

/** The representative flag: 是/否, Y/N, √, 1/0; null when the cell says something else. */
export function parseYesNo(value: string): boolean | null {
  const text = normaliseText(value).toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return null;
}

export const MAX_NAME_LENGTH = 40;
const MAX_ADDRESS_PART = 12;

/** Why a row cannot be enrolled as it is (translated as `people:import.problem.<key>`). */
export type RowProblem =
  | "name_missing"
  | "name_too_long"
  | "bad_phone"
  | "address_missing"
  | "address_too_long"
  | "grid_missing"
  | "unknown_grid"
  | "bad_representative"
  | "duplicate_row";

export interface GridRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface CheckedValue {
  name: string;
  phone: string | null;
  building: string;
  entrance: string;
  room: string;
  gridId: string;
  isResidentRep: boolean;
  householdKey: string;
}

/** Same household, same name: the person, when there is no phone to tell them by. */
export function householdKey(value: { building: string; entrance: string; room: string; name: string }): string {
  return [value.building, value.entrance, value.room, normaliseText(value.name).replace(/\s/g, "")].join("|");
}

/** Finds a grid by its code (SMC-01, smc01) or its name in either language (第一网格). */
export function findGrid(grids: GridRef[], value: string): GridRef | undefined {
  const key = normaliseText(value)
    .toLowerCase()
    .replace(/[\s\-_]/g, "");
  if (!key) return undefined;
  return grids.find(
    (g) =>
      g.code.toLowerCase().replace(/[\s\-_]/g, "") === key ||
      normaliseText(g.nameZh).replace(/\s/g, "") === key ||
      normaliseText(g.nameEn)
        .toLowerCase()
        .replace(/[\s\-_]/g, "") === key,
  );
}

/** One row on its own: its clean value, or why it cannot be used. */
export function checkRow(input: RollRowInput, grids: GridRef[]): { value: CheckedValue | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const name = normaliseText(input.name);
  if (!name) problems.push("name_missing");
  else if ([...name].length > MAX_NAME_LENGTH) problems.push("name_too_long");

  const phone = normalisePhone(input.phone);
  if (phone === false) problems.push("bad_phone");

  const building = normaliseBuilding(input.building);
  const entrance = normaliseEntrance(input.entrance);
  const room = normaliseRoom(input.room);
  if (!building || !room) problems.push("address_missing");
  else if ([building, entrance, room].some((part) => part.length > MAX_ADDRESS_PART)) problems.push("address_too_long");

  let gridId = "";
  if (!normaliseText(input.grid)) problems.push("grid_missing");
  else {
    const grid = findGrid(grids, input.grid);
    if (grid) gridId = grid.id;
    else problems.push("unknown_grid");
  }

  const rep = parseYesNo(input.representative);
  if (rep === null) problems.push("bad_representative");

  if (problems.length > 0) return { value: null, problems };
  return {
    value: {
      name,
      phone: phone || null,
      building,
      entrance,
      room,
      gridId,
      isResidentRep: rep === true,
      householdKey: householdKey({ building, entrance, room, name }),
    },
    problems,
  };
}

/**
 * The roll's data rows as typed, from the sheet's cells (header first). Empty rows are left out; an address
 * column fills building, entrance and room when those columns are missing or empty in that row.
 */
export function rowsFromTable(table: string[][]): { header: HeaderMap; rows: { line: number; input: RollRowInput }[] } {
  const header = mapHeader(table[0] ?? []);
  const rows: { line: number; input: RollRowInput }[] = [];
  for (let index = 1; index < table.length; index++) {
    const cells = table[index];
    if (cells.every((cell) => normaliseText(cell ?? "") === "")) continue;
    const input: RollRowInput = { name: "", phone: "", building: "", entrance: "", room: "", grid: "", representative: "" };
    let address = "";
    header.columns.forEach((field, column) => {
      const cell = normaliseText(cells[column] ?? "");
      if (!field) return;
      if (field === "address") address = cell;
      else input[field] = cell;
    });
    if (address && !input.building && !input.room) {
      const parts = splitAddress(address);
      if (parts) Object.assign(input, parts);
    }
    // Spreadsheet line numbers, as staff see them in Excel: the header is line 1.
    rows.push({ line: index + 1, input });
  }
  return { header, rows };
}

export interface CheckedRow {
  line: number;
  input: RollRowInput;
  skipped: boolean;
  value: CheckedValue | null;
  problems: RowProblem[];
  /** For a duplicate: the line of the first row for the same person. */
  duplicateOf?: number;
}

/**
 * A person by phone: the phone *and* the name, because an older couple often shares one phone and both
 * belong on the roll.
 */
export function phoneAndName(value: { phone: string | null; name: string }): string {
  return `${value.phone ?? ""}|${normaliseText(value.name).replace(/\s/g, "")}`;
}

/**
 * Every row checked, and rows that name the same person twice (same phone and name, or same household and
 * name) marked: the second and later ones are duplicates of the first. Skipped rows are kept
 * (staff may take them back) but never count as the first of a pair.
 */
export function checkRows(rows: { line: number; input: RollRowInput; skipped?: boolean }[], grids: GridRef[]): CheckedRow[] {
  const firstByPhoneAndName = new Map<string, number>();
  const firstByHousehold = new Map<string, number>();
  return rows.map((row) => {
    const { value, problems } = checkRow(row.input, grids);
    const checked: CheckedRow = { line: row.line, input: row.input, skipped: !!row.skipped, value, problems };
    if (!value || row.skipped) return checked;
    const phoneKey = value.phone ? phoneAndName(value) : null;
    const earlier = (phoneKey ? firstByPhoneAndName.get(phoneKey) : undefined) ?? firstByHousehold.get(value.householdKey);
    if (earlier !== undefined) return { ...checked, value: null, problems: ["duplicate_row"], duplicateOf: earlier };
    if (phoneKey) firstByPhoneAndName.set(phoneKey, row.line);
    firstByHousehold.set(value.householdKey, row.line);
    return checked;
  });
}
