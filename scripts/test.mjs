#!/usr/bin/env node
// `npm test`: every vitest project (node, renderer, e2e; typecheck and lint run as tests in the node project),
// then `N skipped` and one closing line `N passed, N failed` of its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Node ${process.versions.node} is too old: Shipping Station needs Node 22.12 or newer.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const outDir = join(root, 'test-results');
mkdirSync(outDir, { recursive: true });
const jsonFile = join(outDir, 'vitest.json');
rmSync(jsonFile, { force: true });

const extra = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...extra],
  { cwd: root, stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A file that failed to load, or whose beforeAll failed (its tests then show as skipped), has no failed test in
  // the counts: count the file as one failure so a broken setup never passes as skips.
  for (const file of report.testResults ?? []) {
    const results = file.assertionResults ?? [];
    if (file.status === 'failed' && !results.some((r) => r.status === 'failed')) failed += 1;
  }
} catch {
  failed = Math.max(failed, 1);
  console.error('The test run produced no report (see the output above).');
}
if (run.status !== 0 && failed === 0) failed = 1;
// The last line is exactly `N passed, N failed` (CI reads it); skips are said on the line before.
console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
