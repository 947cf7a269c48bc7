// Prints one closing line for the whole test run, from the JSON reports of vitest and
// Playwright: "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const unit = read('test-results/vitest.json');
const e2e = read('test-results/playwright.json');

const passed = unit.numPassedTests + e2e.stats.expected + e2e.stats.flaky;
const failed = unit.numFailedTests + e2e.stats.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.stats.skipped;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
