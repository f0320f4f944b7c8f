/**
 * Prints one closing line that CI reads: "N passed, N failed". Test counts come from the vitest and
 * Playwright JSON reports; typecheck, lint, format and build count as one check each. Exit code 1 if anything failed.
 */
import fs from "node:fs";

const failedStages = new Set(process.argv.slice(2));
let passed = 0;
let failed = 0;
let skipped = 0;

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

for (const check of ["typecheck", "lint", "format", "build"]) {
  if (failedStages.has(check)) failed++;
  else passed++;
}

for (const [stage, file] of [
  ["unit", "test-results/vitest-unit.json"],
  ["integration", "test-results/vitest-integration.json"],
] as const) {
  const report = readJson(file) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
  if (!report) {
    failed++; // the stage did not even produce a report
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (failedStages.has(stage) && report.numFailedTests === 0) failed++; // e.g. a crash outside any test
}

const e2e = readJson("test-results/playwright.json") as {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
} | null;
if (!e2e) failed++;
else {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  if (failedStages.has("e2e") && e2e.stats.unexpected === 0) failed++;
}

if (failedStages.size > 0) console.log(`Failed stages: ${[...failedStages].join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || failedStages.size > 0 ? 1 : 0);
