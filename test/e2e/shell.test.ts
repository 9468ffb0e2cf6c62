import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const run = chromiumAvailable();

describe.runIf(run)('browser mode in Chromium: the shell', () => {
  let browser: Browser;
  let app: BrowserModeProcess;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startBrowserMode();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('loads the app with the demo banner, and the token leaves the address bar', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('demo-banner').textContent(), { timeout: 30_000 }).toMatch(/Demo mode — embedded sandbox/);
    expect(new URL(page.url()).hash).toBe('');
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-create.png') });
    expect(errors).toEqual([]);
  });

  it('navigates to every screen', async () => {
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const name of ['Shipments', 'Printers', 'Settings', 'Create label']) {
      await nav.getByRole('button', { name }).click();
      await page.getByRole('heading', { level: 2, name }).waitFor();
      expect(await nav.getByRole('button', { name }).getAttribute('aria-current')).toBe('page');
    }
    await nav.getByRole('button', { name: 'Shipments' }).click();
    await page.getByText(/No shipments yet/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-shipments.png') });
  });

  it('keeps working after a reload (token kept for the tab)', async () => {
    await page.reload();
    await page.getByTestId('demo-banner').waitFor();
  });

  it('refuses a call without the token with 401', async () => {
    const status = await page.evaluate(
      async () =>
        (await fetch('/api/call/app:status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    );
    expect(status).toBe(401);
  });

  it('shows a clear message when opened without the token', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(app.origin + '/');
    await expect.poll(() => fresh.getByRole('alert').textContent()).toMatch(/not connected to the station/);
    await fresh.close();
  });
});
