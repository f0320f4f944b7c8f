import type ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { invalid } from "../errors";
import { MAX_ROLL_ROWS } from "./limits";

const MAX_COLUMNS = 30;

/** The text a cell shows, whatever exceljs read it as (number, rich text, formula result, hyperlink, date). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  // Phone numbers typed into a number cell: print them without exponent or separators.
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ("text" in value && typeof value.text === "string") return value.text;
  return "";
}

function tableOf(sheet: ExcelJS.Worksheet | undefined): string[][] {
  if (!sheet) return [];
  if (sheet.rowCount > MAX_ROLL_ROWS + 1) throw invalid("people:errors.roll_too_many_rows", { max: MAX_ROLL_ROWS });
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= Math.min(row.cellCount, MAX_COLUMNS); column++) cells.push(cellText(row.getCell(column).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/**
 * Reads an uploaded roll (XLSX, or CSV in UTF-8 with or without a byte-order mark) into rows of cell text.
 * The first sheet of a workbook is the roll. A file neither format can read is refused with a message.
 */
export async function readRollFile(filename: string, bytes: Uint8Array): Promise<string[][]> {
  // Loaded when a roll is read: exceljs and its zip stack are ~400 modules that every start would otherwise pay for.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  try {
    if (isZip) {
      await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
      return tableOf(workbook.worksheets[0]);
    }
    if (/\.xlsx?$/i.test(filename)) throw invalid("people:errors.roll_unreadable");
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    const sheet = await workbook.csv.read(Readable.from([text]), {
      // Cells stay text: exceljs would otherwise read "3-2" as a date and a phone as a number.
      map: (value: unknown) => value,
      parserOptions: { ignoreEmpty: false },
    });
    return tableOf(sheet);
  } catch (error) {
    if (error instanceof Error && error.name === "DomainError") throw error;
    // Not UTF-8 (a CSV saved as GBK by older Excel), a damaged zip, or not a spreadsheet at all.
    throw invalid("people:errors.roll_unreadable");
  }
}
