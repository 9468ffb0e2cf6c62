import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { needSystem } from './ci';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
  (p): p is string => !!p,
);

export function chromiumPath(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** True when Chromium is there; in CI a missing Chromium throws instead. */
export function chromiumAvailable(): boolean {
  return needSystem(chromiumPath() !== null, "Debian's Chromium", 'apt-get install chromium');
}

/**
 * Headless Chromium with the flags this workplace needs: no sandbox as root,
 * and no background networking (the network is closed; Chromium's own calls
 * home would otherwise fail noisily). Playwright gives each launch a fresh
 * empty profile.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
