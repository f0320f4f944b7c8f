import colors from "tailwindcss/colors";
import { describe, expect, it } from "vitest";
import config from "../../tailwind.config";

/**
 * The design's text colours against the backgrounds they are used on, checked with the WCAG 2.1 formula.
 * axe checks the rendered pages; this catches a token change before any page is built.
 */
const brand = config.theme.extend.colors.brand;
const ink = config.theme.extend.colors.ink;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

const pairs: [string, string, string][] = [
  ["buttons: white on brand-600", "#ffffff", brand[600]],
  ["buttons on hover: white on brand-700", "#ffffff", brand[700]],
  ["links and the active section: brand-700 on white", brand[700], "#ffffff"],
  ["links on the page background: brand-700 on stone-50", brand[700], colors.stone[50]],
  ["badges: brand-800 on brand-100", brand[800], brand[100]],
  ["home hero lead: brand-50 on brand-600", brand[50], brand[600]],
  ["home hero steps: brand-100 on brand-700", brand[100], brand[700]],
  ["body text: ink on stone-50", ink.DEFAULT, colors.stone[50]],
  ["secondary text: ink-muted on white", ink.muted, "#ffffff"],
  ["secondary text on the page background: ink-muted on stone-50", ink.muted, colors.stone[50]],
  ["placeholders: stone-500 on white", colors.stone[500], "#ffffff"],
  ["field errors: red-700 on white", colors.red[700], "#ffffff"],
];

describe("the design's colours are readable", () => {
  it("computes the WCAG ratio (black on white is 21:1, a colour on itself 1:1)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast(brand[600], brand[600])).toBe(1);
  });

  for (const [where, foreground, background] of pairs) {
    it(`${where} reaches 4.5:1`, () => {
      expect(contrast(foreground, background)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
