import type { Page } from "@playwright/test";
import { test } from "@playwright/test";
import path from "node:path";

/**
 * Pictures for people to look at (layouts, both languages, phone and desktop). `npm test` takes none and
 * compares none: the specs' assertions are the test. `npm run screenshots` runs the specs that take them
 * with YISHI_SCREENSHOTS=1 and writes the PNGs under test-results/screenshots/<spec>/ (tests/README.md).
 */
export const TAKING_SCREENSHOTS = process.env.YISHI_SCREENSHOTS === "1";

export async function keepScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!TAKING_SCREENSHOTS) return;
  const spec = path.basename(test.info().file).replace(/\.spec\.ts$/, "");
  await page.screenshot({ path: path.resolve("test-results/screenshots", spec, `${name}.png`), ...options });
}
