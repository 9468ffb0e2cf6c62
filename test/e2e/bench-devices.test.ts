/**
 * Bench devices in Chromium against browser mode and a private CUPS
 * scheduler: a first launch with one ready queue leads through the set-up
 * checklist to a printed first label, and a printer reporting a fault (the
 * CUPS test back end's media-empty-error) stops the label from being bought
 * with one clear message. The shipping scale is a scripted `navigator.hid`
 * (installed with addInitScript: headless Chromium cannot attach a virtual
 * HID device) whose scale streams HID POS reports: chosen in Settings, its
 * stable weight lands in the Create label form.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainNav, openStationPage, startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable } from '../helpers/chromium';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { DYMO_M25, installFakeHid, REPORT, type FakeHidControl } from '../helpers/fake-hid';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const run = chromiumAvailable() && needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);

/** A valid US shipment, field by field (the keyboard-only path is packer-flow's). */
async function fillLabel(page: Page, order: string, weight: string | null = '0.5'): Promise<void> {
  const to = page.getByRole('group', { name: 'Ship to' });
  await to.getByLabel('First name', { exact: true }).fill('Pat');
  await to.getByLabel('Last name', { exact: true }).fill('Buyer');
  await to.getByLabel('Phone', { exact: true }).fill('+1-555-0100');
  await to.getByLabel('Street', { exact: true }).fill('1 Main St');
  await to.getByLabel('City', { exact: true }).fill('Los Angeles');
  await to.getByLabel('State / province', { exact: true }).fill('CA');
  await to.getByLabel('Postal code', { exact: true }).fill('90001');
  await to.getByLabel('Country (2 letters)', { exact: true }).selectOption('US');
  await page.getByRole('combobox', { name: 'Courier' }).selectOption('yunexpress');
  await expect.poll(() => page.getByRole('combobox', { name: 'Product' }).locator('option').count()).toBeGreaterThan(1);
  await page.getByRole('combobox', { name: 'Product' }).selectOption('HKMUZXR');
  await page.getByLabel('Order number', { exact: true }).fill(order);
  if (weight !== null) await page.getByLabel('Weight (kg)', { exact: true }).fill(weight);
  await page.getByLabel('Description (English)', { exact: true }).fill('Ink pen');
  await page.getByLabel('Unit price', { exact: true }).fill('3.5');
  await page.getByLabel('Unit weight (kg)', { exact: true }).fill('0.5');
}

