import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** The WCAG 2.1 A and AA rule sets the product promises to meet. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const BLOCKING = new Set(["serious", "critical"]);

/**
 * Runs axe on the page as it is now and returns one line per serious or critical failure: the rule, the
 * element and the page, so a failing test says where to look without opening a trace.
 */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  // Only violations are collected: listing every passing node roughly doubles the time axe takes per page.
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ["violations"] })
    .analyze();
  const lines: string[] = [];
  for (const violation of results.violations) {
    if (!BLOCKING.has(violation.impact ?? "")) continue;
    for (const node of violation.nodes) {
      lines.push(
        `${violation.id} (${violation.impact}) at ${node.target.join(" ")} on ${where} ${page.url()} — ${node.failureSummary?.replace(/\s+/g, " ") ?? violation.help}`,
      );
    }
  }
  return lines;
}
