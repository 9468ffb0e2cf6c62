/**
 * Tests that need a system program (CUPS, Chromium) call `needSystem`: in CI
 * a missing program is a failure; on a developer's machine the test skips
 * with a loud note saying what to install.
 */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export function missingSystemMessage(what: string, install: string): string {
  return `${what} is not available. Install it (${install}) to run this test.`;
}

/** Returns true when the test should run; throws in CI when the program is missing. */
export function needSystem(available: boolean, what: string, install: string): boolean {
  if (available) return true;
  const message = missingSystemMessage(what, install);
  if (IN_CI) throw new Error(`${message} (CI=true: missing system programs fail the run)`);
  console.warn(`\n!!! SKIPPING: ${message}\n`);
  return false;
}