describe.runIf(run)('bench devices in Chromium: the first label, and a printer that cannot print', () => {
  let browser: Browser;
  let app: BrowserModeProcess;
  let cups: CupsInstance;
  let queue: RawQueue;
  let page: Page;
  const errors: string[] = [];
  const nav = (name: string) => mainNav(page, name, false);
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `devices-${name}.png`) });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    cups = await startCups();
    // One ready queue, not the system default: the first launch must find it by itself.
    queue = await cups.addRawQueue('Only_Zebra');
    app = await startBrowserMode([], cups.env);
    ({ browser, page } = await openStationPage(app, errors, { viewport: { width: 1280, height: 800 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await cups?.stop();
  });

  it('first launch with one ready queue: the checklist leads to a printed first label', async () => {
    const checklist = page.getByTestId('setup-checklist');
    await checklist.waitFor();
    await expect.poll(() => checklist.getByTestId('setup-printer').textContent()).toContain('Label printer Only_Zebra is ready');
    expect(await checklist.getByTestId('setup-ship-from').getAttribute('data-done')).toBe('false');
    await expect.poll(() => page.getByTestId('status-printer').textContent()).toBe('Only_Zebra ready');
    await shot('first-launch');

    await checklist.getByRole('button', { name: 'Open Settings' }).click();
    const from = page.getByRole('group', { name: 'Ship-from address' });
    await from.getByLabel('First name').fill('Ware');
    await from.getByLabel('Last name').fill('House');
    await from.getByLabel('Phone').fill('+81-3-0000-0000');
    await from.getByLabel('Street', { exact: true }).fill('1-1 Example');
    await from.getByLabel('City').fill('Tokyo');
    await from.getByLabel('Postal code').fill('100-0001');
    await from.getByLabel('Country (2 letters)').selectOption('JP');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();

    await nav('Create label').click();
    await page.getByRole('heading', { level: 2, name: 'Create label' }).waitFor();
    await fillLabel(page, 'FIRST-1');
    expect(await page.getByTestId('setup-checklist').count()).toBe(0);
    await page.getByRole('button', { name: 'Create label (Enter)' }).click();
    await expect.poll(() => page.getByTestId('created-printed').textContent(), { timeout: 60_000 }).toBe('Printed');
    const bytes = await queue.listener.waitForDelivery(0);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot('first-label');
  });

  it('a printer out of labels: the print is blocked before anything is bought, with one clear message', async () => {
    await cups.addStateQueue('Empty_Zebra', ['media-empty-error']);
    await nav('Printers').click();
    const form = page.getByRole('form', { name: 'New print profile' });
    await form.getByLabel('Profile', { exact: true }).fill('Bench Zebra');
    await expect.poll(() => form.getByLabel('Queue', { exact: true }).locator('option').allTextContents()).toContain('Empty_Zebra');
    await form.getByLabel('Queue', { exact: true }).selectOption('Empty_Zebra');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByTestId('label-printer-state').textContent()).toBe('Empty_Zebra: out of labels');
    expect(await page.getByTestId('label-printer-action').textContent()).toBe('Load labels into the printer.');
    await expect.poll(() => page.getByTestId('status-printer').textContent()).toBe('Empty_Zebra: out of labels');
    await shot('printer-fault');

    await nav('Shipments').click();
    const rows = page.getByTestId('shipment-row');
    await rows.first().waitFor();
    const before = await rows.count();

    await nav('Create label').click();
    await page.getByRole('heading', { level: 2, name: 'Create label' }).waitFor();
    await fillLabel(page, 'BLOCKED-1');
    await page.getByRole('button', { name: 'Create label (Enter)' }).click();
    const ask = page.getByRole('alertdialog', { name: 'The label printer cannot print right now' });
    await ask.waitFor();
    expect(await ask.getByTestId('ask-print-later-problem').textContent()).toBe('Empty_Zebra: out of labels');
    expect(await ask.getByTestId('ask-print-later-action').textContent()).toBe('Load labels into the printer.');
    expect(await ask.textContent()).toContain('Nothing has been bought yet.');
    await shot('print-blocked');
    await ask.getByRole('button', { name: 'Don’t buy' }).click();

    await nav('Shipments').click();
    await rows.first().waitFor();
    expect(await rows.count()).toBe(before);
    expect(await page.getByText('BLOCKED-1').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a USB scale (scripted WebHID): chosen once in Settings, its stable weight lands in the form; the fault still blocks the print', async () => {
    const scalePage = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    scalePage.on('pageerror', (e) => errors.push(e.message));
    await scalePage.addInitScript(installFakeHid, {
      devices: [{ vendorId: 0x046d, productId: 0xc31c, productName: 'USB Keyboard', usagePage: 1 }, DYMO_M25],
    });
    const report = (bytes: number[]) =>
      scalePage.evaluate((r) => (globalThis as unknown as { __fakeHid: FakeHidControl }).__fakeHid.report(1, 3, r), bytes);
    const scaleNav = (name: string) => scalePage.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name });
    await scalePage.goto(app.url);
    await scalePage.getByTestId('demo-banner').waitFor();

    await scaleNav('Settings').click();
    const settings = scalePage.getByTestId('scale-settings');
    await settings.getByRole('button', { name: 'Choose the scale…' }).click();
    await expect.poll(() => settings.getByTestId('scale-chosen').textContent()).toBe('Scale in use: DYMO M25 25 Lb Digital Postal Scale');
    expect(await report(REPORT.zero())).toBe(true); // the stale first report: dropped
    expect(await report(REPORT.zero())).toBe(true);
    await expect.poll(() => settings.getByTestId('scale-line').textContent()).toBe('Scale: put the parcel on it');

    await scaleNav('Create label').click();
    await scalePage.getByRole('heading', { level: 2, name: 'Create label' }).waitFor();
    await fillLabel(scalePage, 'SCALE-1', null);
    const weight = scalePage.getByTestId('parcel-0').getByLabel('Weight (kg)', { exact: true });
    const line = scalePage.getByTestId('parcel-0').getByTestId('scale-line');
    // Reopened on this screen: its first report is dropped again, then the parcel settles.
    await report(REPORT.motion(500));
    await report(REPORT.motion(1180));
    await expect.poll(() => line.textContent()).toBe('Scale: settling… 1.18 kg');
    expect(await weight.inputValue()).toBe('');
    await report(REPORT.stable(1234));
    await expect.poll(() => weight.inputValue()).toBe('1.234');
    expect(await line.textContent()).toBe('Scale: 1.234 kg');
    await scalePage.screenshot({ path: join(SCREENSHOTS, 'devices-scale-weight.png') });

    // The label printer is still out of labels (previous test): nothing is bought, and the message says what to do.
    await scalePage.getByRole('button', { name: 'Create label (Enter)' }).click();
    const ask = scalePage.getByRole('alertdialog', { name: 'The label printer cannot print right now' });
    await ask.waitFor();
    expect(await ask.getByTestId('ask-print-later-problem').textContent()).toBe('Empty_Zebra: out of labels');
    expect(await ask.getByTestId('ask-print-later-action').textContent()).toBe('Load labels into the printer.');
    // While the packer is asked, the weight stays the one the question is about.
    await report(REPORT.motion(3000));
    await report(REPORT.stable(3050));
    expect(await weight.inputValue()).toBe('1.234');
    await ask.getByRole('button', { name: 'Don’t buy' }).click();
    await scalePage.close();
    expect(errors).toEqual([]);
  });
});
