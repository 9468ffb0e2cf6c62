/**
 * The packer's shift in Chromium against browser mode: the embedded sandbox
 * answers the API, a private CUPS scheduler with a raw queue stands in for
 * the label printer (its socket listener sees the exact bytes), and every
 * step is driven the way a packer drives it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainNav, openStationPage, startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable } from '../helpers/chromium';
import { needSystem } from '../helpers/ci';
import { cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const QUEUE = 'Bench_Zebra';
/** The sandbox's first checkpoint comes 2 simulated hours in: 20 s of real time at demo speed. */
const NEW_CHECKPOINT_TIMEOUT_MS = 90_000;
const run = chromiumAvailable() && needSystem(cupsAvailable(), 'CUPS (cupsd, lp, lpadmin)', 'apt-get install cups cups-client cups-daemon');

describe.runIf(run)('a packer in Chromium: create, print, list, track, scan, switch language', () => {
  let browser: Browser;
  let app: BrowserModeProcess;
  let cups: CupsInstance;
  let queue: RawQueue;
  let page: Page;
  let trackingNumber = '';
  const errors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const nav = (name: string) => mainNav(page, name, false);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    cups = await startCups();
    queue = await cups.addRawQueue(QUEUE);
    app = await startBrowserMode([], cups.env);
    ({ browser, page } = await openStationPage(
      app,
      errors,
      { viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Shanghai' },
      (p) => {
        p.on('console', (m) => {
          if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
        });
      },
    ));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await cups?.stop();
  });

  it('sets up once: the warehouse address in Settings and a print profile on the private queue', async () => {
    await nav('Settings').click();
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
    await shot('settings');

    await nav('Printers').click();
    // The discovered queue (the fresh label profile may already name it too).
    await page.getByTestId('printer-row').filter({ hasText: QUEUE }).waitFor();
    const form = page.getByRole('form', { name: 'New print profile' });
    await form.getByLabel('Profile', { exact: true }).fill('Bench 7 Zebra');
    await form.getByLabel('Queue', { exact: true }).selectOption(QUEUE);
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('row').filter({ hasText: 'Bench 7 Zebra' }).waitFor();
    await shot('printers');
  });

  it('creates a label from the keyboard alone, and the bytes reach the queue', async () => {
    await nav('Create label').click();
    const first = page.getByRole('group', { name: 'Ship to' }).getByLabel('First name');
    await first.focus();
    const kb = page.keyboard;
    const tab = () => kb.press('Tab');
    // Ship to: first, last, phone, e-mail, street, street 2, city, state, postal code, country (select: type-ahead).
    for (const text of ['Pat', 'Buyer', '+1-555-0100', 'pat@example.com', '1 Main St', '', 'Los Angeles', 'CA', '90001']) {
      if (text) await kb.type(text);
      await tab();
    }
    await kb.type('US');
    await tab();
    await page.getByRole('combobox', { name: 'Courier' }).waitFor();
    await kb.type('yun');
    await tab();
    await expect.poll(() => page.getByRole('combobox', { name: 'Product' }).locator('option').count()).toBeGreaterThan(1);
    await kb.type('HK');
    await tab(); // label format: PDF
    await tab();
    await kb.type('E2E-ORDER-1');
    await tab(); // platform order number
    await tab(); // reference numbers
    await tab();
    await kb.type('0.5'); // weight
    for (let i = 0; i < 4; i++) await tab(); // length, width, height → description
    await kb.type('Ink pen');
    await tab();
    await kb.type('墨水笔');
    await tab(); // quantity stays 1
    await tab();
    await kb.type('3.5');
    await tab(); // currency stays USD
    await tab();
    await kb.type('0.5');
    await shot('create-filled');
    await kb.press('Enter');

    const tracking = page.getByTestId('created-tracking');
    await tracking.waitFor({ timeout: 60_000 });
    trackingNumber = (await tracking.textContent())!.trim();
    expect(trackingNumber).toMatch(/^[A-Z0-9]{8,}$/);
    await expect.poll(() => page.getByTestId('created-printed').textContent(), { timeout: 30_000 }).toBe('Printed');
    const bytes = await queue.listener.waitForDelivery(0);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot('create-done');
  });

  it('a stray Enter on the still-filled form books nothing: the station asks, and No is the default', async () => {
    // Back in the filled form (a click, a scanner gun's trigger), Enter submits it again.
    await page.getByRole('textbox', { name: 'Order number', exact: true }).click();
    await page.keyboard.press('Enter');
    const ask = page.getByRole('alertdialog', { name: `Order E2E-ORDER-1 already has label ${trackingNumber}: create another?` });
    await ask.waitFor();
    await expect
      .poll(() => ask.getByRole('button', { name: 'No, keep the one label' }).evaluate((b) => b === document.activeElement))
      .toBe(true);
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    await page.getByText(`No label was bought. Order E2E-ORDER-1 keeps its label ${trackingNumber}.`).waitFor();
    await page.keyboard.press('Enter');
    await shot('create-duplicate-refused');
    // One shipment for the order, and the queue got one document.
    await nav('Shipments').click();
    await page.getByTestId('shipment-row').first().waitFor();
    expect(await page.getByTestId('shipment-row').filter({ hasText: 'E2E-ORDER-1' }).count()).toBe(1);
    expect(queue.listener.deliveries).toHaveLength(1);
  });

  it('a rejected label is corrected in the form and tried again on the same shipment, and it prints', async () => {
    await nav('Create label').click();
    // The last shipment's service and parcels; a recipient of its own.
    await page.getByRole('button', { name: 'Duplicate last (Ctrl+D)' }).click();
    const to = page.getByRole('group', { name: 'Ship to' });
    await to.getByLabel('First name').fill('Robin');
    await to.getByLabel('Last name').fill('Buyer');
    await to.getByLabel('Phone').fill('+1-555-0101');
    await to.getByLabel('Street', { exact: true }).fill('2 Main St');
    await to.getByLabel('City').fill('Los Angeles');
    await to.getByLabel('State / province').fill('CA');
    await to.getByLabel('Country (2 letters)').selectOption('US');
    const postal = to.getByLabel('Postal code');
    await postal.fill('00000'); // the sandbox courier refuses this postal code
    await page.getByRole('textbox', { name: 'Order number', exact: true }).fill('E2E-ORDER-2');
    await page.keyboard.press('Enter');
    const failure = page.getByTestId('create-failure');
    await failure.waitFor({ timeout: 60_000 });
    expect(await failure.textContent()).toContain('The courier refused the label: the recipient postal code is not serviceable.');
    expect(await failure.textContent()).not.toContain('HTTP 400');
    expect(await postal.getAttribute('aria-invalid')).toBe('true');
    await postal.fill('90001');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByTestId('created-printed').textContent(), { timeout: 60_000 }).toBe('Printed');
    const bytes = await queue.listener.waitForDelivery(1);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // One shipment for the order: the correction was a new attempt on the same row.
    await nav('Shipments').click();
    await page.getByTestId('shipment-row').filter({ hasText: 'E2E-ORDER-2' }).waitFor();
    expect(await page.getByTestId('shipment-row').filter({ hasText: 'E2E-ORDER-2' }).count()).toBe(1);
  });

  it('shows the new shipment in the list', async () => {
    await nav('Shipments').click();
    const row = page.getByTestId('shipment-row').filter({ hasText: trackingNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain('E2E-ORDER-1');
    await shot('shipments');
  });

  it('follows the tracking as the sandbox clock moves, and the detail shows the new checkpoint', async () => {
    await page.getByTestId('shipment-row').filter({ hasText: trackingNumber }).click();
    await page.getByTestId('detail-tracking').filter({ hasText: trackingNumber }).waitFor();
    const checkpoints = page.getByTestId('checkpoint');
    const before = await checkpoints.count();
    await page.getByRole('button', { name: 'Refresh now' }).click();
    // A label polled minutes ago is inside the 15-minute floor: the packer has to insist.
    await page.getByTestId('detail-note').waitFor();
    await expect
      .poll(
        async () => {
          const force = page.getByRole('button', { name: 'Refresh anyway' });
          if (await force.isVisible()) await force.click();
          else await page.getByRole('button', { name: 'Refresh now' }).click();
          return checkpoints.count();
        },
        { timeout: NEW_CHECKPOINT_TIMEOUT_MS, interval: 5_000 },
      )
      .toBeGreaterThan(before);
    await expect.poll(() => checkpoints.first().textContent()).toMatch(/\S/);
    // The label PDF is drawn as page images (PDF.js under the page's CSP), not left to a PDF plugin.
    const firstPage = page.getByRole('img', { name: `Label ${trackingNumber}, page 1 of 1` });
    await firstPage.waitFor();
    expect(await firstPage.evaluate((el) => el.tagName)).toBe('CANVAS');
    await shot('detail');
  });

  it('reprints from the detail: a second job reaches the queue and joins the print history', async () => {
    await page.getByRole('button', { name: 'Reprint' }).click();
    await page.getByRole('radio', { name: 'Label damaged' }).check();
    await page.getByRole('button', { name: 'Reprint', exact: true }).click();
    // The second label (corrected and retried) was the queue's second job; this reprint is the third.
    const again = await queue.listener.waitForDelivery(2);
    expect(again.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect.poll(() => page.getByTestId('print-jobs').locator('li').count()).toBe(2);
  });

  it('opens a shipment from a scanned tracking number', async () => {
    await nav('Create label').click();
    await page.getByRole('heading', { level: 2, name: 'Create label' }).waitFor();
    await page.keyboard.press('F2');
    await page.keyboard.type(trackingNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('detail-tracking').filter({ hasText: trackingNumber }).waitFor();
    await shot('scan-opened');
  });

  it('switches to 简体中文 and the screen is Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh-CN');
    const navZh = page.getByRole('navigation', { name: '主导航' });
    await navZh.getByRole('button', { name: '货件' }).click();
    await page.getByRole('heading', { level: 2, name: '货件' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans-CN');
    expect(await page.getByTestId('status-bar').textContent()).toContain('环境');
    await shot('shipments-zh-CN');
    await navZh.getByRole('button', { name: '创建标签' }).click();
    await page.getByRole('heading', { level: 2, name: '创建标签' }).waitFor();
    await shot('create-zh-CN');
    await page.getByTestId('language-switch').selectOption('zh-TW');
    await page.getByRole('heading', { level: 2, name: '建立標籤' }).waitFor();
    await shot('create-zh-TW');
    expect(errors).toEqual([]);
  });
});
