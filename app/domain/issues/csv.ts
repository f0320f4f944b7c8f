/**
 * CSV as Excel on a Chinese Windows PC expects it: UTF-8 with a byte-order mark (without it Excel guesses
 * GBK and shows mojibake), CRLF line ends, and every field quoted when it holds a comma, quote or newline.
 */
export const UTF8_BOM = "\uFEFF";

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(","));
  return UTF8_BOM + lines.join("\r\n") + "\r\n";
}
