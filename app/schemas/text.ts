import { z } from "zod";

/*
 * Characters nobody types on purpose and that break pages or exports: C0 controls (NUL makes React's
 * hydration fail and some databases refuse the row), DEL, C1 controls, and halves of UTF-16 surrogate
 * pairs that lost their partner (invalid Unicode that crashes encoders). Tabs and line breaks survive in
 * multi-line text; in a single line a tab or line break becomes a space.
 */
// Tab, line feed and carriage return are handled separately below.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(value: string, options: { multiline: boolean }): string {
  const withoutSurrogates = value.replace(LONE_SURROGATES, "");
  if (options.multiline) return withoutSurrogates.replace(/\r\n?/g, "\n").replace(CONTROLS, "");
  return withoutSurrogates.replace(/[\t\r\n]+/g, " ").replace(CONTROLS, "");
}

/** A one-line text field (title, name, place): chain `.trim().min().max()` as on any string. */
export const lineText = () => z.string().overwrite((value) => cleanText(value, { multiline: false }));

/** A multi-line text field (description, comment, reason). */
export const multilineText = () => z.string().overwrite((value) => cleanText(value, { multiline: true }));
