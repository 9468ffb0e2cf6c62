import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Three projects: `node` (core, sandbox, browser mode, main with electron
 * mocked; real SQLite, PostgreSQL, HTTP, CUPS), `renderer` (jsdom + Testing Library) and
 * `e2e` (Playwright driving Debian's Chromium against browser mode).
 */
/**
 * expect.poll waits for something the user would see; Vitest's 1 s default is a timed assertion in disguise on a
 * loaded 2-core machine (a Chromium page, a CUPS job, a database notification can take longer). A poll still fails
 * when the thing never comes; speed is the benches' job.
 */
const POLL = { timeout: 10_000, interval: 50 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/static/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          expect: { poll: POLL },
          // This run's PostgreSQL (started by the first test file that needs it, stopped at the end).
          globalSetup: ['test/helpers/postgres-global-setup.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
          // A form typed key by key in jsdom takes ~12 s on a quiet 2-core machine; the timeout only catches a hang,
          // it must not fail a correct test on a loaded one (speed is the benches' job).
          testTimeout: 60_000,
          expect: { poll: POLL },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          expect: { poll: POLL },
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
